import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PATCH as patchExperiment,
  GET as getOne,
  PUT as putOne,
} from '@/app/api/v1/experiments/[experimentId]/route';
import { POST as postAssignment } from '@/app/api/v1/experiments/[experimentId]/assignments/route';
import { POST as postObservations } from '@/app/api/v1/experiments/[experimentId]/observations/route';
import { GET as getResults } from '@/app/api/v1/experiments/[experimentId]/results/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/experiments/route';
import { getDefaultAnalyzer, resetAnalyzer } from '@/lib/analysis/analyzers/get-analyzer';
import { readDefaultAnalyzerSetting } from '@/lib/analysis/analyzers/default-analyzer-store';
import { createApiKey } from '@/lib/auth/api-keys/create-api-key';
import type { Role } from '@/lib/auth/permissions';
import type {
  AssignmentResponse,
  ExperimentListResponse,
  ExperimentResponse,
  ExperimentResultsResponse,
} from '@/lib/experiments/api-contract';
import { checkGuardrails, GUARDRAIL_ACTOR } from '@/lib/experiments/check-guardrails';
import type { ExperimentDefinitionInput } from '@/lib/experiments/experiment';
import { listAuditDay } from '@/lib/privacy/audit/list-audit';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { params, problem, request, sessionCookie } from './support/http';
import { useTestStack } from './support/test-stack';

// The seven experiment endpoints called as the dashboard (session cookies) and the storefront (API keys) call them.

const NARROW = { provider: 'statistical' as const };
const WIDE = { provider: 'statistical' as const, nextPurchaseCoverage: 0.9 };

const definition = (key: string, overrides: Partial<ExperimentDefinitionInput> = {}) => ({
  key,
  name: `Windows ${key}`,
  hypothesis: '90 % next-purchase windows are right more often than 80 % ones, at no cost.',
  variants: [
    { name: 'narrow', analyzer: NARROW, weight: 50 },
    { name: 'wide', analyzer: WIDE, weight: 50 },
  ],
  controlVariant: 'narrow',
  primaryMetric: 'accuracy',
  secondaryMetrics: ['cost_per_correct'],
  guardrails: [{ metric: 'latency_ms', tolerancePercent: 10 }],
  plannedSampleSizePerVariant: 100,
  ...overrides,
});

const json = (body: unknown) => JSON.stringify(body);
const auth = async (role: Role) => ({ cookie: await sessionCookie(role) });
const withKey = (key: string) => ({ 'x-api-key': key });

async function call(
  handler: (req: ReturnType<typeof request>, ctx: ReturnType<typeof params>) => Promise<Response>,
  path: string,
  init: { method?: string; headers: Record<string, string>; body?: unknown },
  routeParams: Record<string, string> = {},
) {
  const response = await handler(
    request(path, {
      method: init.method ?? 'GET',
      headers: {
        ...init.headers,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: json(init.body) } : {}),
    }),
    params(routeParams),
  );
  return response;
}

const create = async (body: unknown, role: Role = 'marketing') =>
  call((r) => createRoute(r), '/api/v1/experiments', { method: 'POST', headers: await auth(role), body });

const patch = async (key: string, body: unknown, role: Role = 'marketing') =>
  call(
    patchExperiment,
    `/api/v1/experiments/${key}`,
    { method: 'PATCH', headers: await auth(role), body },
    {
      experimentId: key,
    },
  );

const readOne = async (key: string) =>
  call(getOne, `/api/v1/experiments/${key}`, { headers: await auth('marketing') }, { experimentId: key });

const assign = (key: string, customerId: string, apiKey: string) =>
  call(
    postAssignment,
    `/api/v1/experiments/${key}/assignments`,
    { method: 'POST', headers: withKey(apiKey), body: { customerId } },
    { experimentId: key },
  );

const observe = (key: string, observations: unknown[], apiKey: string) =>
  call(
    postObservations,
    `/api/v1/experiments/${key}/observations`,
    { method: 'POST', headers: withKey(apiKey), body: { observations } },
    { experimentId: key },
  );

const results = async (key: string) => {
  const response = await call(
    getResults,
    `/api/v1/experiments/${key}/results`,
    { headers: await auth('marketing') },
    { experimentId: key },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as ExperimentResultsResponse;
};

async function started(key: string, overrides: Partial<ExperimentDefinitionInput> = {}) {
  expect((await create(definition(key, overrides))).status).toBe(201);
  const response = await patch(key, { action: 'start', revision: 0 });
  expect(response.status).toBe(200);
  return ((await response.json()) as ExperimentResponse).experiment;
}

/** Assigns customers cus_<prefix>_0… until `wanted` are in; returns them with their variants. */
async function assignMany(key: string, prefix: string, attempts: number, apiKey: string) {
  const inside: { customerId: string; variant: string }[] = [];
  for (let i = 0; i < attempts; i++) {
    const customerId = `cus_${prefix}_${i}`;
    const body = (await (await assign(key, customerId, apiKey)).json()) as AssignmentResponse;
    if (body.inExperiment) inside.push({ customerId, variant: body.variant });
  }
  return inside;
}

describe('experiments API', () => {
  useTestStack();
  let storefront = '';
  let readerKey = '';
  beforeAll(async () => {
    storefront = (await createApiKey({ name: 'shop', scopes: ['experiments:assign'], createdBy: 'test' }))
      .key;
    readerKey = (await createApiKey({ name: 'reader', scopes: ['insights:read'], createdBy: 'test' })).key;
    resetAnalyzer();
  });
  afterAll(async () => {
    resetAnalyzer();
    await closeEventPublisher();
  });

  it('creates a draft, naming each bad field, and refuses a taken key', async () => {
    const created = await create(definition('windows-main'));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/experiments/windows-main');
    const { experiment } = (await created.json()) as ExperimentResponse;
    expect(experiment).toMatchObject({ key: 'windows-main', status: 'draft', revision: 0 });
    expect(experiment.variants[1]!.analyzer).toEqual(WIDE);

    const bad = await create(
      definition('windows-bad', {
        variants: [
          { name: 'narrow', analyzer: NARROW, weight: 50 },
          { name: 'wide', analyzer: { provider: 'statistical', nextPurchaseCoverage: 1.5 }, weight: 40 },
        ],
        primaryMetric: 'happiness',
      }),
    );
    expect(bad.status).toBe(400);
    const paths = (await problem(bad)).errors!.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.variants.1.analyzer.nextPurchaseCoverage',
        'body.variants',
        'body.primaryMetric',
      ]),
    );
    expect((await create(definition('windows-main'))).status).toBe(409);
    expect((await create('not json at all')).status).toBe(400);
  });

  it('lists and reads experiments; unknown is 404, a malformed id 400, other methods 405', async () => {
    const list = await call((r) => listRoute(r), '/api/v1/experiments', { headers: await auth('marketing') });
    const { experiments } = (await list.json()) as ExperimentListResponse;
    const row = experiments.find((e) => e.experiment.key === 'windows-main');
    expect(row).toMatchObject({ daysRunning: null, rampPercent: 0, decision: null });
    const drafts = await call((r) => listRoute(r), '/api/v1/experiments?status=draft', {
      headers: await auth('marketing'),
    });
    expect(((await drafts.json()) as ExperimentListResponse).experiments.length).toBeGreaterThan(0);
    const badStatus = await call((r) => listRoute(r), '/api/v1/experiments?status=sleeping', {
      headers: await auth('marketing'),
    });
    expect(badStatus.status).toBe(400);
    expect((await problem(badStatus)).errors?.[0]?.path).toBe('query.status');

    expect((await readOne('windows-main')).status).toBe(200);
    expect((await readOne('no-such-experiment')).status).toBe(404);
    expect((await readOne('Bad Id!')).status).toBe(400);
    const put = await call(putOne, '/api/v1/experiments/windows-main', {
      method: 'PUT',
      headers: await auth('marketing'),
    });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, PATCH');
  });

  it('refuses roles and keys without the permission or scope', async () => {
    const privacyList = await call((r) => listRoute(r), '/api/v1/experiments', {
      headers: await auth('privacy'),
    });
    expect(privacyList.status).toBe(403);
    expect((await create(definition('privacy-made'), 'privacy')).status).toBe(403);
    expect((await patch('windows-main', { action: 'start', revision: 0 }, 'privacy')).status).toBe(403);
    const anonymous = await call((r) => listRoute(r), '/api/v1/experiments', { headers: {} });
    expect(anonymous.status).toBe(401);
    // A storefront key assigns and observes; it does not read or change experiments.
    expect(
      (await call((r) => listRoute(r), '/api/v1/experiments', { headers: withKey(storefront) })).status,
    ).toBe(403);
    const noScope = await assign('windows-main', 'cus_x', readerKey);
    expect(noScope.status).toBe(403);
    expect((await problem(noScope)).detail).toContain('experiments:assign');
  });

  it('starts with the revision seen: a stale one is 409, an impossible move 422, a bad action 400', async () => {
    const start = await patch('windows-main', { action: 'start', revision: 0 });
    expect(start.status).toBe(200);
    const { experiment } = (await start.json()) as ExperimentResponse;
    expect(experiment).toMatchObject({ status: 'running', revision: 1, ramp: { currentStep: 0 } });

    expect((await patch('windows-main', { action: 'pause', revision: 0, reason: 'x' })).status).toBe(409);
    const again = await patch('windows-main', { action: 'start', revision: 1 });
    expect(again.status).toBe(422);
    expect((await problem(again)).detail).toMatch(/draft/);
    const conclude = await patch('windows-main', {
      action: 'conclude',
      revision: 1,
      reason: 'done',
      winner: null,
    });
    expect(conclude.status).toBe(422);
    const unknown = await patch('windows-main', { action: 'fly', revision: 1 });
    expect(unknown.status).toBe(400);
    expect((await problem(unknown)).errors?.[0]?.path).toBe('body.action');
    const rollback = await patch('windows-main', {
      action: 'rollback_ramp',
      revision: 1,
      failedGuardrail: 'Not A Metric',
      reason: 'test',
    });
    expect(rollback.status).toBe(400);
    expect((await patch('no-such-experiment', { action: 'start', revision: 0 })).status).toBe(404);
  });

  let inside: { customerId: string; variant: string }[] = [];

  it('assigns customers through a storefront key, sticky on the second ask', async () => {
    const first = (await (
      await assign('windows-main', 'cus_sticky', storefront)
    ).json()) as AssignmentResponse;
    expect(first).toMatchObject({
      inExperiment: true,
      experimentKey: 'windows-main',
      active: true,
      new: true,
    });
    expect(first).not.toHaveProperty('analyzer');
    const second = (await (
      await assign('windows-main', 'cus_sticky', storefront)
    ).json()) as AssignmentResponse;
    expect(second).toMatchObject({ inExperiment: true, new: false });
    if (first.inExperiment && second.inExperiment) expect(second.variant).toBe(first.variant);

    expect((await assign('no-such-experiment', 'cus_sticky', storefront)).status).toBe(404);
    const noCustomer = await call(
      postAssignment,
      '/api/v1/experiments/windows-main/assignments',
      { method: 'POST', headers: withKey(storefront), body: {} },
      { experimentId: 'windows-main' },
    );
    expect(noCustomer.status).toBe(400);
    expect((await problem(noCustomer)).errors?.[0]?.path).toBe('body.customerId');

    inside = await assignMany('windows-main', 'main', 220, storefront);
    expect(inside.length).toBe(220); // 100 % ramp, no holdout
    const counts = { narrow: 0, wide: 0 } as Record<string, number>;
    for (const c of inside) counts[c.variant]! += 1;
    expect(counts.narrow).toBeGreaterThan(80);
    expect(counts.wide).toBeGreaterThan(80);
  });

  it('records observations once per id, refusing unassigned customers and unknown metrics', async () => {
    // Wide windows are right 7 times in 10, narrow ones 3 in 10; both cost about the same and take about as long.
    const seen = { narrow: 0, wide: 0 } as Record<string, number>;
    const observations = inside.map(({ customerId, variant }) => {
      const k = seen[variant]!++;
      const right = k % 10 < (variant === 'wide' ? 7 : 3) ? 1 : 0;
      return {
        observationId: `obs-${customerId}`,
        customerId,
        at: '2026-11-20T10:00:00Z',
        values: { accuracy: right, cost_usd: 0.002, latency_ms: 100 + (k % 7) },
      };
    });
    const first = await observe('windows-main', observations.slice(0, 150), storefront);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ recorded: 150, duplicates: 0 });
    const rest = await observe('windows-main', observations.slice(100), storefront);
    expect(await rest.json()).toEqual({ recorded: observations.length - 150, duplicates: 50 });

    const stranger = await observe(
      'windows-main',
      [{ observationId: 'o1', customerId: 'cus_never_assigned', values: { accuracy: 1 } }],
      storefront,
    );
    expect(stranger.status).toBe(404);
    expect((await problem(stranger)).errors?.[0]?.path).toBe('body.observations.0.customerId');
    const unknownMetric = await observe(
      'windows-main',
      [{ observationId: 'o2', customerId: inside[0]!.customerId, values: { happiness: 1 } }],
      storefront,
    );
    expect(unknownMetric.status).toBe(400);
    expect((await problem(unknownMetric)).errors?.[0]?.path).toBe('body.observations.0.values.happiness');
    const outOfRange = await observe(
      'windows-main',
      [{ observationId: 'o3', customerId: inside[0]!.customerId, values: { accuracy: 2 } }],
      storefront,
    );
    expect(outOfRange.status).toBe(400);
    const empty = await observe('windows-main', [], storefront);
    expect(empty.status).toBe(400);
  });

  it('computes results: the decision, the split, the cumulative effect and cost per correct prediction', async () => {
    const body = await results('windows-main');
    expect(body.experiment.key).toBe('windows-main');
    expect(body.results.method).toBe('sequential');
    expect(body.results.correction).toBe('holm');
    expect(body.results.decision).toMatchObject({ action: 'ship', variant: 'wide' });
    expect(body.results.srm.status).toBe('ok');
    const assigned = body.sample.assignedPerVariant;
    expect(assigned.narrow! + assigned.wide!).toBe(221); // cus_sticky too
    expect(body.sample.plannedPerVariant).toBe(100);

    const accuracy = body.results.metrics.find((m) => m.key === 'accuracy')!;
    expect(accuracy.role).toBe('primary');
    const wide = accuracy.variants.find((v) => v.variant === 'wide')!;
    expect(wide.mean).toBeCloseTo(0.7, 1);
    expect(wide.comparison?.significant).toBe(true);
    // The ratio metric is analysed too (delta method in the engine), and stated per variant in USD.
    expect(body.results.metrics.map((m) => m.key)).toEqual(['accuracy', 'cost_per_correct', 'latency_ms']);
    const ratio = body.results.metrics.find((m) => m.key === 'cost_per_correct')!;
    expect(ratio).toMatchObject({ kind: 'ratio', status: 'ok' });
    expect(ratio.variants.find((v) => v.variant === 'wide')!.mean).toBeCloseTo(body.costPerCorrect.wide!, 12);
    expect(body.costPerCorrect.wide).toBeCloseTo(0.002 / 0.7, 3);
    expect(body.costPerCorrect.narrow).toBeCloseTo(0.002 / 0.3, 2);
    expect(body.pendingOutcomes).toEqual({ narrow: 0, wide: 0 });

    const points = body.cumulative.filter((p) => p.metric === 'accuracy');
    expect(points).toHaveLength(1); // one day of observations
    expect(points[0]).toMatchObject({ day: '2026-11-20', variant: 'wide' });
    expect(points[0]!.relative).toBeGreaterThan(1); // +133 %
    expect(points[0]!.lower).toBeLessThan(points[0]!.relative!);
    expect(body.cumulative.some((p) => p.metric === 'latency_ms')).toBe(true);

    const list = await call((r) => listRoute(r), '/api/v1/experiments?status=running', {
      headers: await auth('marketing'),
    });
    const row = ((await list.json()) as ExperimentListResponse).experiments.find(
      (e) => e.experiment.key === 'windows-main',
    );
    expect(row).toMatchObject({ daysRunning: 0, rampPercent: 100, decision: { action: 'ship' } });
  });

  it('advances the ramp after a passing guardrail check, refuses it and rolls back when one fails', async () => {
    const ramped = await started('windows-ramp', { rampSteps: [20, 60, 100] });
    expect(ramped.ramp.currentStep).toBe(0);
    // No evidence of harm yet: the server's own check passes.
    const advance = await patch('windows-ramp', { action: 'advance_ramp', revision: 1 });
    expect(advance.status).toBe(200);
    const advanced = ((await advance.json()) as ExperimentResponse).experiment;
    expect(advanced.ramp.currentStep).toBe(1);
    expect(advanced.ramp.steps[0]!.guardrailCheck?.passed).toBe(true);

    // The wide arm turns three times slower than the narrow one.
    const members = await assignMany('windows-ramp', 'ramp', 80, storefront);
    const slow = members.map(({ customerId, variant }, i) => ({
      observationId: `lat-${customerId}`,
      customerId,
      values: { latency_ms: (variant === 'wide' ? 300 : 100) + (i % 5) },
    }));
    expect((await observe('windows-ramp', slow, storefront)).status).toBe(202);
    const refused = await patch('windows-ramp', { action: 'advance_ramp', revision: 2 });
    expect(refused.status).toBe(422);
    expect((await problem(refused)).detail).toContain('latency_ms');

    // The periodic check rolls it back to 0 % and pauses it, naming the guardrail.
    const outcome = await checkGuardrails('windows-ramp');
    expect(outcome).toMatchObject({ action: 'rolled_back', failedGuardrail: 'latency_ms' });
    const after = ((await (await readOne('windows-ramp')).json()) as ExperimentResponse).experiment;
    expect(after.status).toBe('paused');
    expect(after.ramp.currentStep).toBe(-1);
    expect(after.ramp.history.at(-1)).toMatchObject({
      action: 'rollback',
      by: GUARDRAIL_ACTOR,
      failedGuardrail: 'latency_ms',
      toPercent: 0,
    });
    expect(await checkGuardrails('windows-ramp')).toMatchObject({ action: 'none' });
  });

  it('promotes the winner: the default analyzer changes, the experiment concludes, the audit log says who', async () => {
    expect((await getDefaultAnalyzer()).nextPurchaseCoverage).toBeUndefined(); // ANALYZER: statistical, 80 %
    const { experiment: current } = (await (await readOne('windows-main')).json()) as ExperimentResponse;
    const badVariant = await patch('windows-main', {
      action: 'promote',
      revision: current.revision,
      variant: 'huge',
      reason: 'x',
    });
    expect(badVariant.status).toBe(400);
    expect((await problem(badVariant)).errors?.[0]?.path).toBe('body.variant');

    const promoted = await patch('windows-main', {
      action: 'promote',
      revision: current.revision,
      variant: 'wide',
      reason: 'Wide windows are right 70 % of the time against 30 %.',
    });
    expect(promoted.status).toBe(200);
    const { experiment } = (await promoted.json()) as ExperimentResponse;
    expect(experiment).toMatchObject({ status: 'concluded', conclusion: { winner: 'wide' } });
    expect(experiment.revision).toBe(current.revision + 1);
    expect(experiment.history.at(-1)).toMatchObject({
      change: 'promoted wide: statistical (90 % windows) is the default analyzer',
      by: 'marketing@example.com',
    });

    const analyzer = await getDefaultAnalyzer();
    expect(analyzer.name).toBe('statistical');
    expect(analyzer.nextPurchaseCoverage).toBe(0.9);
    expect(await readDefaultAnalyzerSetting()).toMatchObject({
      config: WIDE,
      setBy: 'marketing@example.com',
      source: { experimentKey: 'windows-main', variant: 'wide' },
    });
    const { entries } = await listAuditDay(new Date().toISOString().slice(0, 10), 50);
    const audit = entries.find((e) => e.action === 'analyzer.promoted');
    expect(audit).toMatchObject({
      actor: { kind: 'user', id: 'marketing@example.com' },
      details: { experimentKey: 'windows-main', variant: 'wide', analyzer: WIDE },
    });

    // Concluded with wide: another winner is refused; observations are final.
    const other = await patch('windows-main', {
      action: 'promote',
      revision: experiment.revision,
      variant: 'narrow',
      reason: 'changed my mind',
    });
    expect(other.status).toBe(422);
    const late = await observe(
      'windows-main',
      [{ observationId: 'late', customerId: inside[0]!.customerId, values: { accuracy: 1 } }],
      storefront,
    );
    expect(late.status).toBe(422);
  });
});
