import { getConfig } from '../../config';
import { getItem, queryItems } from '../../db/items';
import type { EventOf, PulseEvent } from '../../events';
import { forEachLimit } from '../../for-each-limit';
import { pseudonymFor } from '../../privacy/pseudonym';
import { assignmentSchema } from '../assignment';
import type { Experiment } from '../experiment';
import { getExperiment } from '../get-experiment';
import { listExperiments } from '../list-experiments';
import { conversionCell, conversionVerdict, purchaseVerdict } from './outcome-cells';
import { getOpenOutcome, openOutcome, openOutcomesOf, resolveOutcome } from './outcome-store';

/** The event types the worker's `experiment-outcomes` handler hands over. */
export const OUTCOME_EVENT_TYPES = ['purchase', 'recommendation_shown', 'recommendation_clicked'] as const;

const DAY_MS = 86_400_000;
/** A showing converts when clicked, or followed by an order, within this long. */
const CONVERSION_WINDOW_MS = DAY_MS;

const isLive = (e: Experiment | undefined): e is Experiment =>
  !!e && e.status !== 'draft' && e.status !== 'concluded';

/**
 * Resolves experiment outcomes from storefront events, in stream order (a showing before its click):
 *
 * - `purchase`: the customer's open outcomes in each experiment they are assigned to (one index query, then one
 *   query per experiment): a prediction whose category the order holds resolves — accuracy 1 inside its window
 *   and 0 outside, with its interval score and bought_within_horizon 1 within its horizon; an open showing resolves to 1 (the order followed it within 24 h).
 * - `recommendation_shown` with `experimentId` and `variant`: opens a conversion outcome for 24 h, when the
 *   experiment is live and the customer's stored assignment is that variant (a storefront cannot count for a variant
 *   the customer is not in).
 * - `recommendation_clicked`: resolves that showing to 1 when inside its window.
 *
 * Bounded writes per event; idempotent (outcome-store.ts), so at-least-once delivery counts each outcome once.
 */
export async function resolveOutcomesOnEvents(events: readonly PulseEvent[]): Promise<void> {
  // Without a live experiment (the usual case) an event costs nothing beyond this cached read.
  if (!events.length || !(await anyLiveExperiment())) return;
  const experiments = new Map<string, Promise<Experiment | undefined>>();
  const experiment = (key: string) => {
    if (!experiments.has(key)) experiments.set(key, getExperiment(key));
    return experiments.get(key)!;
  };
  // A customer's events in stream order (a showing before its click); customers side by side.
  const byCustomer = new Map<string, PulseEvent[]>();
  for (const event of events) {
    if (!byCustomer.has(event.customerId)) byCustomer.set(event.customerId, []);
    byCustomer.get(event.customerId)!.push(event);
  }
  await forEachLimit([...byCustomer.values()], 8, async (customerEvents) => {
    for (const event of customerEvents) {
      if (event.type === 'purchase') await onPurchase(event, experiment);
      else if (event.type === 'recommendation_shown') await onShown(event, experiment);
      else if (event.type === 'recommendation_clicked') await onClicked(event, experiment);
    }
  });
}

/** How long a process trusts "no experiment is live" (an experiment started since is seen within this). */
const LIVE_CACHE_MS = 10_000;
let live: { at: number; any: boolean } | undefined;

async function anyLiveExperiment(): Promise<boolean> {
  if (live && Date.now() - live.at < LIVE_CACHE_MS) return live.any;
  const [running, paused, stopped] = await Promise.all(
    (['running', 'paused', 'stopped'] as const).map((status) => listExperiments({ status, limit: 1 })),
  );
  live = { at: Date.now(), any: [running, paused, stopped].some((l) => l!.length > 0) };
  return live.any;
}

type Lookup = (key: string) => Promise<Experiment | undefined>;

async function onPurchase(event: EventOf<'purchase'>, experiment: Lookup): Promise<void> {
  const assignments = await queryItems('experiment_assignments', {
    index: 'by_customer',
    keyCondition: 'customerId = :c',
    values: { ':c': event.customerId },
  });
  const placedAt = event.properties.placedAt;
  const timeZone = getConfig().STORE_TIMEZONE;
  const categories = [...new Set(event.properties.items.map((i) => i.categoryId))];
  for (const row of assignments) {
    const { experimentId } = assignmentSchema.pick({ experimentId: true }).parse(row);
    const e = await experiment(experimentId);
    if (!isLive(e)) continue;
    for (const outcome of await openOutcomesOf(experimentId, event.customerId)) {
      const conversion = outcome.metric === 'conversion' ? conversionVerdict(outcome, placedAt) : undefined;
      const values =
        outcome.metric === 'accuracy'
          ? purchaseVerdict(outcome, { placedAt, categories }, timeZone)
          : conversion === undefined
            ? undefined
            : { conversion };
      if (values !== undefined) await resolveOutcome(e, outcome, values, new Date(placedAt));
    }
  }
}

async function onShown(event: EventOf<'recommendation_shown'>, experiment: Lookup): Promise<void> {
  const { experimentId, variant, recommendationId } = event.properties;
  if (!experimentId || !variant) return;
  const e = await experiment(experimentId);
  if (!isLive(e)) return;
  const row = await getItem(
    'experiment_assignments',
    { experimentId: e.key, customerId: event.customerId },
    { consistent: true },
  );
  if (!row || assignmentSchema.parse(row).variant !== variant) return;
  const shownAt = event.occurredAt;
  await openOutcome({
    experimentId: e.key,
    cell: conversionCell(pseudonymFor(event.customerId), recommendationId),
    metric: 'conversion',
    variant,
    observationId: `conversion:${recommendationId}`,
    customerId: event.customerId,
    madeAt: shownAt,
    opensAt: shownAt,
    closesAt: new Date(Date.parse(shownAt) + CONVERSION_WINDOW_MS).toISOString(),
    recommendationId,
  });
}

async function onClicked(event: EventOf<'recommendation_clicked'>, experiment: Lookup): Promise<void> {
  const { experimentId, recommendationId } = event.properties;
  if (!experimentId) return;
  const e = await experiment(experimentId);
  if (!isLive(e)) return;
  const outcome = await getOpenOutcome(
    e.key,
    conversionCell(pseudonymFor(event.customerId), recommendationId),
  );
  if (!outcome) return;
  const verdict = conversionVerdict(outcome, event.occurredAt);
  if (verdict !== undefined)
    await resolveOutcome(e, outcome, { conversion: verdict }, new Date(event.occurredAt));
}
