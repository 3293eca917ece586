import { z } from 'zod';
import { DomainError } from '../errors/domain-error';
import {
  experimentDefinitionSchema,
  experimentPatchSchema,
  parseInput,
  type Experiment,
  type ExperimentDefinition,
  type ExperimentPatch,
  type ExperimentStatus,
} from './experiment';

/**
 * The rules of an experiment's life, as pure functions from an experiment to the next one (the store functions read,
 * apply one of these, and write conditionally on the revision). Refusals are DomainErrors: `invalid` (400) for a bad
 * field, `unprocessable` (422) for a request that the experiment's state makes impossible.
 *
 * draft → running → paused ⇄ running, running | paused → stopped → concluded. Everything can be edited in a draft;
 * once started only the variants' weights and the ramp steps not yet reached can change, so that what a customer
 * was assigned to keeps meaning the same thing.
 */
export const STATUS_TRANSITIONS: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  draft: ['running'],
  running: ['paused', 'stopped'],
  paused: ['running', 'stopped'],
  stopped: ['concluded'],
  concluded: [],
};

const REASON_REQUIRED: ReadonlySet<ExperimentStatus> = new Set(['paused', 'stopped', 'concluded']);

// The history is for people reading what happened; the oldest entries go first when it grows long.
const MAX_HISTORY = 200;

/** A 422 for a request the experiment's state does not allow, naming the field when there is one. */
export function refused(detail: string, path?: string): DomainError {
  return new DomainError(
    'unprocessable',
    detail,
    path ? { errors: [{ path: `body.${path}`, message: detail }] } : {},
  );
}

// The experiments API has always titled its own field checks "Bad request" (zod's are "Invalid request").
const BAD_REQUEST = 'Bad request';

/** A 400 for one bad field of the body (`path` below `body.`). */
export const fieldError = (path: string, message: string) =>
  new DomainError('invalid', `body.${path}: ${message}`, {
    errors: [{ path: `body.${path}`, message }],
    title: BAD_REQUEST,
  });

/** The next version of `e`: revision + 1, `updatedAt`, and the change in its history. */
export function recordChange(
  e: Experiment,
  next: Partial<Experiment>,
  entry: { by: string; change: string; reason?: string },
  now: Date,
): Experiment {
  const at = now.toISOString();
  const history = [...e.history, { at, ...entry }].slice(-MAX_HISTORY);
  return { ...e, ...next, history, updatedAt: at, revision: e.revision + 1 };
}

export function canTransition(from: ExperimentStatus, to: ExperimentStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** A new draft from a checked definition. */
export function newExperiment(definition: ExperimentDefinition, by: string, now: Date): Experiment {
  const at = now.toISOString();
  const { rampSteps, hashSeed, ...rest } = definition;
  return {
    ...rest,
    hashSeed: hashSeed ?? definition.key,
    status: 'draft',
    ramp: { steps: rampSteps.map((percent) => ({ percent })), currentStep: -1, history: [] },
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    history: [{ at, by, change: 'created' }],
    revision: 0,
  };
}

export const transitionSchema = z.strictObject({
  to: z.enum(['running', 'paused', 'stopped', 'concluded'], {
    message: 'must be running, paused, stopped or concluded',
  }),
  reason: z.string().trim().min(1, 'must not be empty').max(500).optional(),
  /** When concluding: the variant to keep, or null for none. */
  winner: z.string().nullable().optional(),
});
export type TransitionInput = z.input<typeof transitionSchema>;

export function applyTransition(e: Experiment, input: TransitionInput, by: string, now: Date): Experiment {
  const { to, reason, winner } = parseInput(transitionSchema, input);
  const from = e.status;
  if (from === to) throw refused(`The experiment is ${from} already.`, 'to');
  if (!canTransition(from, to)) {
    const allowed = STATUS_TRANSITIONS[from];
    throw refused(
      `A ${from} experiment cannot become ${to} (${allowed.length ? `it may become ${allowed.join(' or ')}` : 'that is final'}).`,
      'to',
    );
  }
  if (REASON_REQUIRED.has(to) && !reason) throw fieldError('reason', `say why the experiment is ${to}`);
  if (winner !== undefined && to !== 'concluded') throw fieldError('winner', 'is only given when concluding');
  if (winner != null && !e.variants.some((v) => v.name === winner))
    throw fieldError(
      'winner',
      `must be one of the variants (${e.variants.map((v) => v.name).join(', ')}) or null`,
    );

  const at = now.toISOString();
  const next: Partial<Experiment> = { status: to };
  if (to === 'running') {
    if (from === 'draft') next.startedAt = at;
    // A draft, or an experiment rolled back to 0 %, (re)starts at the ramp's first step.
    if (e.ramp.currentStep < 0) {
      const steps = e.ramp.steps.map((s, i) => (i === 0 ? { ...s, startedAt: at } : s));
      next.ramp = {
        steps,
        currentStep: 0,
        history: [
          ...e.ramp.history,
          {
            at,
            by,
            action: from === 'draft' ? 'start' : 'resume',
            fromPercent: 0,
            toPercent: steps[0]!.percent,
            ...(reason ? { reason } : {}),
          },
        ],
      };
    }
  }
  if (to === 'stopped') next.stoppedAt = at;
  if (to === 'concluded') {
    next.concludedAt = at;
    next.conclusion = { winner: winner ?? null, ...(reason ? { summary: reason } : {}) };
  }
  return recordChange(e, next, { by, change: `${from} → ${to}`, ...(reason ? { reason } : {}) }, now);
}

/** Deep equality of plain JSON values, whatever the key order (items read back from DynamoDB reorder maps). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function definitionOf(e: Experiment) {
  return {
    key: e.key,
    name: e.name,
    hypothesis: e.hypothesis,
    variants: e.variants,
    controlVariant: e.controlVariant,
    primaryMetric: e.primaryMetric,
    secondaryMetrics: e.secondaryMetrics,
    guardrails: e.guardrails,
    customMetrics: e.customMetrics,
    targeting: e.targeting,
    holdoutPercent: e.holdoutPercent,
    plannedSampleSizePerVariant: e.plannedSampleSizePerVariant,
    rampSteps: e.ramp.steps.map((s) => s.percent),
    hashSeed: e.hashSeed,
  };
}

/** Checks that a started experiment's new variants differ from the old ones in their weights only. */
function checkOnlyWeightsChanged(e: Experiment, variants: NonNullable<ExperimentPatch['variants']>): void {
  if (variants.length !== e.variants.length)
    throw refused('Variants cannot be added or removed once the experiment has started.', 'variants');
  variants.forEach((v, i) => {
    const old = e.variants[i]!;
    if (v.name !== old.name)
      throw refused(
        `Variants cannot be renamed or reordered once started (${old.name} expected).`,
        `variants.${i}.name`,
      );
    const { weight: _n, ...rest } = v;
    const { weight: _o, ...oldRest } = old;
    if (!sameJson(rest, oldRest))
      throw refused(
        `Only the weight of ${old.name} can change once the experiment has started.`,
        `variants.${i}`,
      );
  });
}

function checkReachedStepsKept(e: Experiment, rampSteps: readonly number[]): void {
  for (let i = 0; i <= e.ramp.currentStep; i++) {
    const reached = e.ramp.steps[i]!.percent;
    if (rampSteps[i] !== reached)
      throw refused(
        `Step ${i + 1} (${reached} %) has been reached; only later steps can change.`,
        `rampSteps.${i}`,
      );
  }
}

const describeWeights = (before: Experiment['variants'], after: Experiment['variants']) =>
  after
    .map((v, i) => [v.name, before[i]?.weight, v.weight] as const)
    .filter(([, b, a]) => b !== a)
    .map(([name, b, a]) => `${name} ${b} → ${a} %`)
    .join(', ');

/** Applies a PATCH by `by`: the whole definition is checked again, so a change cannot leave it inconsistent. */
export function applyPatch(e: Experiment, input: ExperimentPatch, by: string, now: Date): Experiment {
  const patch = parseInput(experimentPatchSchema, input);
  const fields = Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  if (!fields.length)
    throw new DomainError('invalid', 'Send at least one field to change.', { title: BAD_REQUEST });
  if (e.status === 'stopped' || e.status === 'concluded')
    throw refused(`A ${e.status} experiment cannot be edited.`);
  if (e.status !== 'draft') {
    const locked = fields.filter((f) => f !== 'variants' && f !== 'rampSteps');
    if (locked.length)
      throw refused(
        `Once an experiment has started only the variants' weights and the ramp steps can change (not ${locked.join(', ')}).`,
        locked[0],
      );
    if (patch.variants) checkOnlyWeightsChanged(e, patch.variants);
    if (patch.rampSteps) checkReachedStepsKept(e, patch.rampSteps);
  }
  const merged: Record<string, unknown> = { ...definitionOf(e), ...patch };
  if (patch.plannedSampleSizePerVariant === null) delete merged.plannedSampleSizePerVariant;
  const definition = parseInput(experimentDefinitionSchema, merged);

  const at = now.toISOString();
  const { rampSteps, hashSeed, key: _key, ...rest } = definition;
  const steps = rampSteps.map((percent, i) =>
    i <= e.ramp.currentStep ? e.ramp.steps[i]! : { percent, ...(sameStep(e, i, percent) ?? {}) },
  );
  const rampChanged = !sameJson(
    rampSteps,
    e.ramp.steps.map((s) => s.percent),
  );
  const ramp = rampChanged
    ? {
        ...e.ramp,
        steps,
        history:
          e.status === 'draft'
            ? e.ramp.history
            : [
                ...e.ramp.history,
                {
                  at,
                  by,
                  action: 'reschedule' as const,
                  fromPercent: currentPercent(e),
                  toPercent: currentPercent(e),
                  reason: `steps ${rampSteps.join(', ')} %`,
                },
              ],
      }
    : e.ramp;
  const changes = fields
    .map((f) => {
      if (f === 'variants' && e.status !== 'draft')
        return `weights ${describeWeights(e.variants, rest.variants)}`;
      if (f === 'rampSteps')
        return `ramp steps ${e.ramp.steps.map((s) => s.percent).join(', ')} → ${rampSteps.join(', ')} %`;
      return f;
    })
    .join('; ');
  const next: Experiment = { ...e, ...rest, hashSeed: hashSeed ?? e.hashSeed, ramp };
  if (patch.plannedSampleSizePerVariant === null) delete next.plannedSampleSizePerVariant;
  return recordChange(e, next, { by, change: `edited ${changes}` }, now);
}

// A later step whose percent is unchanged keeps what it recorded.
function sameStep(e: Experiment, i: number, percent: number) {
  const old = e.ramp.steps[i];
  return old && old.percent === percent ? old : undefined;
}

/** The share of eligible traffic in force, percent (0 before the start or after a rollback to nothing). */
export function currentPercent(e: Pick<Experiment, 'ramp'>): number {
  return e.ramp.currentStep < 0 ? 0 : (e.ramp.steps[e.ramp.currentStep]?.percent ?? 0);
}
