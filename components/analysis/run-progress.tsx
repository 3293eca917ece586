import { useStoreUnits } from '@/components/shell/store-units';
import type { RunView } from '@/lib/client/use-analysis-runs';
import {
  costLabel,
  durationLabel,
  PHASE_LABEL,
  RUN_TRIGGER_LABEL,
  runPercent,
  startedLabel,
  STATUS_LABEL,
} from './run-format';

const count = (n: number) => n.toLocaleString('en');

/** What the bar says: the phase while fitting, customers done of total while analysing. */
function progressText(run: RunView, pct: number): string {
  if (run.status === 'running' && run.phase === 'fitting') return 'Fitting models on every customer…';
  if (run.status === 'failed' && run.total === 0) return 'Failed before analysing anyone';
  return `${count(run.done)} of ${count(run.total)} customers (${pct} %)`;
}

/** One run: status, a live progress bar, rate and time left while it runs, duration and cost once it has ended. */
export function RunProgress({ run }: { run: RunView }) {
  const { timeZone } = useStoreUnits();
  const pct = runPercent(run);
  const running = run.status === 'running';
  const text = progressText(run, pct);
  return (
    <div className="run-progress" data-testid="current-run" data-status={run.status}>
      <p>
        <span className={`run-status run-${run.status}`} data-testid="run-status">
          {STATUS_LABEL[run.status]}
        </span>{' '}
        <code>{run.runId}</code> <span className="muted">· {RUN_TRIGGER_LABEL[run.trigger]}</span>
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label="Analysis run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text}
        data-testid="run-progress"
      >
        <div
          className={`progress-bar${run.status === 'failed' ? ' failed' : ''}`}
          style={{ width: `${pct}%` }}
        />
        <span>{text}</span>
      </div>
      <dl className="profile run-facts">
        <dt>Phase</dt>
        <dd data-testid="run-phase">{PHASE_LABEL[run.phase]}</dd>
        <dt>Started</dt>
        <dd>{startedLabel(run.startedAt, timeZone)}</dd>
        {running && run.phase === 'fitting' ? null : running ? (
          <>
            <dt>Rate</dt>
            <dd>
              {run.ratePerSecond !== undefined
                ? `${run.ratePerSecond.toLocaleString('en')} customers/s`
                : '—'}
            </dd>
            <dt>Time left</dt>
            <dd>{run.etaSeconds !== undefined ? `about ${durationLabel(run.etaSeconds)}` : 'estimating…'}</dd>
          </>
        ) : (
          <>
            <dt>Duration</dt>
            <dd>{run.seconds !== undefined ? durationLabel(run.seconds) : '—'}</dd>
          </>
        )}
        {run.phase === 'fitting' ? null : (
          <>
            <dt>Not analysed</dt>
            <dd>
              {count(run.refused)} without personalization consent · {count(run.withoutOrders)} without orders
            </dd>
          </>
        )}
        <dt>Analyzer</dt>
        <dd>
          {run.analyzer} · cost {costLabel(run.costUsd)}
        </dd>
        {run.claims > 1 ? (
          <>
            <dt>Resumed</dt>
            <dd>taken over {run.claims - 1}× after a stopped process</dd>
          </>
        ) : null}
      </dl>
      {run.error ? (
        <p className="error" role="alert">
          The run failed: {run.error}
        </p>
      ) : null}
    </div>
  );
}
