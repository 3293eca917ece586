import { useStoreUnits } from '@/components/shell/store-units';
import type { RunView } from '@/lib/client/use-analysis-runs';
import { costLabel, durationLabel, RUN_TRIGGER_LABEL, startedLabel, STATUS_LABEL } from './run-format';

/** Past runs, newest first. */
export function RunsTable({ runs }: { runs: readonly RunView[] }) {
  const { timeZone } = useStoreUnits();
  return (
    <div className="table-scroll">
      <table className="table runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Customers
            </th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col">Analyzer</th>
            <th scope="col" className="num">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.runId} data-testid="run-row" data-status={r.status} title={r.runId}>
              <td>{startedLabel(r.startedAt, timeZone)}</td>
              <td>{RUN_TRIGGER_LABEL[r.trigger]}</td>
              <td>
                <span className={`run-status run-${r.status}`}>{STATUS_LABEL[r.status]}</span>
                {r.claims > 1 ? <span className="badge resumed">resumed</span> : null}
              </td>
              <td className="num">
                {r.status !== 'running'
                  ? r.total.toLocaleString('en')
                  : r.phase === 'fitting'
                    ? 'fitting…'
                    : `${r.done.toLocaleString('en')} of ${r.total.toLocaleString('en')}`}
              </td>
              <td className="num">{r.seconds !== undefined ? durationLabel(r.seconds) : '—'}</td>
              <td>{r.analyzer}</td>
              <td className="num">{costLabel(r.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
