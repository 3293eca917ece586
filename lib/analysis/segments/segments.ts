/**
 * The eleven RFM segments, in the order every list, chart and table shows them: from the best customers to the
 * ones already gone. One list for the whole product: the `segment_updated` event contract owns it.
 */
export {
  SEGMENTS as SEGMENT_NAMES,
  isSegment as isSegmentName,
  type Segment as SegmentName,
} from '../../events/segments';
