import type { rampView } from './experiment-view';

/** The ramp: its steps with the one in force highlighted, the advance button, and the moves so far. */
export function RampPanel({
  ramp,
  canWrite,
  onAdvance,
}: {
  ramp: ReturnType<typeof rampView>;
  canWrite: boolean;
  onAdvance: () => void;
}) {
  return (
    <section className="card" aria-labelledby="ramp-heading" data-testid="ramp-panel">
      <header className="card-header">
        <h2 id="ramp-heading">Ramp</h2>
        <span className="muted" data-testid="ramp-current">
          {ramp.currentPercent} % of eligible customers may enter now
        </span>
        {canWrite && ramp.canAdvance ? (
          <button type="button" onClick={onAdvance}>
            Advance ramp to {ramp.next} %
          </button>
        ) : null}
      </header>
      <ol className="ramp-steps">
        {ramp.steps.map((s) => (
          <li
            key={s.index}
            className={`ramp-step ramp-${s.state}`}
            aria-current={s.state === 'current' ? 'step' : undefined}
            data-testid="ramp-step"
            data-state={s.state}
          >
            <span className="ramp-percent">{s.percent} %</span>
            <span className="muted">
              step {s.index + 1}
              {s.startedAt ? ` · since ${s.startedAt}` : ''}
            </span>
            {s.check ? (
              <span className={s.check.startsWith('guardrail failed') ? 'error' : 'muted'}>{s.check}</span>
            ) : null}
          </li>
        ))}
      </ol>
      {ramp.events.length ? (
        <>
          <h3 className="subheading">Moves</h3>
          <ul className="ramp-history" data-testid="ramp-history">
            {ramp.events.map((e, i) => (
              <li key={`${e.at}-${i}`} className={e.action === 'rollback' ? 'ramp-rollback' : undefined}>
                <time className="muted">{e.at}</time> {e.text} <span className="muted">by {e.by}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">The ramp starts at its first step when the experiment starts.</p>
      )}
    </section>
  );
}
