'use client';
import { BUILTIN_METRICS, BUILTIN_METRIC_KEYS } from '@/lib/experiments/metrics';
import { errorProps, FieldErrors } from './field-errors';
import { metricRoleOf, setMetricRole, type ExperimentFormState, type MetricRoleChoice } from './form-model';

const ROLE_OPTIONS: { value: MetricRoleChoice; label: string }[] = [
  { value: '', label: 'not used' },
  { value: 'primary', label: 'Primary (decides)' },
  { value: 'secondary', label: 'Secondary (informs)' },
  { value: 'guardrail', label: 'Guardrail (must not get worse)' },
];

/** The metric catalogue with a role per metric: one primary, any secondaries and guardrails (with a tolerance). */
export function MetricFields({
  state,
  errors,
  onChange,
}: {
  state: ExperimentFormState;
  errors: Record<string, string[]>;
  onChange: (next: ExperimentFormState) => void;
}) {
  const primary = errorProps('primaryMetric', errors);
  const secondary = errorProps('secondaryMetrics', errors);
  const guardrails = errorProps('guardrails', errors);
  return (
    <fieldset className="exp-fieldset" aria-describedby={primary.describedBy}>
      <legend>Metrics</legend>
      <p className="muted">
        The primary metric decides; secondary ones are reported with the same care; a guardrail stops the
        experiment (and blocks a ramp step) when a variant is significantly worse than control by more than
        its tolerance.
      </p>
      <table className="table exp-metrics-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Measured in</th>
            <th scope="col">Better when</th>
            <th scope="col">Role</th>
            <th scope="col">Guardrail tolerance (% worse than control)</th>
          </tr>
        </thead>
        <tbody>
          {BUILTIN_METRIC_KEYS.map((key) => {
            const m = BUILTIN_METRICS[key];
            const role = metricRoleOf(state, key);
            const guardrail = state.guardrails.find((g) => g.metric === key);
            return (
              <tr key={key} data-testid="metric-row" data-metric={key}>
                <td>
                  {m.name} <code>{key}</code>
                </td>
                <td className="muted">{m.kind === 'proportion' ? `% — ${m.unit}` : m.unit}</td>
                <td className="muted">{m.direction === 'higher' ? 'higher' : 'lower'}</td>
                <td>
                  <select
                    aria-label={`Role of ${m.name}`}
                    value={role}
                    onChange={(e) => onChange(setMetricRole(state, key, e.target.value as MetricRoleChoice))}
                  >
                    {ROLE_OPTIONS.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {guardrail ? (
                    <input
                      aria-label={`Tolerance of ${m.name} (%)`}
                      inputMode="decimal"
                      size={5}
                      value={guardrail.tolerance}
                      onChange={(e) =>
                        onChange({
                          ...state,
                          guardrails: state.guardrails.map((g) =>
                            g.metric === key ? { ...g, tolerance: e.target.value } : g,
                          ),
                        })
                      }
                    />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldErrors id={primary.id} messages={errors.primaryMetric} />
      <FieldErrors id={secondary.id} messages={errors.secondaryMetrics} />
      <FieldErrors id={guardrails.id} messages={errors.guardrails} />
    </fieldset>
  );
}
