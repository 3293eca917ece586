/**
 * Nelder–Mead simplex minimisation: derivative-free and robust on the bumpy, flat-bottomed likelihoods of purchase
 * models. Pure. Returns the best point found and its value.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: { step?: number; maxIterations?: number; tolerance?: number } = {},
): { x: number[]; value: number; iterations: number } {
  const n = start.length;
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 2000;
  const tolerance = options.tolerance ?? 1e-9;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start, ...start.map((_, i) => start.map((s, j) => (i === j ? s + step : s)))].map((x) => ({
    x,
    v: value(x),
  }));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    const centroid = Array.from(
      { length: n },
      (_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j]!, 0) / n,
    );
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const reflected = { x: along(-1), v: 0 };
    reflected.v = value(reflected.x);
    if (reflected.v < best.v) {
      const expanded = { x: along(-2), v: 0 };
      expanded.v = value(expanded.x);
      simplex[n] = expanded.v < reflected.v ? expanded : reflected;
    } else if (reflected.v < simplex[n - 1]!.v) {
      simplex[n] = reflected;
    } else {
      const contracted = { x: along(reflected.v < worst.v ? -0.5 : 0.5), v: 0 };
      contracted.v = value(contracted.x);
      if (contracted.v < Math.min(worst.v, reflected.v)) simplex[n] = contracted;
      else
        simplex = simplex
          .map((p, i) =>
            i === 0 ? p : { x: p.x.map((xj, j) => best.x[j]! + 0.5 * (xj - best.x[j]!)), v: 0 },
          )
          .map((p, i) => (i === 0 ? p : { x: p.x, v: value(p.x) }));
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v, iterations };
}
