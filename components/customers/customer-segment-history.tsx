import type { CustomerView } from '@/lib/customers/customer';
import { SegmentBadge } from './segment-badge';
import { toSegmentHistoryRows } from './segment-rows';

/** The latest segment changes, newest first (the full history is in the segment_updated events). */
export function CustomerSegmentHistory({
  history,
  timeZone,
}: {
  history: CustomerView['segmentHistory'];
  /** The store's zone: changes are dated by its days. */
  timeZone: string;
}) {
  const rows = toSegmentHistoryRows(history, timeZone);
  return (
    <section className="card">
      <header className="card-header">
        <h2>Segment history</h2>
        <span className="muted">latest changes, newest first</span>
      </header>
      {rows.length === 0 ? (
        <p className="muted">No segment changes recorded yet.</p>
      ) : (
        <ol className="segment-history" data-testid="segment-history">
          {rows.map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <time dateTime={h.at}>{h.date}</time>
              {h.from ? <SegmentBadge segment={h.from} /> : <span className="muted">first scored</span>}
              <span aria-label="to">→</span>
              <SegmentBadge segment={h.to} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
