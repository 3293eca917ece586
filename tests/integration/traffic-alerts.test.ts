import { describe, expect, it } from 'vitest';
import { batchPut } from '@/lib/db/batch';
import { scanItems } from '@/lib/db/items';
import { createPrng } from '@/lib/math/prng';
import { alertSchema } from '@/lib/live/alerts/alert';
import { AlertGate } from '@/lib/live/detection/traffic-anomaly';
import { detectTraffic } from '@/lib/live/detect-traffic';
import { EVENTS_METRIC } from '@/lib/live/event-minutes';
import { useTestStack } from './support/test-stack';

const NOW = new Date('2026-11-25T10:07:00Z'); // checks the window 10:00–10:05
const DAY = 86_400_000;
const rng = createPrng('traffic-alerts');

/** Per-minute page views as the worker's minute counts store them, for 10:00–10:10 on a given day. */
function minutes(dayOffset: number, perMinute: (minute: number) => number) {
  return Array.from({ length: 10 }, (_, m) => {
    const at = new Date(Date.UTC(2026, 10, 25, 10, m) - dayOffset * DAY).toISOString().slice(0, 16);
    return {
      metric: EVENTS_METRIC,
      bucket: `${at}#page_view#shard-t`,
      count: perMinute(m),
      revenueMinor: 0,
      lastSeq: '1',
    };
  });
}

const trafficAlerts = async () =>
  (await scanItems('alerts')).map((a) => alertSchema.parse(a)).filter((a) => a.kind.startsWith('traffic'));

describe('traffic alerts from the minute counts', () => {
  useTestStack();

  it('raises nothing for an ordinary morning, then exactly one explained alert for a spike that lasts', async () => {
    // Two weeks of ordinary mornings: about 40 page views a minute.
    for (let d = 1; d <= 14; d++)
      await batchPut(
        'stream_aggregates',
        minutes(d, () => rng.poisson(40)),
      );
    await batchPut(
      'stream_aggregates',
      minutes(0, () => rng.poisson(40)),
    );
    const gate = new AlertGate(60 * 60_000);
    expect((await detectTraffic(NOW, gate)).raised).toEqual([]);

    // Five times the usual from 10:00 on, still going five minutes later.
    await batchPut(
      'stream_aggregates',
      minutes(0, () => rng.poisson(200)),
    );
    const first = await detectTraffic(NOW, gate);
    expect(first.raised).toEqual(['traffic_spike:page_view:2026-11-25T10:00']);
    const later = await detectTraffic(new Date(NOW.getTime() + 5 * 60_000), gate);
    expect(later.raised).toEqual([]);
    const [alert] = await trafficAlerts();
    expect(alert!.explanation.why).toMatch(/usually at this time of day/);
    const expected = Number(alert!.explanation.expected.split(' ')[0]); // five minutes of ~40 a minute
    expect(expected).toBeGreaterThan(170);
    expect(expected).toBeLessThan(230);
    expect(Number(alert!.explanation.observed)).toBeGreaterThan(800);
    // Another worker checking the same window raises nothing new either.
    expect((await detectTraffic(NOW, new AlertGate(60 * 60_000))).raised).toEqual([]);
  });
});
