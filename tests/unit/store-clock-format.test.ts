import { describe, expect, it } from 'vitest';
import { alertTime } from '@/components/live/alert-format';
import { eventTime } from '@/components/live/event-format';
import { clockLabel } from '@/components/live/throughput-rows';
import { timeLabel } from '@/components/experiments/experiment-format';
import { clockTime, dateTimeLabel, zoneName } from '@/lib/time/clock-format';

const AT = Date.parse('2026-11-24T14:03:09Z');
const SUMMER = Date.parse('2026-07-24T14:03:09Z');

describe('times on the store’s clock (Live and Experiments pages)', () => {
  it('shows the wall-clock time of the store’s zone with its short name, across daylight saving', () => {
    expect(clockTime(AT, 'America/New_York')).toBe('09:03');
    expect(clockTime(AT, 'America/New_York', true)).toBe('09:03:09');
    expect(clockTime(SUMMER, 'America/New_York')).toBe('10:03');
    expect(zoneName(AT, 'America/New_York')).toBe('GMT-5');
    expect(zoneName(SUMMER, 'America/New_York')).toBe('GMT-4');
    expect(dateTimeLabel(AT, 'Asia/Tokyo')).toBe('24 Nov 23:03 GMT+9');
    expect(dateTimeLabel(Date.parse('2026-11-24T16:30:00Z'), 'Asia/Tokyo', true)).toBe(
      '25 Nov 2026 01:30 GMT+9',
    );
  });

  it('the pages’ formatters take the zone, and read UTC as before without one', () => {
    const iso = new Date(AT).toISOString();
    expect(alertTime(iso, 'America/New_York')).toBe('24 Nov 09:03 GMT-5');
    expect(alertTime(iso)).toBe('24 Nov 14:03 UTC');
    expect(eventTime(iso, 'Europe/Berlin')).toBe('15:03:09');
    expect(clockLabel(AT, false, 'America/New_York')).toBe('09:03');
    expect(timeLabel(iso, 'America/New_York')).toBe('24 Nov 2026 09:03 GMT-5');
    expect(timeLabel(undefined, 'UTC')).toBe('—');
  });
});
