import { REJECTS_PAGE } from '@/components/imports/import-format';
import { ImportsClient } from '@/components/imports/imports-client';
import { requireSection } from '@/lib/auth/require-section';
import { getImportStatus } from '@/lib/imports/get-import-status';
import { IMPORT_ID_PATTERN } from '@/lib/imports/import-job';
import { listImportHistory } from '@/lib/imports/list-import-history';

export const metadata = { title: 'Imports' };
export const dynamic = 'force-dynamic';

export default async function ImportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireSection('/imports');
  const params = await searchParams;
  const importId =
    typeof params.import === 'string' && IMPORT_ID_PATTERN.test(params.import) ? params.import : null;
  const offset = Math.max(0, Number(params.rejects ?? 0) || 0);
  // The first paint has the history and the import in the address; the client keeps them current.
  const [history, job] = await Promise.all([
    listImportHistory(20),
    importId
      ? getImportStatus(importId, { offset, limit: REJECTS_PAGE }).catch(() => undefined)
      : Promise.resolve(undefined),
  ]);
  return (
    <>
      <h1>Imports</h1>
      <p className="muted">
        Bring in your shop&apos;s order history: orders, their customers and products, returns as refunds.
        Importing the same file again adds nothing, so an interrupted import can simply be run again.
      </p>
      <ImportsClient initialHistory={history} initialJob={job} />
    </>
  );
}
