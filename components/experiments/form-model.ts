import type { ExperimentDefinitionInput } from '@/lib/experiments/experiment';
import type { TimingModel } from '@/lib/analysis/analyzers/analyzer-config';

/**
 * The create form's state, the request body it sends, and where the server's field errors go. The server's checks
 * are the only ones (the schema in lib/experiments/experiment.ts), so the form sends what was typed and shows what
 * the 400 says next to the field it names. Pure.
 */

export type BedrockModel = 'haiku' | 'sonnet';

export interface VariantDraft {
  /** Stable row id, so renaming a variant keeps it the control. */
  id: number;
  name: string;
  description: string;
  provider: 'statistical' | 'bedrock';
  model: BedrockModel;
  promptVersion: string;
  /** Statistical only: the next-purchase windows' coverage in percent, as typed ('' = the analyzer's default). */
  coverage: string;
  /** Statistical only: the windows' timing model ('' = the analyzer's default, the category timing model). */
  timing: '' | TimingModel;
  /** Percent, as typed. */
  weight: string;
}

export interface GuardrailDraft {
  metric: string;
  /** Percent worse than control allowed, as typed. */
  tolerance: string;
}

export interface ExperimentFormState {
  key: string;
  name: string;
  hypothesis: string;
  variants: VariantDraft[];
  controlId: number;
  primaryMetric: string;
  secondaryMetrics: string[];
  guardrails: GuardrailDraft[];
  allSegments: boolean;
  segments: string[];
  holdoutPercent: string;
  plannedSampleSize: string;
  /** "10, 50, 100". */
  rampSteps: string;
}

export function initialFormState(promptVersion: string): ExperimentFormState {
  return {
    key: '',
    name: '',
    hypothesis: '',
    variants: [
      {
        id: 0,
        name: 'control',
        description: '',
        provider: 'statistical',
        model: 'haiku',
        promptVersion,
        coverage: '',
        timing: '',
        weight: '50',
      },
      {
        id: 1,
        name: 'haiku',
        description: '',
        provider: 'bedrock',
        model: 'haiku',
        promptVersion,
        coverage: '',
        timing: '',
        weight: '50',
      },
    ],
    controlId: 0,
    primaryMetric: 'accuracy',
    secondaryMetrics: ['cost_usd'],
    guardrails: [{ metric: 'latency_ms', tolerance: '10' }],
    allSegments: true,
    segments: [],
    holdoutPercent: '0',
    plannedSampleSize: '',
    rampSteps: '10, 50, 100',
  };
}

/** Weights that add up to exactly 100 over n variants, the remainder on the first ones (34, 33, 33). */
export function evenWeights(n: number): string[] {
  if (n <= 0) return [];
  const base = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => String(base + (i < 100 - base * n ? 1 : 0)));
}

/** A typed number: empty or not a number goes as NaN (sent as null), so the server names the field. */
export function typedNumber(text: string): number {
  const trimmed = text.trim().replace(/\s*%$/, '');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** "10, 50 100" → [10, 50, 100]; a bad token stays in its place as NaN, so the error names that step. */
export function parseRampSteps(text: string): number[] {
  return text
    .replace(/%/g, ' ')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(typedNumber);
}

/** The POST /experiments body for the form as it is. */
export function toCreateBody(state: ExperimentFormState): ExperimentDefinitionInput {
  const control = state.variants.find((v) => v.id === state.controlId);
  const ramp = parseRampSteps(state.rampSteps);
  const body: ExperimentDefinitionInput = {
    key: state.key.trim(),
    name: state.name,
    hypothesis: state.hypothesis,
    variants: state.variants.map((v) => ({
      name: v.name.trim(),
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
      analyzer:
        v.provider === 'statistical'
          ? {
              provider: 'statistical' as const,
              ...(v.coverage.trim() ? { nextPurchaseCoverage: typedNumber(v.coverage) / 100 } : {}),
              ...(v.timing ? { timing: v.timing } : {}),
            }
          : { provider: 'bedrock' as const, model: v.model, promptVersion: v.promptVersion },
      weight: typedNumber(v.weight),
    })),
    controlVariant: control?.name.trim() ?? '',
    primaryMetric: state.primaryMetric,
    secondaryMetrics: state.secondaryMetrics,
    guardrails: state.guardrails.map((g) => ({
      metric: g.metric,
      tolerancePercent: typedNumber(g.tolerance),
    })),
    targeting: { segments: state.allSegments ? 'all' : state.segments },
  };
  if (state.holdoutPercent.trim()) body.holdoutPercent = typedNumber(state.holdoutPercent);
  if (state.plannedSampleSize.trim()) body.plannedSampleSizePerVariant = typedNumber(state.plannedSampleSize);
  if (ramp.length) body.rampSteps = ramp;
  return body;
}

/** The weights as typed add up to… (for the hint beside them; the server has the last word). */
export function weightTotal(variants: readonly VariantDraft[]): number {
  return variants.reduce(
    (sum, v) => sum + (Number.isFinite(typedNumber(v.weight)) ? typedNumber(v.weight) : 0),
    0,
  );
}

const VARIANT_FIELDS: Record<string, string> = {
  name: 'name',
  weight: 'weight',
  description: 'description',
  model: 'model',
  promptVersion: 'promptVersion',
  provider: 'provider',
  nextPurchaseCoverage: 'coverage',
  timing: 'timing',
};

/**
 * The form field a problem's path belongs to: `body.variants.1.weight` → `variants.1.weight`,
 * `body.variants.1.analyzer.model` → `variants.1.model`, `body.rampSteps.2` → `rampSteps`, and so on.
 * Paths the form has no field for go to `form` (shown above the submit button).
 */
export function fieldOf(path: string): string {
  const parts = path.split('.');
  if (parts[0] !== 'body' || parts.length < 2) return 'form';
  const [, head, index, ...rest] = parts;
  switch (head) {
    case 'key':
    case 'name':
    case 'hypothesis':
    case 'controlVariant':
    case 'primaryMetric':
    case 'holdoutPercent':
    case 'plannedSampleSizePerVariant':
      return head;
    case 'secondaryMetrics':
    case 'guardrails':
    case 'targeting':
    case 'rampSteps':
      return head;
    case 'variants': {
      if (index === undefined || !/^\d+$/.test(index)) return 'variants';
      const leaf = rest.at(-1);
      return leaf && VARIANT_FIELDS[leaf] ? `variants.${index}.${VARIANT_FIELDS[leaf]}` : `variants.${index}`;
    }
    default:
      return 'form';
  }
}

/** "step 2: …", "guardrail 1: …" — which item of a list field a message is about, counted from 1. */
function itemPrefix(path: string): string {
  const parts = path.split('.');
  const index = parts[2];
  if (index === undefined || !/^\d+$/.test(index)) return '';
  const n = Number(index) + 1;
  if (parts[1] === 'rampSteps') return `step ${n}: `;
  if (parts[1] === 'guardrails') return `guardrail ${n}: `;
  if (parts[1] === 'secondaryMetrics') return `secondary ${n}: `;
  return '';
}

/** The server's problems grouped by form field, each message once. */
export function groupFieldErrors(
  errors: readonly { path: string; message: string }[],
): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const e of errors) {
    const field = fieldOf(e.path);
    const message =
      field === 'form'
        ? `${e.path.replace(/^body\.?/, '') || 'request'}: ${e.message}`
        : `${itemPrefix(e.path)}${e.message}`;
    const list = (grouped[field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return grouped;
}

export type MetricRoleChoice = 'primary' | 'secondary' | 'guardrail' | '';

/** A metric's role in the form: one role per metric, so the server's "choose one role" rule cannot be hit. */
export function metricRoleOf(state: ExperimentFormState, key: string): MetricRoleChoice {
  if (state.primaryMetric === key) return 'primary';
  if (state.secondaryMetrics.includes(key)) return 'secondary';
  if (state.guardrails.some((g) => g.metric === key)) return 'guardrail';
  return '';
}

/** Gives `key` a role, taking away any other it had; a new primary leaves the old primary unused. */
export function setMetricRole(
  state: ExperimentFormState,
  key: string,
  role: MetricRoleChoice,
  defaultTolerance = '10',
): ExperimentFormState {
  const secondaryMetrics = state.secondaryMetrics.filter((m) => m !== key);
  const kept = state.guardrails.find((g) => g.metric === key);
  const guardrails = state.guardrails.filter((g) => g.metric !== key);
  const primaryMetric = role === 'primary' ? key : state.primaryMetric === key ? '' : state.primaryMetric;
  if (role === 'secondary') secondaryMetrics.push(key);
  if (role === 'guardrail') guardrails.push({ metric: key, tolerance: kept?.tolerance ?? defaultTolerance });
  return { ...state, primaryMetric, secondaryMetrics, guardrails };
}
