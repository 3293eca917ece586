/** Query-key factory: every React Query key in one place, so mutations invalidate exactly what they change. */
export const queryKeys = {
  overview: (weeks: number) => ['overview', weeks] as const,
  apiKeys: () => ['api-keys'] as const,
};
