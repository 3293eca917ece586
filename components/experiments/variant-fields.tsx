'use client';
import type { ExperimentFormState, VariantDraft } from './form-model';
import { evenWeights, weightTotal } from './form-model';
import { errorProps, FieldErrors } from './field-errors';

const MAX_VARIANTS = 6;

/** The variants: name, analyzer (statistical, or Claude on Bedrock with model and prompt version), weight, control. */
export function VariantFields({
  state,
  promptVersions,
  errors,
  onChange,
}: {
  state: ExperimentFormState;
  promptVersions: readonly string[];
  errors: Record<string, string[]>;
  onChange: (next: ExperimentFormState) => void;
}) {
  const update = (id: number, patch: Partial<VariantDraft>) =>
    onChange({ ...state, variants: state.variants.map((v) => (v.id === id ? { ...v, ...patch } : v)) });
  const add = () => {
    const id = Math.max(...state.variants.map((v) => v.id)) + 1;
    const variants = [
      ...state.variants,
      {
        id,
        name: `variant-${id}`,
        description: '',
        provider: 'bedrock' as const,
        model: 'sonnet' as const,
        promptVersion: promptVersions[0] ?? '',
        coverage: '',
        timing: '' as const,
        weight: '0',
      },
    ];
    onChange({ ...state, variants });
  };
  const remove = (id: number) => {
    const variants = state.variants.filter((v) => v.id !== id);
    onChange({
      ...state,
      variants,
      controlId: state.controlId === id ? (variants[0]?.id ?? 0) : state.controlId,
    });
  };
  const split = () => {
    const weights = evenWeights(state.variants.length);
    onChange({ ...state, variants: state.variants.map((v, i) => ({ ...v, weight: weights[i] ?? '0' })) });
  };
  const total = weightTotal(state.variants);
  const sum = errorProps('variants', errors);
  const control = errorProps('controlVariant', errors);

  return (
    <fieldset className="exp-fieldset" aria-describedby={sum.describedBy}>
      <legend>Variants</legend>
      <p className="muted">
        Each variant runs one analyzer for its share of the customers who enter. The control is what the
        others are compared with (usually today&apos;s default). Weights are percent and add up to 100.
      </p>
      <div className="table-scroll">
        <table className="table exp-variants-table">
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Name</th>
              <th scope="col">Analyzer</th>
              <th scope="col">Model or window coverage</th>
              <th scope="col">Prompt version</th>
              <th scope="col">Weight (%)</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.variants.map((v, i) => {
              const name = errorProps(`variants.${i}.name`, errors);
              const weight = errorProps(`variants.${i}.weight`, errors);
              const model = errorProps(`variants.${i}.model`, errors);
              const prompt = errorProps(`variants.${i}.promptVersion`, errors);
              const coverage = errorProps(`variants.${i}.coverage`, errors);
              const row = errorProps(`variants.${i}`, errors);
              const n = i + 1;
              return (
                <tr key={v.id} data-testid="variant-row">
                  <td>
                    <input
                      type="radio"
                      name="controlVariant"
                      aria-label={`Variant ${n} is the control`}
                      checked={state.controlId === v.id}
                      onChange={() => onChange({ ...state, controlId: v.id })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Variant ${n} name`}
                      value={v.name}
                      onChange={(e) => update(v.id, { name: e.target.value })}
                      aria-invalid={name.invalid}
                      aria-describedby={name.describedBy}
                      size={12}
                    />
                    <FieldErrors id={name.id} messages={errors[`variants.${i}.name`]} />
                    <FieldErrors id={row.id} messages={errors[`variants.${i}`]} />
                  </td>
                  <td>
                    <select
                      aria-label={`Variant ${n} analyzer`}
                      value={v.provider}
                      onChange={(e) =>
                        update(v.id, { provider: e.target.value === 'bedrock' ? 'bedrock' : 'statistical' })
                      }
                    >
                      <option value="statistical">Statistical (no language model)</option>
                      <option value="bedrock">Claude on Bedrock</option>
                    </select>
                  </td>
                  <td>
                    {v.provider === 'bedrock' ? (
                      <>
                        <select
                          aria-label={`Variant ${n} model`}
                          value={v.model}
                          onChange={(e) =>
                            update(v.id, { model: e.target.value === 'sonnet' ? 'sonnet' : 'haiku' })
                          }
                          aria-invalid={model.invalid}
                          aria-describedby={model.describedBy}
                        >
                          <option value="haiku">Claude Haiku</option>
                          <option value="sonnet">Claude Sonnet</option>
                        </select>
                        <FieldErrors id={model.id} messages={errors[`variants.${i}.model`]} />
                      </>
                    ) : (
                      <>
                        <input
                          aria-label={`Variant ${n} window coverage (%)`}
                          inputMode="decimal"
                          placeholder="80"
                          size={4}
                          value={v.coverage}
                          onChange={(e) => update(v.id, { coverage: e.target.value })}
                          aria-invalid={coverage.invalid}
                          aria-describedby={coverage.describedBy ?? `variant-${v.id}-coverage-hint`}
                        />
                        <span className="muted" id={`variant-${v.id}-coverage-hint`}>
                          {' '}
                          % · next-purchase windows, 50–99 (default 80)
                        </span>
                        <FieldErrors id={coverage.id} messages={errors[`variants.${i}.coverage`]} />
                        <select
                          aria-label={`Variant ${n} timing model`}
                          value={v.timing}
                          onChange={(e) =>
                            update(v.id, {
                              timing:
                                e.target.value === 'gap'
                                  ? 'gap'
                                  : e.target.value === 'category'
                                    ? 'category'
                                    : '',
                            })
                          }
                        >
                          <option value="">Timing: default (category timing)</option>
                          <option value="category">Timing: category timing model</option>
                          <option value="gap">Timing: gap from the last purchase (before)</option>
                        </select>
                        <FieldErrors
                          id={`variant-${v.id}-timing-error`}
                          messages={errors[`variants.${i}.timing`]}
                        />
                      </>
                    )}
                  </td>
                  <td>
                    {v.provider === 'bedrock' ? (
                      <>
                        <select
                          aria-label={`Variant ${n} prompt version`}
                          value={v.promptVersion}
                          onChange={(e) => update(v.id, { promptVersion: e.target.value })}
                          aria-invalid={prompt.invalid}
                          aria-describedby={prompt.describedBy}
                        >
                          {promptVersions.map((p) => (
                            <option key={p} value={p}>
                              {p}
                            </option>
                          ))}
                        </select>
                        <FieldErrors id={prompt.id} messages={errors[`variants.${i}.promptVersion`]} />
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <input
                      aria-label={`Variant ${n} weight (%)`}
                      inputMode="decimal"
                      value={v.weight}
                      onChange={(e) => update(v.id, { weight: e.target.value })}
                      aria-invalid={weight.invalid}
                      aria-describedby={weight.describedBy}
                      size={5}
                    />
                    <FieldErrors id={weight.id} messages={errors[`variants.${i}.weight`]} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => remove(v.id)}
                      disabled={state.variants.length <= 2}
                      aria-label={`Remove variant ${n}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="exp-row">
        <button
          type="button"
          className="secondary"
          onClick={add}
          disabled={state.variants.length >= MAX_VARIANTS}
        >
          Add variant
        </button>
        <button type="button" className="secondary" onClick={split}>
          Split evenly
        </button>
        <span className={Math.abs(total - 100) > 0.01 ? 'field-error' : 'muted'} data-testid="weight-total">
          Weights add up to {Number(total.toFixed(2))} %
        </span>
      </div>
      <FieldErrors id={sum.id} messages={errors.variants} />
      <FieldErrors id={control.id} messages={errors.controlVariant} />
    </fieldset>
  );
}
