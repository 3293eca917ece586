import { describe, expect, it } from 'vitest';
import type { AnalyzerInput, Narrative } from '@/lib/analysis/analyzers/analyzer';
import { extractJsonObject, judgeAnswer } from '@/lib/analysis/analyzers/parse-answer';

const narrative: Narrative = {
  summary: 'Likely still active (90%), about 1.2 orders expected in the next 30 days, worth €310.',
  actions: [{ kind: 'reminder', text: 'Remind them about dairy, due in 4 days.' }],
};

const input: AnalyzerInput = {
  features: {
    customer: 'psn_0a1b2c3d',
    orders: 8,
    weeksSinceFirstOrder: 30,
    weeksSinceLastOrder: 1,
    ownAverageOrder: 35.5,
    categories: [],
  },
  numbers: {
    asOf: '2026-11-20',
    pAlive: 0.9,
    expectedOrders30d: 1.18,
    expectedOrders90d: 3.3,
    churnProbability: 0.2,
    churnLevel: 'low',
    currency: 'EUR',
    averageOrder: 35.1,
    clv: { horizonWeeks: 52, mean: 309.8, low: 120, high: 520, coverage: 0.8 },
    nextPurchases: [
      {
        category: 'cat_dairy',
        dueInDays: 4,
        lowDays: 2,
        highDays: 7,
        coverage: 0.8,
        daysSinceLast: 3,
        overdue: false,
      },
    ],
  },
  mayContact: true,
};

describe('extractJsonObject', () => {
  const json = JSON.stringify(narrative);

  it('reads a bare object, a ```json fence and a bare fence, also with prose around the fence', () => {
    for (const text of [
      `  ${json}\n`,
      `\`\`\`json\n${json}\n\`\`\``,
      `Here you go:\n\`\`\`\n${json}\n\`\`\`\nAnything else?`,
    ]) {
      expect(extractJsonObject(text)).toEqual(narrative);
    }
  });

  it('finds nothing in prose, an object inside a sentence, truncated JSON, an array or a string', () => {
    const texts = [
      'The customer is fine.',
      `Sure! ${json} Hope this helps.`,
      json.slice(0, -5),
      `[${json}]`,
      '"x"',
      '',
    ];
    for (const text of texts) {
      expect(extractJsonObject(text)).toBeUndefined();
    }
  });
});

describe('judgeAnswer', () => {
  it('accepts a valid answer whose numbers are all the models’', () => {
    expect(judgeAnswer(JSON.stringify(narrative), input)).toEqual({ ok: true, narrative });
  });

  it('calls prose and schema violations malformed, naming the field', () => {
    expect(judgeAnswer('All good!', input)).toMatchObject({ ok: false, kind: 'malformed' });
    const noActions = judgeAnswer(JSON.stringify({ summary: 'Fine.', actions: [] }), input);
    expect(noActions).toMatchObject({ ok: false, kind: 'malformed' });
    expect(noActions.ok || noActions.problem).toContain('actions');
    const badKind = judgeAnswer(
      JSON.stringify({ ...narrative, actions: [{ kind: 'sms', text: 'Text them.' }] }),
      input,
    );
    expect(badKind.ok || badKind.problem).toContain('actions.0.kind');
  });

  it('rejects invented numbers, listing each once', () => {
    const invented = { ...narrative, summary: 'Worth €400, maybe €400, with 6 orders.' };
    expect(judgeAnswer(JSON.stringify(invented), input)).toEqual({
      ok: false,
      kind: 'numbers',
      problem: 'these numbers are not in the given data: €400, 6',
    });
  });

  it('rejects calendar dates and weekdays', () => {
    for (const summary of ['Dairy is due on Tuesday.', 'Expect an order in December.', 'Due 4/12.']) {
      expect(judgeAnswer(JSON.stringify({ ...narrative, summary }), input)).toMatchObject({
        ok: false,
        kind: 'dates',
      });
    }
    // "may" is a verb, not a month.
    const verb = { ...narrative, summary: 'They may order dairy in 4 days.' };
    expect(judgeAnswer(JSON.stringify(verb), input)).toMatchObject({ ok: true });
  });

  it('rejects contacting actions when the customer may not be contacted, and allows on-site ones', () => {
    expect(judgeAnswer(JSON.stringify(narrative), { ...input, mayContact: false })).toMatchObject({
      ok: false,
      kind: 'contact',
    });
    const onSite = {
      ...narrative,
      actions: [{ kind: 'on_site', text: 'Feature dairy on their next visit.' }],
    };
    expect(judgeAnswer(JSON.stringify(onSite), { ...input, mayContact: false })).toMatchObject({ ok: true });
  });
});
