'use client';
import { useRef, type ChangeEvent } from 'react';
import type { UploadedFile } from '@/lib/client/use-imports';
import { sizeLabel } from './import-format';

export interface UploadState {
  /** The file being sent and how much of it has gone (0–1). */
  sending?: { name: string; size: number; share: number };
  done?: UploadedFile;
  error?: string;
}

function UploadProgress({ label, sending }: { label: string; sending: NonNullable<UploadState['sending']> }) {
  const pct = Math.floor(sending.share * 100);
  const text = `Uploading ${sending.name}: ${sizeLabel(sending.share * sending.size)} of ${sizeLabel(sending.size)} (${pct} %)`;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={text}
      data-testid="upload-progress"
    >
      <div className="progress-bar" style={{ width: `${pct}%` }} />
      <span>{text}</span>
    </div>
  );
}

function FileField({
  label,
  hint,
  state,
  disabled,
  onFile,
  testId,
}: {
  label: string;
  hint: string;
  state: UploadState;
  disabled: boolean;
  onFile: (file: File) => void;
  testId: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) onFile(file);
    event.target.value = ''; // the same file chosen again uploads again
  };
  // Once a file is on its way or uploaded, the browser's own field would say "No file chosen" (its value is
  // cleared so the same file can be sent again): it is hidden, and the file's line offers another instead.
  const hidden = Boolean(state.sending ?? state.done);
  return (
    <div className="import-file-field">
      <label>
        {label}
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,.ndjson,.jsonl,.json,text/csv,text/plain,application/x-ndjson"
          onChange={onChange}
          disabled={disabled}
          className={hidden ? 'visually-hidden' : undefined}
          data-testid={testId}
        />
      </label>
      <span className="muted">{hint}</span>
      {state.sending ? <UploadProgress label={`${label} upload`} sending={state.sending} /> : null}
      {state.done && !state.sending ? (
        <p className="ok" data-testid={`${testId}-done`}>
          {state.done.upload.name} · {sizeLabel(state.done.upload.sizeBytes)} uploaded{' '}
          <button
            type="button"
            className="secondary"
            disabled={disabled}
            onClick={() => input.current?.click()}
          >
            Choose another file
          </button>
        </p>
      ) : null}
      {state.error ? (
        <p className="error" role="alert">
          {state.error} Choose the file again to retry.
        </p>
      ) : null}
    </div>
  );
}

/** Step 1: the order file (and, for a Shopify export, its products file), each sent once with a progress bar. */
export function UploadStep({
  orders,
  products,
  busy,
  onOrders,
  onProducts,
  onClearProducts,
}: {
  orders: UploadState;
  products: UploadState;
  busy: boolean;
  onOrders: (file: File) => void;
  onProducts: (file: File) => void;
  onClearProducts: () => void;
}) {
  return (
    <section className="card" aria-labelledby="upload-heading">
      <header className="card-header">
        <h2 id="upload-heading">1. Upload your order history</h2>
        <span className="muted">
          canonical CSV, a Shopify orders export or NDJSON · formats and columns: <code>docs/import.md</code>
        </span>
      </header>
      <div className="import-files">
        <FileField
          label="Orders file"
          hint="One row per order line. Nothing is imported until you say so."
          state={orders}
          disabled={busy || Boolean(orders.sending)}
          onFile={onOrders}
          testId="orders-file"
        />
        <FileField
          label="Products file (optional)"
          hint="sku, product_name, category — needed for a Shopify export, which has no categories."
          state={products}
          disabled={busy || Boolean(products.sending)}
          onFile={onProducts}
          testId="products-file"
        />
        {products.done ? (
          <button type="button" className="link-button" onClick={onClearProducts}>
            Import without the products file
          </button>
        ) : null}
      </div>
    </section>
  );
}
