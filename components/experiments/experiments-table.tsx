import Link from 'next/link';
import type { ExperimentListItem } from '@/lib/experiments/api-contract';
import { DecisionBadge, StatusBadge } from './decision-badge';
import { daysRunningLabel, metricInfo } from './experiment-format';

/** One row per experiment: what it is, where it stands, and what the statistics say now. */
export function ExperimentsTable({ items }: { items: readonly ExperimentListItem[] }) {
  return (
    <table className="table experiments-table" data-testid="experiments-table">
      <thead>
        <tr>
          <th scope="col">Experiment</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Running for
          </th>
          <th scope="col" className="num">
            Ramp (traffic in)
          </th>
          <th scope="col">Decision now</th>
          <th scope="col">Primary metric</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ experiment: e, daysRunning, rampPercent, decision }) => {
          const primary = metricInfo(e.primaryMetric, e.customMetrics);
          const steps = e.ramp.steps.length;
          return (
            <tr key={e.key} data-testid="experiment-row" data-key={e.key}>
              <td>
                <Link href={`/experiments/${e.key}`}>{e.name}</Link>
                <div className="muted">
                  <code>{e.key}</code> · {e.variants.map((v) => v.name).join(' vs ')}
                </div>
              </td>
              <td>
                <StatusBadge status={e.status} />
              </td>
              <td className="num">{daysRunningLabel(daysRunning)}</td>
              <td className="num">
                {rampPercent} %
                <div className="muted">
                  {e.ramp.currentStep < 0 ? 'not started' : `step ${e.ramp.currentStep + 1} of ${steps}`}
                </div>
              </td>
              <td>
                <DecisionBadge decision={decision} status={e.status} />
              </td>
              <td>
                {primary.name}
                <div className="muted">{primary.unit}</div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
