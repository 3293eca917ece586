import { requireSection } from '@/lib/auth/require-section';
import { SectionPending } from '@/components/shell/section-pending';

export const metadata = { title: 'Privacy' };

export default async function PrivacyPage() {
  await requireSection('/privacy');
  return (
    <SectionPending title="Privacy">
      Consent records, access and erasure requests, retention and the audit trail will be managed here. No
      requests have been received.
    </SectionPending>
  );
}
