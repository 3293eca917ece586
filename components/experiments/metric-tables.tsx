import type { MetricTable } from './result-rows';

const VERDICT_LABEL = { better: 'better', worse: 'worse', unclear: '' } as const;

/** Per metric: each variant's n and mean, and against control the effects with intervals, p-values and power. */
export function MetricTables({ tables }: { tables: readonly MetricTable[] }) {
  return (
    <>
      {tables.map((t) => (
        <div key={t.key} className="exp-metric" data-testid="metric-table" data-metric={t.key}>
          <h3 className="subheading">
            {t.name} <span className={`role-badge role-${t.role}`}>{t.roleLabel}</span>
          </h3>
          <p className="muted">
            Means in {t.unit}; {t.directionLabel}. {t.method}.{t.cuped ? ` ${t.cuped}.` : ''}
          </p>
          {t.refusal ? (
            <p className="error" role="alert" data-testid="metric-refusal">
              {t.refusal}.
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="table exp-results-table">
              <thead>
                <tr>
                  <th scope="col">Variant</th>
                  <th scope="col" className="num">
                    n
                  </th>
                  <th scope="col" className="num">
                    Mean
                  </th>
                  <th scope="col" className="num">
                    Absolute effect (interval)
                  </th>
                  <th scope="col" className="num">
                    Relative effect (interval)
                  </th>
                  <th scope="col" className="num">
                    p-value
                  </th>
                  <th scope="col" className="num">
                    p corrected
                  </th>
                  <th scope="col" className="num">
                    Chance to win
                  </th>
                  <th scope="col" className="num">
                    Power reached
                  </th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r) => (
                  <tr
                    key={r.variant}
                    data-testid="result-row"
                    data-variant={r.variant}
                    className={`verdict-${r.verdict}`}
                  >
                    <th scope="row">
                      {r.variant}
                      {r.isControl ? <span className="muted"> (control)</span> : null}
                      {VERDICT_LABEL[r.verdict] ? (
                        <span className={`verdict-badge verdict-badge-${r.verdict}`}>
                          {VERDICT_LABEL[r.verdict]}
                        </span>
                      ) : null}
                    </th>
                    <td className="num">{r.n}</td>
                    <td className="num" data-testid="result-mean">
                      {r.mean}
                      {r.unadjusted ? <div className="muted">raw {r.unadjusted}</div> : null}
                    </td>
                    {r.isControl ? (
                      <td className="muted" colSpan={6}>
                        baseline for the comparisons
                      </td>
                    ) : r.absolute === null ? (
                      <td className="muted" colSpan={6}>
                        {r.note ?? 'not enough data yet'}
                      </td>
                    ) : (
                      <>
                        <td className="num" data-testid="result-absolute">
                          {r.absolute}
                          <div className="muted">{r.absoluteInterval}</div>
                        </td>
                        <td className="num" data-testid="result-relative">
                          {r.relative ?? '—'}
                          <div className="muted">{r.relativeInterval ?? r.note}</div>
                        </td>
                        <td className="num">{r.pValue}</td>
                        <td className="num" data-testid="result-p-corrected">
                          {r.pValueCorrected}
                        </td>
                        <td className="num">{r.chanceToWin}</td>
                        <td className="num">{r.powerReached}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </>
  );
}
