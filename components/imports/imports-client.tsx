'use client';
import { useQueryClient } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { queryKeys } from '@/lib/client/query-keys';
import {
  useImport,
  useImportHistory,
  useImportPreview,
  useStartImport,
  useUploadImportFile,
  type ImportHistoryPage,
  type ImportStatus,
  type ReadChoice,
} from '@/lib/client/use-imports';
import { REJECTS_PAGE } from './import-format';
import { ImportHistoryTable } from './import-history-table';
import { ImportJobPanel } from './import-job-panel';
import { MappingStep } from './mapping-step';
import { PreviewTable } from './preview-table';
import { UploadStep, type UploadState } from './upload-step';

const AUTO: ReadChoice = { format: 'auto', map: {} };
const key = (choice: ReadChoice) => JSON.stringify(choice);

/**
 * The Imports page: upload an order file (and a products file), see how it is read and fix the mapping, dry-run it,
 * import it and watch it go; the history below. The import being watched and its page of problems live in the URL
 * (?import=…&rejects=…), so a reload or a shared link shows the same.
 */
export function ImportsClient({
  initialHistory,
  initialJob,
}: {
  initialHistory: ImportHistoryPage;
  initialJob?: ImportStatus;
}) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const client = useQueryClient();
  const importId = searchParams.get('import');
  const rejectsOffset = Math.max(0, Number(searchParams.get('rejects') ?? 0) || 0);
  // The browser's own history API: Next keeps useSearchParams in step without asking the server for the page again.
  const setUrl = (id: string | null, offset = 0) => {
    const params = new URLSearchParams();
    if (id) params.set('import', id);
    if (offset) params.set('rejects', String(offset));
    window.history.replaceState(null, '', params.size ? `${pathname}?${params}` : pathname);
  };

  const seeded =
    initialJob?.import.importId === importId && rejectsOffset === (initialJob?.rejects?.offset ?? 0);
  const job = useImport(
    importId,
    { offset: rejectsOffset, limit: REJECTS_PAGE },
    seeded ? initialJob : undefined,
  );
  const history = useImportHistory(
    initialHistory,
    job.data?.import.status === 'running' && !job.data.import.dryRun,
  );
  const sendOrders = useUploadImportFile();
  const sendProducts = useUploadImportFile();
  const preview = useImportPreview();
  const start = useStartImport();

  const [orders, setOrders] = useState<UploadState>({});
  const [products, setProducts] = useState<UploadState>({});
  const [choice, setChoice] = useState<ReadChoice>(AUTO);
  const [previewed, setPreviewed] = useState<string | null>(null);

  const store = history.data?.store ?? initialHistory.store;
  const uploaded = orders.done;
  const runPreview = (uploadId: string, next: ReadChoice) => {
    setPreviewed(key(next));
    preview.mutate({ uploadId, choice: next });
  };

  const onOrders = (file: File) => {
    const next: ReadChoice = { ...AUTO, productsUploadId: products.done?.upload.uploadId };
    setChoice(next);
    setPreviewed(null);
    preview.reset();
    start.reset();
    const sending = (share: number) => setOrders({ sending: { name: file.name, size: file.size, share } });
    sending(0);
    sendOrders.mutate(
      { file, onProgress: sending },
      {
        onSuccess: (done) => {
          setOrders({ done });
          runPreview(done.upload.uploadId, next);
        },
        onError: (error) => setOrders({ error: `Could not upload ${file.name}: ${error.message}` }),
      },
    );
  };

  const onProducts = (file: File) => {
    const sending = (share: number) => setProducts({ sending: { name: file.name, size: file.size, share } });
    sending(0);
    sendProducts.mutate(
      { file, onProgress: sending },
      {
        onSuccess: (done) => {
          setProducts({ done });
          const next = { ...choice, productsUploadId: done.upload.uploadId };
          setChoice(next);
          if (uploaded) runPreview(uploaded.upload.uploadId, next);
        },
        onError: (error) => setProducts({ error: `Could not upload ${file.name}: ${error.message}` }),
      },
    );
  };

  const onClearProducts = () => {
    setProducts({});
    const next = { ...choice, productsUploadId: undefined };
    setChoice(next);
    if (uploaded) runPreview(uploaded.upload.uploadId, next);
  };

  // When the watched import ends, the history, the Overview and the customers have changed.
  const status = job.data?.import.status;
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === 'running' && status && status !== 'running') {
      void client.invalidateQueries({ queryKey: queryKeys.imports() });
      void client.invalidateQueries({ queryKey: ['overview'] });
      void client.invalidateQueries({ queryKey: queryKeys.customers() });
    }
    previous.current = status;
  }, [status, client]);

  const someoneRunning =
    status === 'running' || (history.data?.imports ?? []).some((i) => i.status === 'running');
  const stale = previewed !== key(choice);
  const readable = Boolean(preview.data) && !preview.error && !stale && !preview.isPending;
  const jobPanel = useRef<HTMLDivElement>(null);
  // The import just started or opened from the history: brought into view once it has loaded.
  const scrollTo = useRef<string | null>(null);
  const loaded = Boolean(job.data);
  useEffect(() => {
    if (loaded && scrollTo.current === importId) {
      jobPanel.current?.scrollIntoView({ block: 'start' });
      scrollTo.current = null;
    }
  }, [loaded, importId]);
  const begin = (dryRun: boolean) => {
    if (!uploaded) return;
    start.mutate(
      { uploadId: uploaded.upload.uploadId, choice, dryRun },
      {
        onSuccess: (started) => {
          // Shown at once, not after the first poll (nor the previous import meanwhile).
          client.setQueryData<ImportStatus>(queryKeys.importJob(started.importId, 0), {
            import: started.import,
            store,
          });
          scrollTo.current = started.importId;
          setUrl(started.importId);
        },
      },
    );
  };

  const list = history.data?.imports ?? [];
  return (
    <>
      <UploadStep
        orders={orders}
        products={products}
        busy={start.isPending}
        onOrders={onOrders}
        onProducts={onProducts}
        onClearProducts={onClearProducts}
      />
      {uploaded ? (
        <MappingStep
          fileColumns={preview.data?.fileColumns.length ? preview.data.fileColumns : uploaded.file.columns}
          targets={uploaded.mapping}
          looksLike={uploaded.file.looksLike}
          choice={choice}
          preview={preview.data}
          problem={preview.error?.message}
          reading={preview.isPending}
          stale={stale && previewed !== null}
          onChoice={setChoice}
          onPreview={() => runPreview(uploaded.upload.uploadId, choice)}
        />
      ) : (
        <div className="empty" data-testid="imports-empty">
          Choose your order file above to begin: you will see how it is read and its first lines before
          anything is imported. Very large files can also be imported on the server with{' '}
          <code>npm run import -- --orders orders.csv</code>.
        </div>
      )}
      {uploaded && preview.data && !stale ? (
        <PreviewTable preview={preview.data} timeZone={store.timeZone} />
      ) : null}
      {uploaded ? (
        <section className="card" aria-labelledby="run-heading">
          <header className="card-header">
            <h2 id="run-heading">3. Dry run, then import</h2>
            <span className="muted">
              the dry run reads and checks every line and changes nothing; the import stores orders,
              customers, products and consent, then rebuilds the Overview and segments
            </span>
          </header>
          <div className="toolbar">
            <button
              type="button"
              className="secondary"
              disabled={!readable || someoneRunning || start.isPending}
              onClick={() => begin(true)}
            >
              Dry run
            </button>
            <button
              type="button"
              disabled={!readable || someoneRunning || start.isPending}
              onClick={() => begin(false)}
            >
              Import {uploaded.upload.name}
            </button>
            {!readable && !preview.isPending ? (
              <span className="muted">Preview the file without problems first.</span>
            ) : someoneRunning ? (
              <span className="muted">An import is running; one runs at a time.</span>
            ) : null}
          </div>
          {start.error ? (
            <p className="error" role="alert">
              Could not start: {start.error.message}
            </p>
          ) : null}
        </section>
      ) : null}
      <div ref={jobPanel} />
      {importId ? (
        job.data ? (
          <ImportJobPanel
            status={job.data}
            numbered={Boolean(uploaded)}
            loading={job.isPlaceholderData}
            onRejectsPage={(offset) => setUrl(importId, offset)}
          />
        ) : job.error ? (
          <p className="error" role="alert">
            Could not read import {importId}: {job.error.message}{' '}
            <button type="button" className="link-button" onClick={() => setUrl(null)}>
              Close
            </button>
          </p>
        ) : (
          <p className="muted">Loading import {importId}…</p>
        )
      ) : null}
      <section className="card" aria-labelledby="history-heading">
        <header className="card-header">
          <h2 id="history-heading">Past imports</h2>
          <span className="muted">
            newest first · money in {store.currency} · days in {store.timeZone}
          </span>
        </header>
        {history.error ? (
          <p className="error" role="alert">
            Could not load the history: {history.error.message}
          </p>
        ) : null}
        {list.length ? (
          <ImportHistoryTable
            imports={list}
            store={store}
            onOpen={(id) => {
              scrollTo.current = id;
              setUrl(id);
            }}
          />
        ) : (
          <p className="muted" data-testid="no-imports">
            No imports yet. Upload your order history above, or on the server run{' '}
            <code>npm run import -- --orders orders.csv</code> (docs/import.md).
          </p>
        )}
      </section>
    </>
  );
}
