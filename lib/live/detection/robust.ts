/** Robust location and scale: the median and the median absolute deviation scaled to a normal's σ. Pure. */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 1.4826 × MAD: for normal data it estimates σ, and a few extreme values barely move it. */
export function robustScale(values: readonly number[], center = median(values)): number {
  return 1.4826 * median(values.map((v) => Math.abs(v - center)));
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export { round };
