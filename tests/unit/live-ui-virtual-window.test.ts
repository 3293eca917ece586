import { describe, expect, it } from 'vitest';
import { anchoredScrollTop, visibleRange } from '@/components/live/virtual-window';

describe('the windowed list', () => {
  it('renders only the rows in view plus the overscan, whatever the list length', () => {
    const range = visibleRange({
      scrollTop: 0,
      viewportHeight: 400,
      rowHeight: 40,
      count: 2000,
      overscan: 4,
    });
    expect(range).toEqual({ start: 0, end: 15 });
    const middle = visibleRange({
      scrollTop: 4000,
      viewportHeight: 400,
      rowHeight: 40,
      count: 2000,
      overscan: 4,
    });
    expect(middle).toEqual({ start: 96, end: 115 });
    expect(middle.end - middle.start).toBeLessThan(20);
  });

  it('stays inside the list at its ends and for odd input', () => {
    expect(visibleRange({ scrollTop: 79_900, viewportHeight: 400, rowHeight: 40, count: 2000 }).end).toBe(
      2000,
    );
    expect(visibleRange({ scrollTop: 0, viewportHeight: 400, rowHeight: 40, count: 3 })).toEqual({
      start: 0,
      end: 3,
    });
    expect(visibleRange({ scrollTop: 500, viewportHeight: 400, rowHeight: 40, count: 0 })).toEqual({
      start: 0,
      end: 0,
    });
    expect(
      visibleRange({ scrollTop: -50, viewportHeight: 400, rowHeight: 40, count: 100, overscan: 0 }).start,
    ).toBe(0);
  });

  it('keeps the row being read in place when rows are added on top, but follows the newest at the top', () => {
    // The reader looks at row 10 (scrollTop 415); five rows arrive on top: it is now row 15.
    expect(anchoredScrollTop(415, 40, 10, 15)).toBe(615);
    expect(anchoredScrollTop(0, 40, 0, 5)).toBe(0);
    // The row fell out of the buffer: nothing to anchor to.
    expect(anchoredScrollTop(415, 40, 10, -1)).toBe(415);
  });
});
