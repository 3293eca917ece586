import { segmentSlug } from './segment-rows';

/** A segment as a calm coloured pill; customers without orders have no segment yet. */
export function SegmentBadge({ segment }: { segment?: string }) {
  if (!segment) return <span className="muted">not scored</span>;
  return (
    <span className={`segment-badge seg-${segmentSlug(segment)}`} data-testid="segment-badge">
      {segment}
    </span>
  );
}
