import { describe, expect, it } from 'vitest';
import {
  frequencyMonetary,
  type RfmScore,
  type RfmScores,
  segmentFor,
} from '@/lib/analysis/segments/rfm-segment';
import { SEGMENT_NAMES, type SegmentName } from '@/lib/analysis/segments/segments';

const SCORES: RfmScore[] = [1, 2, 3, 4, 5];

function allScores(): RfmScores[] {
  return SCORES.flatMap((recency) =>
    SCORES.flatMap((frequency) => SCORES.map((monetary) => ({ recency, frequency, monetary }))),
  );
}

function s(recency: RfmScore, frequency: RfmScore, monetary: RfmScore): RfmScores {
  return { recency, frequency, monetary };
}

describe('segmentFor', () => {
  it('puts every one of the 125 score combinations into one of the eleven segments', () => {
    const combos = allScores();
    expect(combos).toHaveLength(125);
    for (const scores of combos) expect(SEGMENT_NAMES).toContain(segmentFor(scores));
  });

  it('reaches each of the eleven segments', () => {
    const reached = new Set(allScores().map(segmentFor));
    expect([...reached].sort()).toEqual([...SEGMENT_NAMES].sort());
  });

  it('follows the R × FM grid in the README', () => {
    // Rows R5..R1, columns FM1..FM5, copied from lib/analysis/segments/README.md.
    const readme: SegmentName[][] = [
      ['New', 'Potential Loyalist', 'Potential Loyalist', 'Champions', 'Champions'],
      ['Promising', 'Potential Loyalist', 'Potential Loyalist', 'Champions', 'Champions'],
      ['About to Sleep', 'About to Sleep', 'Need Attention', 'Loyal', 'Loyal'],
      ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', 'At Risk'],
      ['Lost', 'Lost', 'At Risk', 'At Risk', "Can't Lose"],
    ];
    for (const scores of allScores()) {
      expect(segmentFor(scores), JSON.stringify(scores)).toBe(
        readme[5 - scores.recency]?.[frequencyMonetary(scores) - 1],
      );
    }
  });

  it('calls a first-time shopper who just bought New, and a big spender gone quiet a Can’t Lose', () => {
    expect(segmentFor(s(5, 1, 1))).toBe('New');
    expect(segmentFor(s(1, 5, 5))).toBe("Can't Lose");
    expect(segmentFor(s(5, 5, 5))).toBe('Champions');
    expect(segmentFor(s(1, 1, 1))).toBe('Lost');
  });

  it('combines frequency and monetary with halves rounding up', () => {
    expect(frequencyMonetary(s(3, 1, 2))).toBe(2);
    expect(frequencyMonetary(s(3, 2, 3))).toBe(3);
    expect(frequencyMonetary(s(3, 4, 5))).toBe(5);
    // One order but a large basket: FM 3, so not Lost even when long gone.
    expect(segmentFor(s(1, 1, 5))).toBe('At Risk');
  });

  it('refuses a score outside 1..5 instead of guessing a neighbouring cell', () => {
    const bad = { recency: 6, frequency: 3, monetary: 3 } as unknown as RfmScores;
    expect(() => segmentFor(bad)).toThrow(RangeError);
    const half = { recency: 3, frequency: 2.5, monetary: 3 } as unknown as RfmScores;
    expect(() => segmentFor(half)).toThrow(RangeError);
  });
});
