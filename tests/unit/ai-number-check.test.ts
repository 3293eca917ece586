import { describe, expect, it } from 'vitest';
import type { AnalyzerInput, Narrative } from '@/lib/analysis/analyzers/analyzer';
import { extractNumbers, unmatchedNumbers } from '@/lib/analysis/analyzers/number-check';
import { statisticalNarrative } from '@/lib/analysis/analyzers/statistical-analyzer';

const features = (orders: number): AnalyzerInput['features'] => ({
  customer: 'psn_0a1b2c3d4e5f6071',
  orders,
  weeksSinceFirstOrder: orders ? 40.3 : 0,
  weeksSinceLastOrder: orders ? 2.1 : 0,
  ownAverageOrder: orders ? 57.8 : 0,
  categories: orders ? [{ category: 'cat_dairy', purchases: 9, typicalGapDays: 7 }] : [],
});

const next = (
  category: string,
  dueInDays: number,
  lowDays: number,
  highDays: number,
  daysSinceLast: number,
) => ({
  category,
  dueInDays,
  lowDays,
  highDays,
  coverage: 0.8,
  daysSinceLast,
  overdue: dueInDays < 0 && highDays < 0,
});

/** Customers the statistical template words differently: active and valuable, lapsing, lapsed, brand new. */
const customers: Record<string, AnalyzerInput> = {
  'active, valuable, items due soon': {
    features: features(23),
    numbers: {
      asOf: '2026-11-20',
      pAlive: 0.965,
      expectedOrders30d: 2.25,
      expectedOrders90d: 6.71,
      churnProbability: 0.118,
      churnLevel: 'low',
      currency: 'EUR',
      averageOrder: 57.456,
      clv: { horizonWeeks: 52, mean: 2_345.678, low: 1_480.2, high: 3_210.5, coverage: 0.8 },
      nextPurchases: [next('cat_dairy', 2.5, 0.6, 4.4, 5), next('cat_meat-fish', 6.2, 2.5, 11.5, 8)],
    },
    mayContact: true,
  },
  'drifting, medium churn, overdue, no contact': {
    features: features(6),
    numbers: {
      asOf: '2026-11-20',
      pAlive: 0.55,
      expectedOrders30d: 0.45,
      expectedOrders90d: 1.3,
      churnProbability: 0.615,
      churnLevel: 'medium',
      currency: 'EUR',
      averageOrder: 98.995,
      clv: { horizonWeeks: 26, mean: 140.49, low: 0, high: 390.5, coverage: 0.9 },
      nextPurchases: [next('cat_coffee-tea', -6, -14, -2.4, 33), next('cat_bakery', 1, 0.2, 3, 4)],
    },
    mayContact: false,
  },
  'lapsed, high churn': {
    features: features(3),
    numbers: {
      asOf: '2026-11-20',
      pAlive: 0.08,
      expectedOrders30d: 0.05,
      expectedOrders90d: 0.14,
      churnProbability: 0.94,
      churnLevel: 'high',
      currency: 'EUR',
      averageOrder: 12.345,
      clv: { horizonWeeks: 52, mean: 9.99, low: 0, high: 45.125, coverage: 0.8 },
      nextPurchases: [next('cat_produce', -40, -61, -19.5, 82)],
    },
    mayContact: true,
  },
  'no orders yet': {
    features: features(0),
    numbers: {
      asOf: '2026-11-20',
      pAlive: 1,
      expectedOrders30d: 0.35,
      expectedOrders90d: 0.98,
      churnProbability: 0.5,
      churnLevel: 'medium',
      currency: 'EUR',
      averageOrder: 38.4,
      clv: { horizonWeeks: 52, mean: 61.2, low: 0, high: 180, coverage: 0.8 },
      nextPurchases: [],
    },
    mayContact: true,
  },
};

const active = customers['active, valuable, items due soon']!;

describe('extractNumbers', () => {
  it('reads percentages, euro amounts with thousands separators, decimals and both ends of a range', () => {
    const found = extractNumbers('83% likely; worth €1,234.50 (2.4 orders) in 3–6 days, next 30.', 'EUR');
    expect(found).toEqual([
      { text: '83%', value: 83, decimals: 0, unit: 'percent' },
      { text: '€1,234.50', value: 1234.5, decimals: 2, unit: 'money' },
      { text: '2.4', value: 2.4, decimals: 1 },
      { text: '3', value: 3, decimals: 0 },
      { text: '6', value: 6, decimals: 0 },
      { text: '30', value: 30, decimals: 0 },
    ]);
  });
});

describe('extractNumbers in other currencies', () => {
  it('reads amounts with the currency’s sign or code as money, another currency’s as foreign', () => {
    expect(extractNumbers('worth $84.13, US$12 or USD 9; KWD\u00a045.200', 'USD')).toEqual([
      { text: '$84.13', value: 84.13, decimals: 2, unit: 'money' },
      { text: 'US$12', value: 12, decimals: 0, unit: 'money' },
      { text: 'USD 9', value: 9, decimals: 0, unit: 'money' },
      { text: 'KWD\u00a045.200', value: 45.2, decimals: 3, unit: 'foreign-money' },
    ]);
    expect(extractNumbers('¥12,400 and €5', 'JPY').map((n) => n.unit)).toEqual(['money', 'foreign-money']);
    // Three capitals that are no currency are just a word: "CLV 412" is a plain 412.
    expect(extractNumbers('CLV 412', 'EUR')).toEqual([{ text: '412', value: 412, decimals: 0 }]);
  });
});

/** The active customer, in another currency: the same numbers, named in it. */
const inCurrency = (currency: string): AnalyzerInput => ({
  ...active,
  numbers: { ...active.numbers, currency },
});

describe('unmatchedNumbers', () => {
  it.each(Object.entries(customers))('passes the statistical template: %s', (_name, input) => {
    const narrative = statisticalNarrative(input);
    expect(extractNumbers(narrative.summary, input.numbers.currency).length).toBeGreaterThan(4);
    expect(unmatchedNumbers(narrative, input)).toEqual([]);
  });

  const say = (summary: string, action = 'No action needed now.'): Narrative => ({
    summary,
    actions: [{ kind: 'none', text: action }],
  });

  it('accepts a model number rounded to the precision it is written with', () => {
    const ok = say(
      '97% active, 2.3 orders in the next 30 days, 6.71 in 90; €2,346 or €2,345.68; dairy in 3 days.',
    );
    expect(unmatchedNumbers(ok, active)).toEqual([]);
  });

  it('lists invented, recomputed or coarsened numbers, also in actions', () => {
    const bad = say(
      'Worth €2,300 (rounded too far), €2,500 in total, 1.9 orders, a 15% discount, back in 45 days.',
      'Send 17 coupons.',
    );
    expect(unmatchedNumbers(bad, active)).toEqual(['€2,300', '€2,500', '1.9', '15%', '45', '17']);
  });

  it('rejects a calendar date by its year, which no model number matches', () => {
    // 12 and 04 pass as rounded model numbers (11.5 and 4.4 days); the year does not, so the date is caught.
    expect(unmatchedNumbers(say('Next order around 2026-12-04.'), active)).toEqual(['2026']);
  });

  it('allows a % only for probabilities and a € only for amounts', () => {
    // 5 and 8 are days since the last purchase, 30 a horizon: right as numbers, wrong as a percentage or an amount.
    expect(
      unmatchedNumbers(say('Last dairy 5 days ago, 8% churn, €30 a month, in 30 days.'), active),
    ).toEqual(['8%', '€30']);
  });

  it('accepts amounts only with the input’s currency, in any currency', () => {
    for (const currency of ['USD', 'JPY', 'KWD']) {
      const input = inCurrency(currency);
      expect(unmatchedNumbers(statisticalNarrative(input), input), currency).toEqual([]);
    }
    expect(unmatchedNumbers(say('Worth ¥2,346, USD 2,346.'), inCurrency('JPY'))).toEqual(['USD 2,346']);
    // Nothing is converted: a euro sign in a dollar shop is wrong whatever the number.
    expect(unmatchedNumbers(say('Worth €2,346.'), inCurrency('USD'))).toEqual(['€2,346']);
    expect(unmatchedNumbers(say('Worth $2,346.'), inCurrency('USD'))).toEqual([]);
  });

  it('accepts days overdue written as a positive number', () => {
    const drifting = customers['drifting, medium churn, overdue, no contact']!;
    expect(unmatchedNumbers(say('Coffee & tea was due 6 days ago.'), drifting)).toEqual([]);
  });
});
