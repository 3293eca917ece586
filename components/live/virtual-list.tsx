'use client';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { anchoredScrollTop, visibleRange } from './virtual-window';

/**
 * A list of fixed-height rows that renders only the rows in view (plus a few either side), so 2,000 events cost
 * what a dozen do. Rows added on top keep the reader's place unless they are at the very top.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  getKey,
  renderRow,
  label,
  testId,
}: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  testId?: string;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // The row at the top of the view when the reader last scrolled, to find it again after new rows arrive.
  const anchor = useRef<{ key: string; index: number } | null>(null);

  useLayoutEffect(() => {
    const el = viewport.current;
    const a = anchor.current;
    if (!el || !a || el.scrollTop <= 0) return;
    const same = items[a.index] !== undefined && getKey(items[a.index]!) === a.key;
    const next = same ? a.index : items.findIndex((item) => getKey(item) === a.key);
    const top = anchoredScrollTop(el.scrollTop, rowHeight, a.index, next);
    anchor.current = next < 0 ? null : { key: a.key, index: next };
    if (top !== el.scrollTop) {
      el.scrollTop = top;
      setScrollTop(el.scrollTop);
    }
  }, [items, getKey, rowHeight]);

  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    const index = Math.floor(el.scrollTop / rowHeight);
    const item = items[index];
    anchor.current = item === undefined ? null : { key: getKey(item), index };
    setScrollTop(el.scrollTop);
  };

  const { start, end } = visibleRange({ scrollTop, viewportHeight: height, rowHeight, count: items.length });
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const item = items[i]!;
    rows.push(
      <div
        key={getKey(item)}
        role="listitem"
        aria-posinset={i + 1}
        aria-setsize={items.length}
        className="virtual-row"
        style={{ top: i * rowHeight, height: rowHeight }}
      >
        {renderRow(item, i)}
      </div>,
    );
  }
  return (
    <div
      ref={viewport}
      className="virtual-viewport"
      style={{ height }}
      onScroll={onScroll}
      role="list"
      aria-label={label}
      data-testid={testId}
      tabIndex={0}
    >
      <div className="virtual-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
