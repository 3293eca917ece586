import { describe, expect, it } from 'vitest';
import { RecentEventIds } from '@/lib/live/recent-event-ids';

describe('recent event ids (ingestion duplicates)', () => {
  it('answers a stored id as a duplicate, and makes a retry of one in flight wait for its outcome', async () => {
    const ids = new RecentEventIds(60_000, 10);
    expect(ids.reserve('a', 0)).toBe('new');
    const inFlight = ids.reserve('a', 1);
    expect(inFlight).toBeInstanceOf(Promise);
    ids.commit(['a'], 2);
    await expect(inFlight).resolves.toBe(true); // stored: the retry is a duplicate
    expect(ids.reserve('a', 3)).toBe('stored');
  });

  it('lets a retry through after its batch failed, including one that was waiting', async () => {
    const ids = new RecentEventIds(60_000, 10);
    expect(ids.reserve('b', 0)).toBe('new');
    const waiting = ids.reserve('b', 0);
    ids.release(['b']);
    await expect(waiting).resolves.toBe(false);
    expect(ids.reserve('b', 1)).toBe('new');
  });

  it('forgets ids after the window and beyond its size, oldest first', () => {
    const ids = new RecentEventIds(1_000, 3);
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) {
      ids.reserve(id, i);
      ids.commit([id], i);
    }
    expect(ids.size).toBe(3);
    expect(ids.reserve('a', 10)).toBe('new'); // evicted by size
    expect(ids.reserve('d', 10)).toBe('stored');
    ids.release(['a']);
    expect(ids.reserve('d', 2_000)).toBe('new'); // past the window
  });
});
