import Link from 'next/link';
import { Fragment } from 'react';
import { storeDateTime } from '@/lib/time/store-time';
import type { ImportStatus } from '@/lib/client/use-imports';
import { count, durationLabel, FORMAT_LABEL, progressText, statusLabel } from './import-format';
import { analysisRunText, finishingFacts, jobHeading } from './import-outcome';
import { ImportSummary } from './import-summary';
import { RejectsTable } from './rejects-table';

/**
 * The import or dry run being watched: a progress bar with lines/s and the time left while it runs, then what it did
 * (or would do) and its problems by line.
 */
export function ImportJobPanel({
  status,
  numbered,
  loading,
  onRejectsPage,
}: {
  status: ImportStatus;
  /** Step 4 of the page's steps (an import opened from the history, with no steps shown, is not numbered). */
  numbered: boolean;
  loading: boolean;
  onRejectsPage: (offset: number) => void;
}) {
  const { import: view, rejects, analysisRun, store } = status;
  const finishing = finishingFacts(view);
  const running = view.status === 'running';
  const p = view.progress;
  const text = progressText(view);
  const title = view.dryRun ? 'Dry run' : 'Import';
  return (
    <section
      className="card"
      aria-labelledby="job-heading"
      data-testid="import-job"
      data-status={view.status}
    >
      <header className="card-header">
        <h2 id="job-heading">{jobHeading(view, numbered)}</h2>
        <span className="muted">
          <code>{view.importId}</code> · started {storeDateTime(view.startedAt, store.timeZone)} (
          {store.timeZone})
        </span>
      </header>
      <p>
        <span className={`run-status run-${view.status}`} data-testid="import-status">
          {title}: {statusLabel(view)}
        </span>
        {view.format !== 'auto' ? (
          <span className="muted"> · read as {FORMAT_LABEL[view.format] ?? view.format}</span>
        ) : null}
        {view.dryRun && view.status === 'completed' ? (
          <span className="muted"> · nothing was changed</span>
        ) : null}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${title} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p.percent}
        aria-valuetext={text}
        data-testid="import-progress"
      >
        <div
          className={`progress-bar${view.status === 'failed' ? ' failed' : ''}`}
          style={{ width: `${p.percent}%` }}
        />
        <span>{text}</span>
      </div>
      <dl className="profile run-facts">
        {running ? (
          <>
            <dt>Lines read</dt>
            <dd data-testid="lines-read">
              {count(p.linesRead)} ({count(p.linesRejected)} rejected so far)
            </dd>
          </>
        ) : null}
        {/* An import run by the command has no speed on record: nothing to measure once it has ended. */}
        {running || p.linesPerSecond !== undefined ? (
          <>
            <dt>{running && p.phase === 'reading' ? 'Speed' : 'Read at'}</dt>
            <dd data-testid="lines-per-second">
              {p.linesPerSecond !== undefined ? `${count(p.linesPerSecond)} lines/s` : 'measuring…'}
            </dd>
          </>
        ) : null}
        {running ? (
          <>
            <dt>Time left</dt>
            <dd data-testid="import-eta">
              {p.etaSeconds !== undefined ? `about ${durationLabel(p.etaSeconds)}` : 'estimating…'}
            </dd>
          </>
        ) : view.seconds !== undefined ? (
          <>
            <dt>Took</dt>
            <dd>{durationLabel(view.seconds)}</dd>
          </>
        ) : null}
        {!view.dryRun && p.ordersStored ? (
          <>
            <dt>Orders stored</dt>
            <dd>{count(p.ordersStored)}</dd>
          </>
        ) : null}
        {finishing.map((f) => (
          <Fragment key={f.label}>
            <dt>{f.label}</dt>
            <dd data-testid={`finishing-${f.label.toLowerCase()}`}>
              {f.text}
              {f.warning ? (
                <p className="import-problem" role="note" data-testid="finishing-warning">
                  {f.warning}
                </p>
              ) : null}
            </dd>
          </Fragment>
        ))}
        {view.analysisRunId && !view.dryRun ? (
          <>
            <dt>Analysis</dt>
            <dd data-testid="finishing-analysis">
              run <code>{view.analysisRunId}</code> {analysisRunText(analysisRun, view.analysisRunId)} ·{' '}
              <Link href="/analysis">Analysis page</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {view.error ? (
        <p className="error" role="alert" data-testid="import-error">
          {view.interrupted ? 'The import was interrupted: ' : 'It stopped: '}
          {view.error}
        </p>
      ) : null}
      <ImportSummary
        view={view}
        examples={rejects?.examples}
        currency={store.currency}
        timeZone={store.timeZone}
      />
      {rejects ? (
        <RejectsTable
          rejects={rejects}
          downloadUrl={view.rejectsUrl}
          loading={loading}
          onPage={onRejectsPage}
        />
      ) : null}
    </section>
  );
}
