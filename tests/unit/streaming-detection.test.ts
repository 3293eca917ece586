import { describe, expect, it } from 'vitest';
import { createPrng } from '@/lib/math/prng';
import { cartAbandonment, earlyChurnSignal, orderValueOutlier } from '@/lib/live/detection/customer-signals';
import { AlertGate, judgeConversion, judgeTraffic } from '@/lib/live/detection/traffic-anomaly';

const SLOTS = 288; // five-minute slots in a day
const DAYS = 14;

/** Page views per five minutes: quiet nights, a morning and an evening peak (a grocery storefront's day). */
function rate(slot: number): number {
  const hour = (slot * 5) / 60;
  const morning = Math.exp(-((hour - 10) ** 2) / 6);
  const evening = Math.exp(-((hour - 19) ** 2) / 4);
  return 3 + 120 * morning + 160 * evening;
}

function simulateDays(seed: string, days: number): number[][] {
  const rng = createPrng(seed);
  return Array.from({ length: days }, () => Array.from({ length: SLOTS }, (_, s) => rng.poisson(rate(s))));
}

/** Runs the detector over one day, as the consumer would every five minutes, through the alert gate. */
function alertsOver(day: readonly number[], history: readonly number[][]) {
  const gate = new AlertGate(60 * 60_000);
  const alerts: { slot: number; why: string; direction: string | null }[] = [];
  day.forEach((observed, slot) => {
    const verdict = judgeTraffic(
      'page_view per 5 min',
      observed,
      history.map((d) => d[slot]!),
    );
    if (verdict.anomalous && gate.admit('traffic', 'page_view', slot * 5 * 60_000))
      alerts.push({ slot, why: verdict.why, direction: verdict.direction });
  });
  return alerts;
}

describe('traffic anomalies against a time-of-day baseline', () => {
  const history = simulateDays('detect-history', DAYS);

  it('raises nothing on ordinary days, including their quiet nights and busy evenings', () => {
    for (const seed of ['normal-1', 'normal-2', 'normal-3', 'normal-4', 'normal-5']) {
      const [day] = simulateDays(seed, 1);
      expect(alertsOver(day!, history)).toEqual([]);
    }
  });

  it('raises exactly one alert for a twenty-minute spike, explaining expected against observed', () => {
    const [day] = simulateDays('spike-day', 1);
    for (let s = 120; s < 124; s++) day![s] = day![s]! * 5; // 10:00–10:20, five times the usual
    const alerts = alertsOver(day!, history);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.slot).toBe(120);
    expect(alerts[0]!.direction).toBe('spike');
    expect(alerts[0]!.why).toMatch(/usually at this time of day/);
  });

  it('raises one drop alert for an outage at a busy hour, and none for a few extra events at night', () => {
    const [day] = simulateDays('outage-day', 1);
    for (let s = 228; s < 234; s++) day![s] = 0; // 19:00–19:30, nothing arrives
    for (let s = 36; s < 40; s++) day![s] = day![s]! + 10; // 03:00, ten extra page views
    const alerts = alertsOver(day!, history);
    expect(alerts.map((a) => [a.slot, a.direction])).toEqual([[228, 'drop']]);
  });

  it('gives no verdict without enough history', () => {
    const verdict = judgeTraffic('search per 5 min', 500, [10, 12]);
    expect(verdict.anomalous).toBe(false);
    expect(verdict.why).toMatch(/only 2 earlier days/);
  });

  it('flags a conversion drop only when the window holds enough checkouts', () => {
    expect(judgeConversion('purchases per checkout', 10, 100, 0.3).anomalous).toBe(true);
    expect(judgeConversion('purchases per checkout', 25, 100, 0.3).anomalous).toBe(false);
    expect(judgeConversion('purchases per checkout', 0, 10, 0.3).anomalous).toBe(false);
  });
});

describe('customer signals', () => {
  const history = [4_000, 3_500, 5_200, 4_100, 3_900, 4_450];

  it('flags a 10× order against the customer’s own history, not a large but usual one', () => {
    const outlier = orderValueOutlier(41_000, history, 'EUR');
    expect(outlier.raise).toBe(true);
    expect(outlier.why).toMatch(/^10\.1× the customer's usual order/);
    expect(outlier.expected).toBe('about €40.50 (median of 6 orders)');
    expect(orderValueOutlier(6_500, history, 'EUR').raise).toBe(false);
    expect(orderValueOutlier(41_000, history.slice(0, 3), 'EUR').raise).toBe(false);
  });

  it('says the amounts in the order’s currency, by its own minor unit', () => {
    expect(orderValueOutlier(41_000, history, 'JPY')).toMatchObject({
      expected: 'about ¥4,050 (median of 6 orders)',
      observed: '¥41,000',
    });
    expect(orderValueOutlier(41_000, history, 'KWD').observed).toBe('KWD\u00a041.000');
    const cart = cartAbandonment(
      { cartValueMinor: 25_000, purchased: false, endedBy: 'timeout' },
      { currency: 'USD', thresholdMinor: 10_000 },
    );
    expect(cart.why).toBe('a $250.00 cart was abandoned (threshold $100.00)');
  });

  it('warns early of churn when a regular category is overdue or visits collapse, not for the already lapsed', () => {
    const overdue = earlyChurnSignal({
      overdueCategories: [{ categoryId: 'cat_dairy', daysPastInterval: 4 }],
      visits: { last7Days: 5, usualPerWeek: 5 },
      pAlive: 0.9,
    });
    expect(overdue.raise).toBe(true);
    expect(overdue.why).toBe('cat_dairy is 4 days past its predicted interval');
    const quiet = earlyChurnSignal({
      overdueCategories: [],
      visits: { last7Days: 0, usualPerWeek: 6 },
      pAlive: 0.8,
    });
    expect(quiet.raise).toBe(true);
    expect(quiet.feature).toBe('visit frequency');
    const usual = earlyChurnSignal({
      overdueCategories: [],
      visits: { last7Days: 4, usualPerWeek: 6 },
      pAlive: 0.8,
    });
    expect(usual.raise).toBe(false);
    const gone = earlyChurnSignal({
      overdueCategories: [{ categoryId: 'cat_dairy', daysPastInterval: 90 }],
      visits: { last7Days: 0, usualPerWeek: 6 },
      pAlive: 0.1,
    });
    expect(gone.raise).toBe(false);
  });

  it('flags a valuable abandoned cart', () => {
    expect(
      cartAbandonment({ cartValueMinor: 15_000, purchased: false, endedBy: 'timeout' }, { currency: 'EUR' })
        .raise,
    ).toBe(true);
    expect(
      cartAbandonment({ cartValueMinor: 15_000, purchased: true, endedBy: 'timeout' }, { currency: 'EUR' })
        .raise,
    ).toBe(false);
    expect(
      cartAbandonment(
        { cartValueMinor: 2_000, purchased: false, endedBy: 'session_end' },
        { currency: 'EUR' },
      ).raise,
    ).toBe(false);
  });

  it('admits one alert per subject until it has been quiet for the cool-down', () => {
    const gate = new AlertGate(10_000);
    expect(gate.admit('order_value', 'cus_1', 0)).toBe(true);
    expect(gate.admit('order_value', 'cus_1', 5_000)).toBe(false);
    expect(gate.admit('order_value', 'cus_2', 5_000)).toBe(true);
    expect(gate.admit('order_value', 'cus_1', 12_000)).toBe(false); // still anomalous 7 s after the last
    expect(gate.admit('order_value', 'cus_1', 30_000)).toBe(true);
  });
});
