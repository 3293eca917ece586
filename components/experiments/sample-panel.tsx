import type { SampleRow, VariantSummaryRow } from './experiment-view';

/** Users assigned against the plan per variant, and each variant's analyzer, cost per correct prediction, pending outcomes. */
export function SamplePanel({
  sample,
  variants,
  holdoutPercent,
}: {
  sample: readonly SampleRow[] | null;
  variants: readonly VariantSummaryRow[];
  holdoutPercent: number;
}) {
  return (
    <section className="card" aria-labelledby="sample-heading" data-testid="sample-panel">
      <header className="card-header">
        <h2 id="sample-heading">Variants and sample size</h2>
        <span className="muted">
          users assigned per variant against the plan
          {holdoutPercent > 0 ? ` · ${holdoutPercent} % held out` : ''}
        </span>
      </header>
      {sample ? (
        <ul className="exp-progress-list">
          {sample.map((s) => (
            <li key={s.variant} data-testid="sample-progress" data-variant={s.variant}>
              <div className="exp-progress-label">
                <strong>{s.variant}</strong> <span className="muted">{s.label}</span>
              </div>
              <div
                className="progress"
                role="progressbar"
                aria-label={`${s.variant}: ${s.label}`}
                aria-valuemin={0}
                aria-valuemax={s.planned ?? undefined}
                aria-valuenow={s.assigned}
              >
                <div className="progress-bar" style={{ width: `${s.percent ?? 0}%` }} />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nobody is assigned before the experiment starts.</p>
      )}
      <div className="table-scroll">
        <table className="table" data-testid="variants-table">
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">Analyzer</th>
              <th scope="col" className="num">
                Weight
              </th>
              <th scope="col" className="num">
                Assigned
              </th>
              <th scope="col" className="num">
                Cost per correct prediction
              </th>
              <th scope="col" className="num">
                Outcomes pending
              </th>
            </tr>
          </thead>
          <tbody>
            {variants.map((v) => (
              <tr key={v.variant} data-testid="variant-summary" data-variant={v.variant}>
                <th scope="row">
                  {v.variant}
                  {v.isControl ? <span className="muted"> (control)</span> : null}
                </th>
                <td>{v.analyzer}</td>
                <td className="num">{v.weight}</td>
                <td className="num">{v.assigned}</td>
                <td className="num" data-testid="cost-per-correct">
                  {v.costPerCorrect}
                </td>
                <td className="num" data-testid="pending-outcomes">
                  {v.pending}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        A prediction is scored when the customer buys the predicted category, or as not bought once its 90-day
        horizon has passed: pending predictions are not counted yet.
      </p>
    </section>
  );
}
