/**
 * Which rows of a fixed-row-height list are in view: only those (and a few either side, so a fast scroll does not
 * show blank space) are rendered. Pure.
 */
export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below the visible ones. */
  overscan?: number;
}

/** [start, end) of the rows to render. */
export function visibleRange({ scrollTop, viewportHeight, rowHeight, count, overscan = 4 }: WindowInput): {
  start: number;
  end: number;
} {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(count, first + visible + overscan),
  };
}

/**
 * Where to scroll after rows were added on top, so the row the reader was looking at stays put: `previousIndex` is
 * where that row was, `nextIndex` where it is now (-1: gone). At the very top the view follows the newest rows.
 */
export function anchoredScrollTop(
  scrollTop: number,
  rowHeight: number,
  previousIndex: number,
  nextIndex: number,
): number {
  if (scrollTop <= 0 || previousIndex < 0 || nextIndex < 0) return scrollTop;
  return scrollTop + (nextIndex - previousIndex) * rowHeight;
}
