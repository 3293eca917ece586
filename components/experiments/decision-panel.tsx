import type { ExperimentStatus } from '@/lib/experiments/experiment';
import type { ExperimentResults } from '@/lib/experiments/stats/results-types';
import { DecisionBadge } from './decision-badge';
import { timeLabel } from './experiment-format';
import type { DefaultAnalyzerView } from './experiment-view';
import type { VerdictView } from './verdict';
import { useStoreUnits } from '@/components/shell/store-units';

/**
 * The verdict first, in plain words (verdict.ts: what to do, the business impact, what the numbers cover, the
 * power reached against the plan); then the product's default analyzer and (for those who may) promoting the
 * winner. The engine's own reason, with its p-values, is among the details.
 */
export function DecisionPanel({
  decision,
  verdict,
  status,
  resultsError,
  canWrite,
  winner,
  defaultAnalyzer,
  experimentKey,
  onPromote,
}: {
  decision: ExperimentResults['decision'] | null;
  verdict: VerdictView | null;
  status: ExperimentStatus;
  resultsError: string | null;
  canWrite: boolean;
  /** The variant promoting would make the default: the decision's, or the one named when concluding. */
  winner: string | null;
  defaultAnalyzer: DefaultAnalyzerView;
  experimentKey: string;
  onPromote: () => void;
}) {
  const { timeZone } = useStoreUnits();
  const fromHere = defaultAnalyzer.experimentKey === experimentKey;
  return (
    <section className="card" aria-labelledby="decision-heading" data-testid="decision-panel">
      <header className="card-header">
        <h2 id="decision-heading">Decision</h2>
        <DecisionBadge decision={decision} status={status} />
      </header>
      {decision && verdict ? (
        <div className="verdict" data-testid="verdict">
          <p className="verdict-headline" data-testid="verdict-headline">
            <strong>{verdict.headline}</strong>
          </p>
          {verdict.impact ? <p data-testid="verdict-impact">{verdict.impact}</p> : null}
          {verdict.power ? <p data-testid="verdict-power">{verdict.power}</p> : null}
          {verdict.scope ? (
            <p className="muted" data-testid="verdict-scope">
              {verdict.scope}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="muted" data-testid="verdict-headline">
          {status === 'draft'
            ? 'Start the experiment to collect results; the decision appears once there is data.'
            : (resultsError ?? 'Reading the results…')}
        </p>
      )}
      <p className="default-analyzer" data-testid="default-analyzer">
        Default analyzer now: <strong>{defaultAnalyzer.label}</strong>{' '}
        <span className="muted">
          {defaultAnalyzer.experimentKey
            ? `promoted from ${fromHere ? 'this experiment' : defaultAnalyzer.experimentKey} (${defaultAnalyzer.variant}) by ${defaultAnalyzer.setBy} on ${timeLabel(defaultAnalyzer.setAt ?? undefined, timeZone)}`
            : 'set by the ANALYZER configuration; nothing has been promoted yet'}
        </span>
      </p>
      {canWrite && status !== 'draft' && !(fromHere && status === 'concluded') ? (
        <div className="exp-row">
          <button type="button" onClick={onPromote} disabled={!winner}>
            {winner ? `Promote winner: ${winner}` : 'Promote winner'}
          </button>
          <span className="muted">
            {winner
              ? `Makes ${winner}'s analyzer the default for every analysis and concludes the experiment (audited).`
              : 'Possible once the decision says ship, or once a winner is named when concluding.'}
          </span>
        </div>
      ) : null}
    </section>
  );
}
