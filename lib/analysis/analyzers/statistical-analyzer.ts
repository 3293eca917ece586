import { NO_USAGE } from '../../ai/token-usage';
import { formatMajor, minorDigits } from '../../money/currency';
import { categoryLabel } from '../category-label';
import { type Analyzer, type AnalyzerInput, type AnalyzerResult, type Narrative } from './analyzer';

/**
 * The default analyzer: a plain-language summary and actions templated from the models' numbers. Free, instant,
 * no network, and every number it writes is one of the models' numbers (the same check a language model's answer
 * must pass). Pure.
 */
const STATISTICAL_TEMPLATE_VERSION = 'statistical-v1';

const pct = (p: number) => `${Math.round(p * 100)}%`;
const money = formatMajor;
/**
 * A lifetime value worth a loyalty reward or an upsell: 10,000 minor units (€100, $100, ¥10,000). There is no
 * exchange rate to hand, so the threshold is in minor units, which puts most currencies in the same range.
 */
const VALUABLE_MINOR = 10_000;
const days = (n: number) => `${Math.round(n)} ${Math.round(n) === 1 ? 'day' : 'days'}`;

export function statisticalNarrative({ numbers: n, features: f, mayContact }: AnalyzerInput): Narrative {
  const sentences: string[] = [];
  const amount = (v: number) => money(v, n.currency);
  const status =
    n.pAlive >= 0.8
      ? 'An active shopper'
      : n.pAlive >= 0.4
        ? 'A shopper who may be drifting away'
        : 'Probably lapsed';
  sentences.push(
    `${status}: ${pct(n.pAlive)} likely still active, with ${n.expectedOrders30d.toFixed(1)} orders expected in the next 30 days.`,
  );
  const interval =
    n.clv.high === 0
      ? `no spend at all in ${pct(n.clv.coverage)} of simulated futures`
      : `${pct(n.clv.coverage)} interval ${amount(n.clv.low)}–${amount(n.clv.high)}`;
  sentences.push(
    `Average order ${amount(n.averageOrder)}; worth ${amount(n.clv.mean)} over the next ${n.clv.horizonWeeks} weeks (${interval}).`,
  );
  sentences.push(`Churn risk ${n.churnLevel} (${pct(n.churnProbability)}).`);
  // Category timing only matters for someone still shopping; for a lapsed customer the win-back is the point.
  const shopping = n.pAlive >= 0.4;
  const stopped = shopping ? n.nextPurchases.filter((p) => p.stopped) : [];
  const overdue = shopping ? n.nextPurchases.filter((p) => p.overdue && !p.stopped) : [];
  const upcoming = shopping
    ? n.nextPurchases.filter((p) => !p.overdue && !p.stopped && p.dueInDays >= 0).slice(0, 2)
    : [];
  if (upcoming.length)
    sentences.push(
      `Next up: ${upcoming
        .map(
          (p) =>
            // A window that has already opened reads "within N days", not "from −3 days".
            `${categoryLabel(p.category)} in ${days(p.dueInDays)} (${pct(p.coverage)}: ${p.lowDays < 0.5 ? `within ${days(p.highDays)}` : `${Math.round(p.lowDays)}–${days(p.highDays)}`})`,
        )
        .join('; ')}.`,
    );
  if (overdue.length)
    sentences.push(
      `Due now: ${overdue
        .slice(0, 3)
        .map((p) => `${categoryLabel(p.category)} (last bought ${days(p.daysSinceLast)} ago)`)
        .join(', ')}.`,
    );
  if (stopped.length)
    sentences.push(
      `Probably stopped buying ${stopped
        .slice(0, 3)
        .map((p) => `${categoryLabel(p.category)} (last bought ${days(p.daysSinceLast)} ago)`)
        .join(', ')}.`,
    );
  if (!f.orders) sentences.push('No orders yet, so these are the population averages.');

  const actions: Narrative['actions'] = [];
  const valuable = n.clv.mean * 10 ** minorDigits(n.currency) >= VALUABLE_MINOR;
  if (n.churnLevel === 'high' && n.pAlive < 0.4) {
    actions.push(
      mayContact
        ? { kind: 'win_back', text: 'Send a win-back offer on their usual categories.' }
        : { kind: 'on_site', text: 'Show their usual categories first when they next visit.' },
    );
  } else if (n.churnLevel !== 'low' && valuable) {
    actions.push(
      mayContact
        ? { kind: 'retain', text: 'Reach out with a loyalty reward before they lapse.' }
        : { kind: 'on_site', text: 'Offer a loyalty reward on their next visit.' },
    );
  }
  for (const p of overdue.slice(0, 2))
    actions.push(
      mayContact
        ? { kind: 'reminder', text: `Remind them about ${categoryLabel(p.category)}.` }
        : { kind: 'on_site', text: `Feature ${categoryLabel(p.category)} on their next visit.` },
    );
  const soon = upcoming.find((p) => p.highDays <= 7);
  if (soon && actions.length < 3)
    actions.push({ kind: 'on_site', text: `Recommend ${categoryLabel(soon.category)} this week.` });
  if (n.churnLevel === 'low' && valuable && actions.length < 3)
    actions.push({ kind: 'upsell', text: 'Suggest a premium range in their favourite category.' });
  if (!actions.length) actions.push({ kind: 'none', text: 'No action needed now.' });
  return { summary: sentences.join(' '), actions: actions.slice(0, 5) };
}

export const statisticalAnalyzer: Analyzer = {
  name: 'statistical',
  async explain(input: AnalyzerInput): Promise<AnalyzerResult> {
    const started = performance.now();
    const narrative = statisticalNarrative(input);
    return {
      ...narrative,
      analyzer: 'statistical',
      promptVersion: STATISTICAL_TEMPLATE_VERSION,
      latencyMs: performance.now() - started,
      usage: NO_USAGE,
      costUsd: 0,
      calls: 0,
    };
  },
};
