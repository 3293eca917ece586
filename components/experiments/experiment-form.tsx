'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { SEGMENTS } from '@/lib/events/segments';
import { useCreateExperiment } from '@/lib/client/use-experiments';
import { errorProps, FieldErrors } from './field-errors';
import {
  groupFieldErrors,
  initialFormState,
  toCreateBody,
  typedNumber,
  type ExperimentFormState,
} from './form-model';
import { MetricFields } from './metric-fields';
import { PowerCalculator } from './power-calculator';
import { VariantFields } from './variant-fields';

/**
 * A new experiment (a draft). The server's checks are the only ones (noValidate): each message of its 400 is shown
 * next to the field its path names, anything else above the button.
 */
export function ExperimentForm({ promptVersions }: { promptVersions: readonly string[] }) {
  const router = useRouter();
  const create = useCreateExperiment();
  const [state, setState] = useState<ExperimentFormState>(() => initialFormState(promptVersions[0] ?? ''));
  const errors = useMemo(() => groupFieldErrors(create.error?.errors ?? []), [create.error]);
  const hasFieldErrors = (create.error?.errors.length ?? 0) > 0;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(toCreateBody(state), {
      onSuccess: (experiment) => router.push(`/experiments/${experiment.key}`),
    });
  };
  const text = (
    field: 'key' | 'name' | 'holdoutPercent' | 'plannedSampleSize' | 'rampSteps',
    label: string,
    hint?: string,
    size?: number,
  ) => {
    const errorField = field === 'plannedSampleSize' ? 'plannedSampleSizePerVariant' : field;
    const p = errorProps(errorField, errors);
    return (
      <div className="exp-field">
        <label>
          {label}
          <input
            name={field}
            value={state[field]}
            size={size}
            onChange={(e) => setState({ ...state, [field]: e.target.value })}
            aria-invalid={p.invalid}
            aria-describedby={
              [p.describedBy, hint ? `${field}-hint` : undefined].filter(Boolean).join(' ') || undefined
            }
          />
        </label>
        {hint ? (
          <span className="muted" id={`${field}-hint`}>
            {hint}
          </span>
        ) : null}
        <FieldErrors id={p.id} messages={errors[errorField]} />
      </div>
    );
  };
  const hypothesis = errorProps('hypothesis', errors);
  const targeting = errorProps('targeting', errors);

  return (
    <form className="exp-form card" onSubmit={onSubmit} noValidate aria-label="New experiment">
      <fieldset className="exp-fieldset">
        <legend>What is tested</legend>
        <div className="exp-row">
          {text(
            'key',
            'Key',
            'lower-case letters, digits and hyphens; used in the address and by the storefront',
            28,
          )}
          {text('name', 'Name', undefined, 40)}
        </div>
        <div className="exp-field">
          <label>
            Hypothesis
            <textarea
              name="hypothesis"
              rows={3}
              value={state.hypothesis}
              onChange={(e) => setState({ ...state, hypothesis: e.target.value })}
              aria-invalid={hypothesis.invalid}
              aria-describedby={hypothesis.describedBy}
              placeholder="Claude Haiku's next-purchase explanations lead to more accurate predictions than the baseline, at an acceptable cost."
            />
          </label>
          <FieldErrors id={hypothesis.id} messages={errors.hypothesis} />
        </div>
      </fieldset>
      <VariantFields state={state} promptVersions={promptVersions} errors={errors} onChange={setState} />
      <MetricFields state={state} errors={errors} onChange={setState} />
      <fieldset className="exp-fieldset" aria-describedby={targeting.describedBy}>
        <legend>Who enters</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={state.allSegments}
            onChange={(e) => setState({ ...state, allSegments: e.target.checked })}
          />
          All customers (customers without a segment included)
        </label>
        {state.allSegments ? null : (
          <div className="exp-segments" role="group" aria-label="Targeted segments">
            {SEGMENTS.map((s) => (
              <label key={s} className="checkbox">
                <input
                  type="checkbox"
                  checked={state.segments.includes(s)}
                  onChange={(e) =>
                    setState({
                      ...state,
                      segments: e.target.checked
                        ? [...state.segments, s]
                        : state.segments.filter((x) => x !== s),
                    })
                  }
                />
                {s}
              </label>
            ))}
          </div>
        )}
        <FieldErrors id={targeting.id} messages={errors.targeting} />
        <div className="exp-row">
          {text(
            'holdoutPercent',
            'Holdout (%)',
            'kept out and served the control, to measure the whole programme (0–50)',
            5,
          )}
          {text(
            'rampSteps',
            'Ramp steps (% of eligible traffic)',
            'increasing, e.g. 10, 50, 100; each step moves on only after a guardrail check',
            16,
          )}
        </div>
      </fieldset>
      <fieldset className="exp-fieldset">
        <legend>Sample size</legend>
        {text(
          'plannedSampleSize',
          'Planned users per variant',
          'tunes the sequential test and marks the plan on the results',
          10,
        )}
        <PowerCalculator
          primaryMetric={state.primaryMetric}
          variants={state.variants.length}
          holdoutPercent={typedNumber(state.holdoutPercent)}
          onUse={(n) => setState({ ...state, plannedSampleSize: String(n) })}
        />
      </fieldset>
      {create.error && !hasFieldErrors ? (
        <p className="error" role="alert" data-testid="create-error">
          Could not create the experiment: {create.error.detail || create.error.message}
        </p>
      ) : null}
      {hasFieldErrors ? (
        <div className="error" role="alert" data-testid="create-error">
          Some fields need a change: see the messages next to them.
          {errors.form ? (
            <ul>
              {errors.form.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="exp-row">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create experiment'}
        </button>
        <Link href="/experiments">Cancel</Link>
        <span className="muted">It is created as a draft; start it from its page.</span>
      </div>
    </form>
  );
}
