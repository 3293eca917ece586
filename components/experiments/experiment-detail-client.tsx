'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { Experiment } from '@/lib/experiments/experiment';
import { useExperiment, useExperimentAction, useExperimentResults } from '@/lib/client/use-experiments';
import { StatusBadge } from './decision-badge';
import { DecisionPanel } from './decision-panel';
import { ExperimentDialog, type DialogRequest, type DialogResult } from './experiment-dialogs';
import { analyzerLabel, daysRunningLabel, timeLabel } from './experiment-format';
import {
  actionErrorMessage,
  ACTION_COPY,
  daysRunning,
  LIFECYCLE_ACTIONS,
  rampView,
  sampleRows,
  suggestedWinner,
  variantSummaryRows,
  type DefaultAnalyzerView,
} from './experiment-view';
import { RampPanel } from './ramp-panel';
import { SamplePanel } from './sample-panel';
import { SrmBanner } from './srm-banner';
import { StatisticsDetails } from './statistics-details';
import { verdictView } from './verdict';
import { useStoreUnits } from '@/components/shell/store-units';

/**
 * One experiment: its state and lifecycle, the verdict in plain words and promotion, the statistics behind a toggle
 * (effects table, forest plot, cumulative chart), sample size, the ramp and the history. Results are read every 15 s while it runs. Every action is sent with
 * the revision on screen, so a change someone else made meanwhile is refused (409) and the page reloaded.
 */
export function ExperimentDetailClient({
  initialExperiment,
  canWrite,
  defaultAnalyzer,
}: {
  initialExperiment: Experiment;
  canWrite: boolean;
  defaultAnalyzer: DefaultAnalyzerView;
}) {
  const router = useRouter();
  const key = initialExperiment.key;
  const query = useExperiment(key, initialExperiment);
  const experiment = query.data ?? initialExperiment;
  const results = useExperimentResults(key, experiment.status);
  const action = useExperimentAction(key);
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [promoted, setPromoted] = useState<DefaultAnalyzerView | null>(null);
  const [now] = useState(() => new Date());

  const data = results.data;
  const decision = data?.results.decision ?? null;
  const { timeZone } = useStoreUnits();
  const ramp = useMemo(() => rampView(experiment, timeZone), [experiment, timeZone]);
  const sample = useMemo(
    () =>
      data
        ? sampleRows(
            experiment.variants.map((v) => v.name),
            data.sample,
          )
        : null,
    [data, experiment.variants],
  );
  const variants = useMemo(() => variantSummaryRows(experiment, data), [experiment, data]);
  const winner = suggestedWinner(experiment, decision);
  const started = daysRunning(experiment, now);
  const verdict = useMemo(
    () => (data ? verdictView(experiment, data, started) : null),
    [data, experiment, started],
  );

  const open = (request: DialogRequest) => {
    action.reset();
    setNotice(null);
    setDialog(request);
  };
  const confirm = (result: DialogResult) =>
    action.mutate(
      { ...result, revision: experiment.revision },
      {
        onSuccess: (next) => {
          setDialog(null);
          if (result.action === 'promote') {
            const variant = next.variants.find((v) => v.name === result.variant);
            setPromoted({
              label: variant ? analyzerLabel(variant.analyzer) : result.variant,
              experimentKey: next.key,
              variant: result.variant,
              setAt: new Date().toISOString(),
              setBy: 'you',
            });
            setNotice({
              tone: 'ok',
              text: `${result.variant} is promoted: its analyzer is now the default.`,
            });
            // The server page reads the stored default again.
            router.refresh();
          } else setNotice({ tone: 'ok', text: `Done: the experiment is ${next.status}.` });
        },
        onError: (error) => {
          if (error.status === 409) {
            setDialog(null);
            setNotice({ tone: 'error', text: actionErrorMessage(error) });
          }
        },
      },
    );
  const dialogError =
    action.error && action.error.status !== 409
      ? [
          actionErrorMessage(action.error),
          ...action.error.errors.map((e) => `${e.path.replace(/^body\./, '')}: ${e.message}`),
        ]
          .filter((m, i, all) => all.indexOf(m) === i)
          .join(' ')
      : null;
  // Until the refreshed server page brings the stored default (with who set it), the one just promoted is shown.
  const shownDefault = promoted && defaultAnalyzer.experimentKey !== key ? promoted : defaultAnalyzer;

  return (
    <>
      <p>
        <Link href="/experiments">← All experiments</Link>
      </p>
      <div className="title-row">
        <h1>{experiment.name}</h1>
        <StatusBadge status={experiment.status} />
      </div>
      <p className="muted" data-testid="experiment-meta">
        <code>{experiment.key}</code> · revision {experiment.revision} · created{' '}
        {timeLabel(experiment.createdAt, timeZone)} by {experiment.createdBy}
        {experiment.startedAt
          ? ` · started ${timeLabel(experiment.startedAt, timeZone)}, running for ${daysRunningLabel(started)}`
          : ''}
      </p>
      <p className="exp-hypothesis">
        <strong>Hypothesis:</strong> {experiment.hypothesis}
      </p>
      {canWrite && LIFECYCLE_ACTIONS[experiment.status].length ? (
        <div className="exp-row" role="group" aria-label="Lifecycle">
          {LIFECYCLE_ACTIONS[experiment.status].map((a) => (
            <button
              key={a}
              type="button"
              className={
                ACTION_COPY[a].danger ? 'danger' : a === 'start' || a === 'resume' ? undefined : 'secondary'
              }
              onClick={() => open({ kind: 'lifecycle', action: a })}
            >
              {ACTION_COPY[a].label}
            </button>
          ))}
        </div>
      ) : null}
      {notice ? (
        <p
          className={notice.tone === 'ok' ? 'notice' : 'error alert-problem'}
          role={notice.tone === 'ok' ? 'status' : 'alert'}
          data-testid="action-notice"
        >
          {notice.text}
        </p>
      ) : null}
      {query.error ? (
        <p className="error" role="alert">
          Could not refresh the experiment: {query.error.message}
        </p>
      ) : null}
      {data ? <SrmBanner srm={data.results.srm} /> : null}
      <DecisionPanel
        decision={decision}
        verdict={verdict}
        status={experiment.status}
        resultsError={results.error ? `Could not read the results: ${results.error.message}` : null}
        canWrite={canWrite}
        winner={winner}
        defaultAnalyzer={shownDefault}
        experimentKey={experiment.key}
        onPromote={() => open({ kind: 'promote', winner })}
      />
      {data ? <StatisticsDetails experiment={experiment} response={data} /> : null}
      <SamplePanel sample={sample} variants={variants} holdoutPercent={experiment.holdoutPercent} />
      <RampPanel
        ramp={ramp}
        canWrite={canWrite}
        onAdvance={() => open({ kind: 'advance', next: ramp.next })}
      />
      <section className="card" aria-labelledby="history-heading">
        <header className="card-header">
          <h2 id="history-heading">History</h2>
          <span className="muted">newest first · times in {timeZone}</span>
        </header>
        <ul className="ramp-history" data-testid="experiment-history">
          {[...experiment.history].reverse().map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <time className="muted">{timeLabel(h.at, timeZone)}</time> {h.change}
              {h.reason ? ` — ${h.reason}` : ''} <span className="muted">by {h.by}</span>
            </li>
          ))}
        </ul>
      </section>
      {dialog ? (
        <ExperimentDialog
          request={dialog}
          experiment={experiment}
          pending={action.isPending}
          error={dialogError}
          onConfirm={confirm}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
