import { raiseAlert } from './alerts/alert-store';
import { AlertGate, judgeConversion, judgeTraffic } from './detection/traffic-anomaly';
import { eventMinutes, minuteKey, type MinuteCounts } from './event-minutes';

/**
 * Traffic and conversion anomalies from the exactly-once minute counts, every five minutes in the worker: each
 * event type's count in the last complete five-minute window against the same window on the previous 14 days, and
 * purchases per checkout over the last hour against the same hour on those days. An alert explains itself; the gate
 * keeps a spike that lasts an hour to one alert (and the alert id, window by window, keeps two workers from raising
 * the same one twice).
 */
const WINDOW_MS = 5 * 60_000;
const HISTORY_DAYS = 14;
const DAY_MS = 86_400_000;
const WATCHED_TYPES = [
  'page_view',
  'product_view',
  'search',
  'add_to_cart',
  'checkout_started',
  'purchase',
] as const;

async function countsBetween(fromMs: number, toMs: number): Promise<Record<string, number>> {
  const rows: MinuteCounts[] = await eventMinutes(minuteKey(fromMs), minuteKey(toMs - 60_000));
  const sums: Record<string, number> = {};
  for (const m of rows) for (const [type, n] of Object.entries(m.byType)) sums[type] = (sums[type] ?? 0) + n;
  return sums;
}

export interface TrafficCheck {
  window: string;
  raised: string[];
}

const gate = new AlertGate(60 * 60_000);

export async function detectTraffic(now = new Date(), alertGate = gate): Promise<TrafficCheck> {
  const windowEnd = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  const windowStart = windowEnd - WINDOW_MS;
  const current = await countsBetween(windowStart, windowEnd);
  const history = await Promise.all(
    Array.from({ length: HISTORY_DAYS }, (_, d) =>
      countsBetween(windowStart - (d + 1) * DAY_MS, windowEnd - (d + 1) * DAY_MS),
    ),
  );
  // Days before the shop had any traffic in this window are not a baseline of zero.
  const known = history.filter((h) => Object.keys(h).length > 0);
  const raised: string[] = [];
  const window = minuteKey(windowStart);
  for (const type of WATCHED_TYPES) {
    const verdict = judgeTraffic(
      `${type} per 5 min`,
      current[type] ?? 0,
      known.map((h) => h[type] ?? 0),
    );
    if (!verdict.anomalous || !alertGate.admit(`traffic_${verdict.direction}`, type, now.getTime())) continue;
    const kind = verdict.direction === 'spike' ? 'traffic_spike' : 'traffic_drop';
    const alertId = `${kind}:${type}:${window}`;
    const created = await raiseAlert(
      {
        alertId,
        kind,
        severity: Math.abs(verdict.score) >= 10 ? 'critical' : 'warning',
        title: `${type}: ${verdict.direction} at ${window.slice(11)} UTC (${verdict.observed} against ${Math.round(verdict.expected)} usually)`,
        subject: type,
        explanation: {
          feature: `${type} per 5 min`,
          expected: `${Math.round(verdict.expected)} (usual range ${Math.round(verdict.usualLow)}–${Math.round(verdict.usualHigh)})`,
          observed: String(verdict.observed),
          why: verdict.why,
        },
      },
      now,
    );
    if (created) raised.push(alertId);
  }

  // Conversion over the last hour: purchases per checkout started.
  const hourStart = windowEnd - 12 * WINDOW_MS;
  const hour = await countsBetween(hourStart, windowEnd);
  const past = await Promise.all(
    Array.from({ length: HISTORY_DAYS }, (_, d) =>
      countsBetween(hourStart - (d + 1) * DAY_MS, windowEnd - (d + 1) * DAY_MS),
    ),
  );
  const checkouts = past.reduce((s, h) => s + (h.checkout_started ?? 0), 0);
  const purchases = past.reduce((s, h) => s + (h.purchase ?? 0), 0);
  if (checkouts >= 100) {
    const verdict = judgeConversion(
      'purchases per checkout, last hour',
      hour.purchase ?? 0,
      hour.checkout_started ?? 0,
      Math.min(1, purchases / checkouts),
    );
    if (verdict.anomalous && alertGate.admit('conversion_drop', 'checkout', now.getTime())) {
      const alertId = `conversion_drop:checkout:${window}`;
      const created = await raiseAlert(
        {
          alertId,
          kind: 'conversion_drop',
          severity: 'warning',
          title: `Checkout conversion dropped (${verdict.observed} orders where ${verdict.expected} were expected)`,
          subject: 'checkout',
          explanation: {
            feature: 'purchases per checkout started, last hour',
            expected: `${verdict.expected} (usual range ${verdict.usualLow}–${verdict.usualHigh})`,
            observed: String(verdict.observed),
            why: verdict.why,
          },
        },
        now,
      );
      if (created) raised.push(alertId);
    }
  }
  return { window, raised };
}
