import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { ExperimentForm } from '@/components/experiments/experiment-form';
import { hasPermission } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';
import { PROMPT_VERSIONS } from '@/lib/experiments/variant';

export const metadata = { title: 'New experiment' };
export const dynamic = 'force-dynamic';

export default async function NewExperimentPage() {
  const user = await requireSection('/experiments');
  // Reading experiments is not enough to create one.
  if (!hasPermission(user.role, 'experiments:write')) forbidden();
  return (
    <>
      <p>
        <Link href="/experiments">← All experiments</Link>
      </p>
      <h1>New experiment</h1>
      <ExperimentForm promptVersions={PROMPT_VERSIONS} />
    </>
  );
}
