import { describe, expect, it } from 'vitest';
import { RecentEventIds } from '@/lib/streaming/recent-event-ids';

describe('recent event ids (ingestion duplicates)', () => {
  it('answers a stored id as a duplicate, and one still being published too', () => {
    const ids = new RecentEventIds(60_000, 10);
    expect(ids.reserve('a', 0)).toBe(true);
    expect(ids.reserve('a', 1)).toBe(false); // in flight
    ids.commit(['a'], 2);
    expect(ids.reserve('a', 3)).toBe(false); // stored
  });

  it('lets a retry through after its batch failed', () => {
    const ids = new RecentEventIds(60_000, 10);
    expect(ids.reserve('b', 0)).toBe(true);
    ids.release(['b']);
    expect(ids.reserve('b', 1)).toBe(true);
  });

  it('forgets ids after the window and beyond its size, oldest first', () => {
    const ids = new RecentEventIds(1_000, 3);
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) {
      ids.reserve(id, i);
      ids.commit([id], i);
    }
    expect(ids.size).toBe(3);
    expect(ids.reserve('a', 10)).toBe(true); // evicted by size
    expect(ids.reserve('d', 10)).toBe(false);
    expect(ids.reserve('d', 2_000)).toBe(true); // past the window
  });
});
