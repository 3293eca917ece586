import { describe, expect, it } from 'vitest';
import {
  insightNumbersSchema,
  type AnalyzerInput,
  type InsightNumbers,
} from '@/lib/analysis/analyzers/analyzer';
import { statisticalNarrative } from '@/lib/analysis/analyzers/statistical-analyzer';

const numbers = (over: Partial<InsightNumbers> = {}): InsightNumbers => ({
  asOf: '2026-11-25',
  pAlive: 0.92,
  expectedOrders30d: 3.4,
  expectedOrders90d: 9.8,
  churnProbability: 0.12,
  churnLevel: 'low',
  currency: 'EUR',
  averageOrder: 41.5,
  clv: { horizonWeeks: 39, mean: 1_180.4, low: 720, high: 1_650.2, coverage: 0.8 },
  nextPurchases: [
    {
      category: 'cat_dairy',
      dueInDays: 2.4,
      lowDays: 0.8,
      highDays: 5.1,
      coverage: 0.8,
      daysSinceLast: 4,
      overdue: false,
    },
    {
      category: 'cat_coffee-tea',
      dueInDays: -9,
      lowDays: -20,
      highDays: -3,
      coverage: 0.8,
      daysSinceLast: 30,
      overdue: true,
    },
    {
      category: 'cat_bakery',
      dueInDays: 40,
      lowDays: 10,
      highDays: 80,
      coverage: 0.8,
      daysSinceLast: 177,
      overdue: false,
      pActive: 0.04,
      pWithinHorizon: 0.02,
      horizonDays: 90,
      stopped: true,
    },
  ],
  ...over,
});

const input = (n: InsightNumbers, mayContact: boolean): AnalyzerInput => ({
  features: {
    customer: 'psn_0123456789abcdef',
    orders: 40,
    weeksSinceFirstOrder: 60,
    weeksSinceLastOrder: 0.6,
    ownAverageOrder: 40.2,
    categories: [],
  },
  numbers: n,
  mayContact,
});

describe('the statistical analyzer’s words', () => {
  it('says the numbers with their units and intervals', () => {
    const { summary } = statisticalNarrative(input(numbers(), true));
    expect(summary).toContain('92% likely still active');
    expect(summary).toContain('€1,180 over the next 39 weeks (80% interval €720–€1,650)');
    expect(summary).toContain('dairy in 2 days (80%: 1–5 days)');
    expect(summary).toContain('Due now: coffee & tea');
    // A category silent for 177 days while they kept shopping: not "overdue by 170 days", and no reminder for it.
    expect(summary).toContain('Probably stopped buying bakery (last bought 177 days ago).');
    expect(summary).not.toMatch(/Next up:[^.]*bakery/);
  });

  it('writes amounts in the store’s currency, to its own minor unit', () => {
    const yen = statisticalNarrative(
      input(
        numbers({
          currency: 'JPY',
          averageOrder: 4150,
          clv: { ...numbers().clv, mean: 118_040, low: 72_000, high: 165_020 },
        }),
        true,
      ),
    ).summary;
    expect(yen).toContain(
      'Average order ¥4,150; worth ¥118,040 over the next 39 weeks (80% interval ¥72,000–¥165,020)',
    );
    const dinars = statisticalNarrative(
      input(
        numbers({
          currency: 'KWD',
          averageOrder: 12.345,
          clv: { ...numbers().clv, mean: 98.765, low: 40.5, high: 160 },
        }),
        true,
      ),
    ).summary;
    expect(dinars).toContain('Average order KWD\u00a012.345; worth KWD\u00a098.765');
    expect(dinars).toContain('interval KWD\u00a040.500–KWD\u00a0160)');
    expect(statisticalNarrative(input(numbers({ currency: 'USD' }), true)).summary).toContain(
      'Average order $41.50; worth $1,180',
    );
  });

  it('reads an insight stored before amounts named their currency as euros', () => {
    const { currency, averageOrder, clv, ...rest } = numbers();
    const legacy = {
      ...rest,
      averageOrderEur: averageOrder,
      clv: {
        horizonWeeks: clv.horizonWeeks,
        meanEur: clv.mean,
        lowEur: clv.low,
        highEur: clv.high,
        coverage: 0.8,
      },
    };
    expect(currency).toBe('EUR');
    expect(insightNumbersSchema.parse(legacy)).toEqual(numbers());
  });

  it('calls a lifetime value of 10,000 minor units valuable in any currency', () => {
    const upsell = (n: InsightNumbers) =>
      statisticalNarrative(input(n, true)).actions.some((a) => a.kind === 'upsell');
    const clv = numbers().clv;
    expect(upsell(numbers({ currency: 'JPY', clv: { ...clv, mean: 12_000 } }))).toBe(true);
    expect(upsell(numbers({ currency: 'JPY', clv: { ...clv, mean: 9_000 } }))).toBe(false);
    expect(upsell(numbers({ currency: 'EUR', clv: { ...clv, mean: 120 } }))).toBe(true);
    expect(upsell(numbers({ currency: 'KWD', clv: { ...clv, mean: 9.5 } }))).toBe(false);
    expect(upsell(numbers({ currency: 'KWD', clv: { ...clv, mean: 10.5 } }))).toBe(true);
  });

  it('says "within" when the purchase window has already opened', () => {
    const open = numbers({
      nextPurchases: [
        {
          category: 'cat_bakery',
          dueInDays: 1,
          lowDays: -2,
          highDays: 6,
          coverage: 0.8,
          daysSinceLast: 5,
          overdue: false,
        },
      ],
    });
    const { summary } = statisticalNarrative(input(open, true));
    expect(summary).toContain('bakery in 1 day (80%: within 6 days)');
    expect(summary).not.toMatch(/-\d/);
  });

  it('only suggests contacting a customer who allows marketing', () => {
    const contact = statisticalNarrative(input(numbers(), true)).actions.map((a) => a.kind);
    const noContact = statisticalNarrative(input(numbers(), false)).actions.map((a) => a.kind);
    expect(contact).toContain('reminder');
    expect(noContact).not.toContain('reminder');
    expect(noContact.every((k) => k === 'on_site' || k === 'upsell' || k === 'none')).toBe(true);
  });

  it('wants a lapsed customer back instead of reminding them of groceries', () => {
    const lapsed = numbers({ pAlive: 0.05, churnProbability: 0.97, churnLevel: 'high' });
    const { summary, actions } = statisticalNarrative(input(lapsed, true));
    expect(summary).toMatch(/^Probably lapsed/);
    expect(summary).not.toContain('Due now');
    expect(summary).not.toContain('stopped buying');
    expect(actions.map((a) => a.kind)).toEqual(['win_back']);
  });
});
