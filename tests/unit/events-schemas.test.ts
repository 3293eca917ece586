import { describe, expect, it } from 'vitest';
import { envelopeSchema } from '@/lib/events/envelope';
import { EVENT_SOURCES, SOURCES } from '@/lib/events/event-types';
import { EVENT_EXAMPLES } from '@/lib/events/examples';
import { parseEvent } from '@/lib/events/parse-event';
import { PURPOSES } from '@/lib/events/purposes';
import { EVENT_TYPES, type EventType } from '@/lib/events/schemas';
import { SEGMENTS } from '@/lib/events/segments';

/** A copy of a type's example with some envelope fields and properties replaced, as plain JSON. */
function variant(
  type: EventType,
  envelope: Record<string, unknown> = {},
  properties: Record<string, unknown> = {},
): Record<string, unknown> {
  const copy = structuredClone(EVENT_EXAMPLES[type]) as Record<string, unknown>;
  return { ...copy, ...envelope, properties: { ...(copy.properties as object), ...properties } };
}

function errorsOf(input: unknown) {
  const result = parseEvent(input);
  if (result.ok) throw new Error('expected the event to be rejected');
  return result.errors;
}

const paths = (input: unknown) => errorsOf(input).map((e) => e.path);

describe('event examples', () => {
  it('has one example per type and each parses unchanged', () => {
    expect(Object.keys(EVENT_EXAMPLES).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const result = parseEvent(EVENT_EXAMPLES[type]);
      expect(result, type).toEqual({ ok: true, event: EVENT_EXAMPLES[type] });
    }
  });

  it('lists exactly the agreed segments and purposes', () => {
    expect(SEGMENTS).toEqual([
      'Champions',
      'Loyal',
      'Potential Loyalist',
      'New',
      'Promising',
      'Need Attention',
      'About to Sleep',
      'At Risk',
      "Can't Lose",
      'Hibernating',
      'Lost',
    ]);
    expect(PURPOSES).toEqual(['essential', 'analytics', 'personalization', 'ai_processing', 'marketing']);
  });
});

describe('strictness', () => {
  it('rejects unknown fields in the envelope, the properties and nested items, naming each', () => {
    expect(errorsOf(variant('add_to_cart', {}, { colour: 'red' }))).toEqual([
      { path: 'properties.colour', message: 'unknown field' },
    ]);
    expect(paths(variant('page_view', { userAgent: 'Mozilla/5.0' }))).toEqual(['userAgent']);
    const purchase = variant('purchase');
    (purchase.properties as { items: Record<string, unknown>[] }).items[0]!.discountMinor = 10;
    expect(paths(purchase)).toEqual(['properties.items.0.discountMinor']);
  });

  it('rejects an unknown consent purpose and a withdrawn essential purpose', () => {
    expect(paths(variant('consent_updated', {}, { purposes: { sales: false } }))).toEqual([
      'properties.purposes.sales',
    ]);
    const essential = errorsOf(variant('consent_updated', {}, { purposes: { essential: false } }));
    expect(essential).toEqual([
      { path: 'properties.purposes.essential', message: 'essential is always on and cannot be withdrawn' },
    ]);
    expect(paths(variant('consent_updated', {}, { purposes: {} }))).toEqual(['properties.purposes']);
  });
});

describe('money', () => {
  it('rejects a purchase whose total disagrees with its lines, at properties.totalMinor', () => {
    const errors = errorsOf(variant('purchase', {}, { totalMinor: 1414 }));
    expect(errors).toEqual([
      {
        path: 'properties.totalMinor',
        message: 'totalMinor must equal the sum of quantity × unitPriceMinor over items',
      },
    ]);
  });

  it('rejects decimal, negative and currency-less amounts', () => {
    const decimal = errorsOf(variant('add_to_cart', {}, { unitPriceMinor: 1.19 }));
    expect(decimal).toHaveLength(1);
    expect(decimal[0]).toMatchObject({ path: 'properties.unitPriceMinor' });
    expect(decimal[0]!.message).toMatch(/whole number of minor units/);
    expect(paths(variant('checkout_started', {}, { cartValueMinor: -1 }))).toEqual([
      'properties.cartValueMinor',
    ]);
    expect(paths(variant('checkout_started', {}, { currency: 'eur' }))).toEqual(['properties.currency']);
    expect(paths(variant('product_view', {}, { currency: undefined }))).toEqual(['properties.currency']);
  });

  it('points at the exact purchase line that is wrong', () => {
    const purchase = variant('purchase');
    (purchase.properties as { items: { quantity: number }[] }).items[1]!.quantity = 0;
    expect(paths(purchase)).toEqual(['properties.items.1.quantity']);
  });
});

describe('source rule', () => {
  it('accepts each type only from its sources, saying who may send it', () => {
    for (const type of EVENT_TYPES) {
      for (const source of SOURCES) {
        const result = parseEvent(variant(type, { source }));
        expect(result.ok, `${type} from ${source}`).toBe(EVENT_SOURCES[type].includes(source));
      }
    }
    expect(errorsOf(variant('purchase', { source: 'storefront' }))).toEqual([
      {
        path: 'source',
        message: 'source "storefront" may not emit purchase events; purchase comes from orders',
      },
    ]);
  });

  it('is enforced by the bare envelope schema too', () => {
    const result = envelopeSchema.safeParse(variant('segment_updated', { source: 'storefront' }));
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'source',
        'source "storefront" may not emit segment_updated events; segment_updated comes from segmentation',
      ],
    ]);
    expect(envelopeSchema.safeParse(variant('consent_updated', { source: 'storefront' })).success).toBe(true);
  });
});

describe('envelope fields', () => {
  it('requires a time zone on timestamps', () => {
    expect(paths(variant('search', { occurredAt: '2026-03-14T09:31:15' }))).toEqual(['occurredAt']);
    expect(parseEvent(variant('search', { occurredAt: '2026-03-14T09:31:15-05:00' })).ok).toBe(true);
    expect(paths(variant('purchase', {}, { placedAt: '2026-03-14 09:37' }))).toEqual(['properties.placedAt']);
  });

  it('checks ids, versions and type', () => {
    expect(paths(variant('search', { eventId: 'not-a-uuid' }))).toEqual(['eventId']);
    expect(paths(variant('search', { customerId: 'cus 42' }))).toEqual(['customerId']);
    expect(paths(variant('search', { customerId: 'c'.repeat(65) }))).toEqual(['customerId']);
    expect(paths(variant('search', { schemaVersion: 2 }))).toEqual(['schemaVersion']);
    expect(paths(variant('search', { schemaVersion: 0 }))).toEqual(['schemaVersion']);
    expect(errorsOf(variant('search', { type: 'pageview' }))).toEqual([
      { path: 'type', message: expect.stringContaining('type must be one of page_view,') },
    ]);
    expect(errorsOf('not an event')).toEqual([{ path: '', message: expect.any(String) }]);
  });

  it('says "required" for a missing field', () => {
    const { customerId: _omitted, ...rest } = variant('search');
    expect(errorsOf(rest)).toEqual([{ path: 'customerId', message: 'required' }]);
    expect(errorsOf(variant('search', {}, { query: undefined }))).toEqual([
      { path: 'properties.query', message: 'required' },
    ]);
  });
});

describe('type rules', () => {
  it('keeps page paths free of query strings', () => {
    expect(paths(variant('page_view', {}, { path: '/account?email=a@b.c' }))).toEqual(['properties.path']);
  });

  it('bounds quantities, lists and queries', () => {
    expect(paths(variant('add_to_cart', {}, { quantity: 1000 }))).toEqual(['properties.quantity']);
    expect(paths(variant('search', {}, { query: '   ' }))).toEqual(['properties.query']);
    expect(paths(variant('search', {}, { query: 'x'.repeat(201) }))).toEqual(['properties.query']);
    const many = Array.from({ length: 51 }, (_, i) => `prd_${i}`);
    expect(paths(variant('recommendation_shown', {}, { productIds: many }))).toEqual([
      'properties.productIds',
    ]);
    expect(paths(variant('purchase', {}, { items: [], totalMinor: 0 }))).toEqual(['properties.items']);
  });

  it('needs an experiment for a variant', () => {
    expect(paths(variant('recommendation_clicked', {}, { experimentId: undefined }))).toEqual([
      'properties.variant',
    ]);
  });

  it('keeps segment moves consistent with the scores', () => {
    expect(paths(variant('segment_updated', {}, { moved: ['recency', 'monetary'] }))).toEqual([
      'properties.moved',
    ]);
    expect(paths(variant('segment_updated', {}, { to: 'VIP' }))).toEqual(['properties.to']);
    expect(
      paths(variant('segment_updated', {}, { scores: { recency: 6, frequency: 4, monetary: 3 } })),
    ).toEqual(['properties.scores.recency']);
    const first = variant('segment_updated', {}, { from: null, previousScores: null, moved: [] });
    expect(parseEvent(first).ok).toBe(true);
  });
});
