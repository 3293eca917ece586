import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefreshQueue } from '@/lib/analysis/refresh-queue';
import { localClock, nightlyRunDue } from '@/lib/analysis/runs/schedule';

describe('the nightly schedule', () => {
  it('is due once the local time of day has passed, in the configured zone', () => {
    const now = new Date('2026-11-25T00:30:00Z'); // 01:30 in Berlin, 19:30 the day before in New York
    expect(localClock(now, 'Europe/Berlin')).toEqual({ date: '2026-11-25', time: '01:30' });
    expect(nightlyRunDue(now, '02:00', 'Europe/Berlin')).toBeUndefined();
    expect(nightlyRunDue(new Date('2026-11-25T01:00:00Z'), '02:00', 'Europe/Berlin')).toBe(
      'nightly_2026-11-25',
    );
    expect(nightlyRunDue(now, '02:00', 'America/New_York')).toBe('nightly_2026-11-24');
  });
});

describe('the real-time refresh queue', () => {
  afterEach(() => vi.useRealTimers());

  it('refreshes a busy shopper once their events go quiet, and drops newcomers when full', async () => {
    vi.useFakeTimers();
    const refreshed: string[] = [];
    const queue = new RefreshQueue({
      refresh: async (id) => void refreshed.push(id),
      debounceMs: 1_000,
      maxQueued: 2,
      tickMs: 100,
    });
    for (let i = 0; i < 5; i++) {
      queue.offer('cus_a');
      await vi.advanceTimersByTimeAsync(500); // a page view every half second keeps pushing it back
    }
    expect(refreshed).toEqual([]);
    queue.offer('cus_b');
    queue.offer('cus_c'); // the queue holds two: dropped
    await vi.advanceTimersByTimeAsync(1_200);
    expect(refreshed.sort()).toEqual(['cus_a', 'cus_b']);
    expect(queue.snapshot()).toMatchObject({ queued: 0, refreshed: 2, dropped: 1 });
    await queue.stop();
  });
});
