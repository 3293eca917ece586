import { describe, expect, it } from 'vitest';
import {
  ageLabel,
  clvLabel,
  expectedOrdersLabel,
  money,
  percent,
} from '@/components/analysis/insight-format';
import {
  durationLabel,
  modelMeaning,
  readModelParameters,
  runPercent,
} from '@/components/analysis/run-format';
import {
  dayTick,
  daysSinceAsOf,
  nextPurchaseAxis,
  relativeDay,
  toNextPurchaseRows,
  type NextPurchase,
} from '@/components/customers/next-purchase-rows';

const purchase = (over: Partial<NextPurchase> & { category: string }): NextPurchase => ({
  dueInDays: 5,
  lowDays: 2,
  highDays: 9,
  coverage: 0.8,
  daysSinceLast: 4,
  overdue: false,
  ...over,
});

const TODAY = new Date('2026-11-20T15:30:00Z');

describe('toNextPurchaseRows', () => {
  it('says a category they probably stopped buying is that, puts it last, and keeps it off the axis', () => {
    const rows = toNextPurchaseRows(
      [
        purchase({
          category: 'cat_bakery',
          dueInDays: 40,
          lowDays: 10,
          highDays: 85,
          daysSinceLast: 177,
          pActive: 0.04,
          stopped: true,
        }),
        purchase({ category: 'cat_dairy', pActive: 0.9, pWithinHorizon: 0.87, horizonDays: 90 }),
      ],
      '2026-11-20',
      TODAY,
      'UTC',
    );
    expect(rows.map((r) => [r.label, r.stopped, r.note])).toEqual([
      ['dairy', false, 'in 5 days (80%: 2–9 days; 87% likely within 90 days)'],
      ['bakery', true, 'probably stopped buying it (last bought 177 days ago)'],
    ]);
    expect(rows[1]!.overdue).toBe(false);
    // The axis covers dairy's window, not bakery's 85 days.
    expect(nextPurchaseAxis(rows).domain[1]).toBeLessThan(30);
  });

  it('counts days from today, not from the day the model ran', () => {
    // Computed three days ago: due in 5 then is due in 2 now, and last bought 3 days further back.
    const [row] = toNextPurchaseRows([purchase({ category: 'cat_dairy' })], '2026-11-17', TODAY, 'UTC');
    expect(row).toMatchObject({
      label: 'dairy',
      lowDays: -1,
      dueDays: 2,
      highDays: 6,
      range: [-1, 6],
      daysSinceLast: 7,
      coveragePct: 80,
      overdue: false,
      note: 'in 2 days (80%: now–6 days)',
    });
  });

  it('reads an insight of today unchanged and words the category', () => {
    const [row] = toNextPurchaseRows([purchase({ category: 'cat_meat-fish' })], '2026-11-20', TODAY, 'UTC');
    expect(row).toMatchObject({ label: 'meat & fish', lowDays: 2, dueDays: 5, highDays: 9 });
    expect(row?.note).toBe('in 5 days (80%: 2–9 days)');
  });

  it('marks a category overdue when the model said so or its interval has passed since', () => {
    const rows = toNextPurchaseRows(
      [
        purchase({ category: 'cat_eggs', dueInDays: -6, lowDays: -9, highDays: -2, overdue: true }),
        // Not overdue when computed ten days ago, but its whole interval is behind us now.
        purchase({ category: 'cat_coffee-tea', dueInDays: 4, lowDays: 1, highDays: 8 }),
        purchase({ category: 'cat_bakery', dueInDays: 12, lowDays: 10, highDays: 15 }),
      ],
      '2026-11-10',
      TODAY,
      'UTC',
    );
    expect(rows.map((r) => [r.label, r.overdue])).toEqual([
      ['eggs', true],
      ['coffee & tea', true],
      ['bakery', false],
    ]);
    expect(rows[0]?.note).toBe('overdue: expected 16 days ago');
    expect(rows[1]?.note).toBe('overdue: expected 6 days ago');
    expect(rows[2]?.note).toBe('in 2 days (80%: 0–5 days)');
  });

  it('puts the soonest first whatever order it gets, and keeps the dot inside its bar', () => {
    const rows = toNextPurchaseRows(
      [
        purchase({ category: 'cat_wine-beer', dueInDays: 20, lowDays: 10, highDays: 30 }),
        purchase({ category: 'cat_produce', dueInDays: 1, lowDays: 3, highDays: 6 }),
      ],
      '2026-11-20',
      TODAY,
      'UTC',
    );
    expect(rows.map((r) => r.category)).toEqual(['cat_produce', 'cat_wine-beer']);
    expect(rows[0]?.dueDays).toBe(3);
  });

  it('counts from today in the store’s zone, not the browser’s or UTC', () => {
    // 22:30 on the 20th in New York is the 21st in UTC: an insight of the 17th is 3 days old there, not 4.
    const evening = new Date('2026-11-21T03:30:00Z');
    const [ny] = toNextPurchaseRows(
      [purchase({ category: 'cat_dairy' })],
      '2026-11-17',
      evening,
      'America/New_York',
    );
    expect(ny).toMatchObject({ dueDays: 2, daysSinceLast: 7 });
    const [utc] = toNextPurchaseRows([purchase({ category: 'cat_dairy' })], '2026-11-17', evening, 'UTC');
    expect(utc).toMatchObject({ dueDays: 1, daysSinceLast: 8 });
    // 08:00 on the 21st in Tokyo is still the 20th in UTC.
    expect(daysSinceAsOf('2026-11-20', new Date('2026-11-20T23:00:00Z'), 'Asia/Tokyo')).toBe(1);
  });

  it('has nothing to show for a customer without regular categories', () => {
    expect(toNextPurchaseRows([], '2026-11-20', TODAY, 'UTC')).toEqual([]);
  });
});

describe('nextPurchaseAxis', () => {
  it('always includes today and covers every interval with whole steps', () => {
    const rows = toNextPurchaseRows(
      [
        purchase({ category: 'cat_eggs', dueInDays: -6, lowDays: -9, highDays: -2, overdue: true }),
        purchase({ category: 'cat_pantry', dueInDays: 20, lowDays: 12, highDays: 33 }),
      ],
      '2026-11-20',
      TODAY,
      'UTC',
    );
    const { domain, ticks } = nextPurchaseAxis(rows);
    expect(ticks).toContain(0);
    expect(domain[0]).toBeLessThanOrEqual(-9);
    expect(domain[1]).toBeGreaterThanOrEqual(33);
    expect(ticks[0]).toBe(domain[0]);
    expect(ticks.at(-1)).toBe(domain[1]);
    expect(new Set(ticks.slice(1).map((t, i) => t - ticks[i]!)).size).toBe(1);
  });

  it('keeps a lapsed customer’s axis to a readable number of ticks', () => {
    const rows = toNextPurchaseRows(
      [purchase({ category: 'cat_bakery', dueInDays: -695, lowDays: -706, highDays: -657, overdue: true })],
      '2026-11-20',
      TODAY,
      'UTC',
    );
    const { domain, ticks } = nextPurchaseAxis(rows);
    expect(domain[0]).toBeLessThanOrEqual(-706);
    expect(ticks).toContain(0);
    expect(ticks.length).toBeLessThanOrEqual(12);
  });

  it('starts at today when everything is ahead', () => {
    const rows = toNextPurchaseRows([purchase({ category: 'cat_dairy' })], '2026-11-20', TODAY, 'UTC');
    expect(nextPurchaseAxis(rows).domain[0]).toBe(0);
  });
});

describe('day words', () => {
  it('says days from today the way people do', () => {
    expect(dayTick(0)).toBe('today');
    expect(dayTick(7)).toBe('+7 d');
    expect(dayTick(-14)).toBe('−14 d');
    expect(relativeDay(0.4)).toBe('today');
    expect(relativeDay(1)).toBe('in 1 day');
    expect(relativeDay(-3)).toBe('3 days ago');
    expect(daysSinceAsOf('2026-11-17', TODAY, 'UTC')).toBe(3);
    expect(daysSinceAsOf('not a day', TODAY, 'UTC')).toBe(0);
  });
});

describe('insight card numbers', () => {
  it('gives the lifetime value with its horizon and interval', () => {
    expect(clvLabel({ horizonWeeks: 39, mean: 1180.4, low: 720, high: 1650.2, coverage: 0.8 }, 'EUR')).toBe(
      '€1,180 over 39 weeks, 80% interval €720–€1,650',
    );
    expect(clvLabel({ horizonWeeks: 52, mean: 45.2, low: 3.5, high: 120, coverage: 0.9 }, 'EUR')).toBe(
      '€45.20 over 52 weeks, 90% interval €3.50–€120',
    );
  });

  it('says the amounts in the insight’s currency, to its own minor unit', () => {
    const clv = { horizonWeeks: 39, mean: 84.125, low: 12.5, high: 1650, coverage: 0.8 };
    expect(clvLabel(clv, 'USD')).toBe('$84.13 over 39 weeks, 80% interval $12.50–$1,650');
    expect(clvLabel({ ...clv, mean: 12_400, low: 85, high: 30_000 }, 'JPY')).toBe(
      '¥12,400 over 39 weeks, 80% interval ¥85–¥30,000',
    );
    expect(money(45.2, 'KWD')).toBe('KWD\u00a045.200');
    expect(money(1180.4, 'KWD')).toBe('KWD\u00a01,180');
  });

  it('words percentages, expected orders and the age of an insight', () => {
    expect(percent(0.873)).toBe('87%');
    expect(percent(0.004)).toBe('<1%');
    expect(percent(0.996)).toBe('>99%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(expectedOrdersLabel(2.44)).toBe('2.4 orders');
    // The same digit as the summary's toFixed(1), so the card and the text agree.
    expect(expectedOrdersLabel(2.65)).toBe(`${(2.65).toFixed(1)} orders`);
    expect(expectedOrdersLabel(1)).toBe('1.0 order');
    expect(ageLabel(3)).toBe('just now');
    expect(ageLabel(42)).toBe('42 s ago');
    expect(ageLabel(12 * 60 + 5)).toBe('12 min ago');
    expect(ageLabel(3 * 3600 + 100)).toBe('3 h ago');
    expect(ageLabel(2 * 86_400)).toBe('2 days ago');
  });
});

describe('runs page', () => {
  it('shows a completed run as 100 % and a running one by customers done', () => {
    expect(runPercent({ status: 'completed', done: 0, total: 0 })).toBe(100);
    expect(runPercent({ status: 'running', done: 0, total: 0 })).toBe(0);
    expect(runPercent({ status: 'running', done: 150, total: 300 })).toBe(50);
    expect(runPercent({ status: 'running', done: 299, total: 300 })).toBe(99);
    expect(durationLabel(0.84)).toBe('0.8 s');
    expect(durationLabel(42)).toBe('42 s');
    expect(durationLabel(192)).toBe('3 min 12 s');
    expect(durationLabel(3900)).toBe('1 h 5 min');
  });

  it('reads the fitted parameters of a run, and nothing from an incomplete record', () => {
    const model = {
      customers: 280,
      bg: { r: 0.9, alpha: 3, a: 0.2, b: 1.8 },
      gg: { p: 6, q: 4, gamma: 2400 },
      rhythms: { cat_dairy: {}, cat_eggs: {} },
      fitSeconds: 0.42,
    };
    const params = readModelParameters(model);
    expect(params).toEqual({
      currency: 'EUR', // a model stored before it named its currency was fitted on euros
      bg: model.bg,
      gg: model.gg,
      customers: 280,
      fitSeconds: 0.42,
      categories: 2,
    });
    const meaning = modelMeaning(params!);
    expect(meaning.ordersPerWeek).toBeCloseTo(0.3);
    expect(meaning.dropoutPerOrder).toBeCloseTo(0.1);
    // p·γ/(q−1) in cents → €48.
    expect(meaning.averageOrder).toBeCloseTo(48);
    // In yen γ is whole yen: ¥4,800.
    expect(modelMeaning(readModelParameters({ ...model, currency: 'JPY' })!).averageOrder).toBeCloseTo(4800);
    expect(readModelParameters({ ...model, gg: { p: 6, q: 4 } })).toBeNull();
    expect(readModelParameters(undefined)).toBeNull();
  });
});
