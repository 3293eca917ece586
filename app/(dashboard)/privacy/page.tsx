import { AuditPanel } from '@/components/privacy/audit-panel';
import { ConsentLookupPanel } from '@/components/privacy/consent-lookup-panel';
import { ConsentOverviewPanel } from '@/components/privacy/consent-overview-panel';
import { RequestsPanel } from '@/components/privacy/requests-panel';
import { RetentionPanel } from '@/components/privacy/retention-panel';
import { hasPermission } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';

export const metadata = { title: 'Privacy' };
export const dynamic = 'force-dynamic';

export default async function PrivacyPage() {
  const user = await requireSection('/privacy');
  return (
    <>
      <h1>Privacy</h1>
      <p className="muted">
        Access and erasure requests, consent per purpose and how it is enforced, each customer&apos;s consent
        ledger, and the audit trail.
      </p>
      <RequestsPanel canWrite={hasPermission(user.role, 'privacy:write')} />
      <ConsentOverviewPanel />
      <ConsentLookupPanel canWrite={hasPermission(user.role, 'privacy:write')} />
      <RetentionPanel canWrite={hasPermission(user.role, 'privacy:write')} />
      <AuditPanel />
    </>
  );
}
