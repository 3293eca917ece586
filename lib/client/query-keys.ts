import type { CustomerListFilter } from '@/lib/customers/customer-list-params';

/** Query-key factory: every React Query key in one place, so mutations invalidate exactly what they change. */
export const queryKeys = {
  overview: (weeks: number) => ['overview', weeks] as const,
  apiKeys: () => ['api-keys'] as const,
  /** Every customer read starts with 'customers', so one invalidation refreshes lists, profiles and orders. */
  customers: () => ['customers'] as const,
  customerList: (filter: CustomerListFilter) => ['customers', 'list', filter] as const,
  customer: (customerId: string) => ['customers', 'detail', customerId] as const,
  customerOrders: (customerId: string) => ['customers', 'detail', customerId, 'orders'] as const,
  segments: (flowDays: number) => ['segments', flowDays] as const,
};
