/**
 * The path to return to after sign-in, only ever on this site. Browsers read `/\evil.example` and `/\t/evil.example`
 * as other hosts, so the value is resolved against our own origin and anything that lands elsewhere becomes `/`.
 */
export function safeCallbackPath(raw: string | null | undefined, origin: string): string {
  if (!raw || !raw.startsWith('/')) return '/';
  try {
    const url = new URL(raw, origin);
    if (url.origin !== new URL(origin).origin) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
