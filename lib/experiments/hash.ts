/**
 * Deterministic bucketing, compatible with GrowthBook's SDKs (their language-agnostic spec, `cases.json`): the same
 * seed and customer id give the same bucket here as in any GrowthBook SDK, so a storefront running GrowthBook could
 * reproduce an assignment. Pure, no I/O.
 */

const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over the string's UTF-16 code units (as GrowthBook's JavaScript SDK does; for ASCII ids that is the
 * same as over bytes). Math.imul keeps the multiplication in 32 bits, where a float multiply would lose the low bits.
 */
export function fnv1a32(text: string): number {
  let hash = FNV32_OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV32_PRIME);
  }
  return hash >>> 0;
}

export type HashVersion = 1 | 2;

/**
 * A number in [0, 1) for `value` under `seed`. Version 1 has 1,000 buckets and lets similar seeds correlate; version 2
 * (10,000 buckets) hashes twice so that experiments with related seeds bucket people independently. Any other
 * version gives null, as in GrowthBook.
 */
export function hash(seed: string, value: string, version: number): number | null {
  if (version === 1) return (fnv1a32(value + seed) % 1000) / 1000;
  if (version === 2) return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
  return null;
}

/** A half-open interval [start, end) of the unit line. */
export type BucketRange = readonly [start: number, end: number];

function inRange(n: number, [start, end]: BucketRange): boolean {
  return n >= start && n < end;
}

/** `count` equal weights summing to 1 (none for a count below 1). */
export function getEqualWeights(count: number): number[] {
  if (count < 1) return [];
  return new Array<number>(count).fill(1 / count);
}

/**
 * One range per variation: variation i starts where the weights before it end and covers `coverage` of its own
 * weight. Raising the coverage only extends each range at its end, so everyone already in keeps their variation.
 * Coverage is clamped to [0, 1]; weights that are missing, of the wrong length or not summing to 1 (±0.01) are
 * replaced by equal weights.
 */
export function getBucketRanges(
  numVariations: number,
  coverage = 1,
  weights?: readonly number[] | null,
): BucketRange[] {
  const clamped = Math.min(1, Math.max(0, coverage));
  let used = weights ?? getEqualWeights(numVariations);
  if (used.length !== numVariations) used = getEqualWeights(numVariations);
  const total = used.reduce((sum, w) => sum + w, 0);
  if (total < 0.99 || total > 1.01) used = getEqualWeights(numVariations);
  let cumulative = 0;
  return used.map((weight) => {
    const start = cumulative;
    cumulative += weight;
    return [start, start + clamped * weight] as const;
  });
}

/** The index of the range `n` falls in, or -1 (outside the coverage). */
export function chooseVariation(n: number, ranges: readonly BucketRange[]): number {
  return ranges.findIndex((range) => inRange(n, range));
}

/** A GrowthBook namespace: [name, start, end]; experiments in one namespace with disjoint ranges never share anyone. */
export type Namespace = readonly [name: string, start: number, end: number];

export function inNamespace(value: string, [name, start, end]: Namespace): boolean {
  const n = hash(`__${name}`, value, 1) as number;
  return n >= start && n < end;
}
