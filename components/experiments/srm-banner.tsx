import type { SrmResult } from '@/lib/experiments/stats/srm';

/** Shown when users are not split as configured: every comparison is suspect until the cause is found. */
export function SrmBanner({ srm }: { srm: SrmResult }) {
  if (srm.status !== 'alarm') return null;
  return (
    <div className="srm-banner" role="alert" data-testid="srm-banner">
      <strong>Sample ratio mismatch.</strong> Customers are not split between the variants as the weights say,
      which means assignment or logging is broken somewhere, so no result on this page can be trusted until it
      is fixed. <span className="muted">{srm.reason}</span>
    </div>
  );
}
