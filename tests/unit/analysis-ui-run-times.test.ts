import { describe, expect, it } from 'vitest';
import { backtestOptionLabel } from '@/components/analysis/backtest-format';
import { startedLabel } from '@/components/analysis/run-format';

describe('Analysis page times are in the store’s time zone', () => {
  it('shows a run started at 07:00 UTC at the store’s wall-clock time, with its offset', () => {
    expect(startedLabel('2026-11-17T07:00:00Z', 'America/New_York')).toBe('17 Nov 2026, 02:00 GMT-5');
    expect(startedLabel('2026-07-17T07:00:00Z', 'America/New_York')).toBe('17 Jul 2026, 03:00 GMT-4');
    expect(startedLabel('2026-11-17T07:00:00Z', 'UTC')).toBe('17 Nov 2026, 07:00 UTC');
  });

  it('puts a run just before midnight in New York on that day, not the next (UTC) one', () => {
    expect(startedLabel('2026-03-11T03:30:00Z', 'America/New_York')).toBe('10 Mar 2026, 23:30 GMT-4');
  });

  it('labels a backtest by its run time in the same zone', () => {
    expect(
      backtestOptionLabel(
        { startedAt: '2026-11-17T07:00:00Z', score: { cutoff: '2026-08-01', horizonDays: 90 } } as never,
        'Asia/Tokyo',
      ),
    ).toBe('Cut-off 2026-08-01, 90 days · run 17 Nov 2026, 16:00 GMT+9');
  });
});
