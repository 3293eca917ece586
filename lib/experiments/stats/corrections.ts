/**
 * Multiple-comparison corrections across every (variant × metric) test of one experiment. Adjusted p-values are
 * returned in input order, monotone in the raw p-values and capped at 1; compare them with α as usual.
 */

/** The corrections offered: Holm (the default), Benjamini–Hochberg, or none. */
export type Correction = 'holm' | 'benjamini-hochberg' | 'none';

function checked(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must lie in [0, 1] (got ${p}).`);
  }
  // Ascending by p; ties keep input order so the result does not depend on sort stability quirks.
  return pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
}

/**
 * Holm's step-down adjustment (controls the family-wise error rate under any dependence):
 * with p₍₁₎ ≤ … ≤ p₍ₘ₎, adjusted p₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎).
 * Uniformly more powerful than Bonferroni, with the same guarantee; the default because a shipped variant that was
 * a false positive is the costly error here.
 */
export function holm(pValues: readonly number[]): number[] {
  const order = checked(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order.forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * (pValues[index] as number)));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjustment (controls the false discovery rate for independent or positively
 * dependent tests): adjusted p₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j).
 * More discoveries than Holm when many metrics move; the price is that some of them may be false.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const order = checked(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let runningMin = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] as number;
    runningMin = Math.min(runningMin, (m * (pValues[index] as number)) / (rank + 1));
    adjusted[index] = runningMin;
  }
  return adjusted;
}

/** Applies the named correction; `none` returns a copy of the input. */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  if (correction === 'holm') return holm(pValues);
  if (correction === 'benjamini-hochberg') return benjaminiHochberg(pValues);
  checked(pValues);
  return [...pValues];
}
