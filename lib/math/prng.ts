// Seeded pseudo-random numbers for the demo dataset, simulations and tests. Math.random() is banned there
// because a demo that changes on every run cannot be compared with its own ground truth.

/** A seeded stream of random draws. Not cryptographic. */
export interface Prng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Uniform integer on [min, max], both ends included. */
  int(min: number, max: number): number;
  /** Normal with the given mean and standard deviation (default standard normal). */
  normal(mean?: number, sd?: number): number;
  /** Gamma with shape k > 0 and scale θ > 0 (mean kθ). For a rate β pass scale 1/β. */
  gamma(shape: number, scale?: number): number;
  /** Beta(a, b), mean a / (a + b). */
  beta(a: number, b: number): number;
  /** Exponential with the given rate (mean 1/rate); rate 0 gives Infinity. */
  exponential(rate: number): number;
  /** exp(N(mu, sigma²)). */
  lognormal(mu: number, sigma: number): number;
  /** Poisson count with the given mean. */
  poisson(mean: number): number;
  /** true with probability p. */
  bernoulli(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weightedPick<T>(items: readonly T[], weights: readonly number[]): T;
  /** k distinct items, drawn without replacement with probability proportional to weight. */
  weightedSample<T>(items: readonly T[], weights: readonly number[], k: number): T[];
}

// cyrb128: a fast string hash with good avalanche, used only to turn a seed string into 128 bits of state.
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const TWO_POW_32 = 4294967296;

// sfc32 (Chris Doty-Humphrey's small fast counter): 128-bit state, passes PractRand, and is cheap enough to
// create one stream per customer.
class Sfc32 implements Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seedText: string) {
    const [a, b, c, d] = cyrb128(seedText);
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // The first outputs still correlate with the hash; discarding a few is the usual sfc32 warm-up.
    for (let i = 0; i < 12; i++) this.next();
  }

  private next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  uniform(): number {
    return this.next() / TWO_POW_32;
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
    }
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  normal(mean = 0, sd = 1): number {
    // Box–Muller; 1 - u keeps the logarithm away from 0.
    const u = 1 - this.uniform();
    const v = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  gamma(shape: number, scale = 1): number {
    if (!(shape > 0) || !(scale > 0))
      throw new RangeError(`gamma(${shape}, ${scale}): need shape, scale > 0`);
    if (shape < 1) {
      // Marsaglia–Tsang needs shape >= 1; Gamma(k) = Gamma(k + 1) · U^(1/k) boosts small shapes.
      return this.gamma(shape + 1, scale) * Math.pow(1 - this.uniform(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  exponential(rate: number): number {
    if (rate < 0 || Number.isNaN(rate)) throw new RangeError(`exponential(${rate}): need rate >= 0`);
    if (rate === 0) return Infinity;
    return -Math.log(1 - this.uniform()) / rate;
  }

  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  poisson(mean: number): number {
    if (!(mean >= 0)) throw new RangeError(`poisson(${mean}): need mean >= 0`);
    // Knuth's product method underflows for large means; Poisson counts add, so split the mean into chunks.
    let total = 0;
    let remaining = mean;
    while (remaining > 30) {
      total += this.poissonSmall(30);
      remaining -= 30;
    }
    return total + this.poissonSmall(remaining);
  }

  private poissonSmall(mean: number): number {
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.uniform();
    while (product >= limit) {
      count++;
      product *= this.uniform();
    }
    return count;
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[Math.floor(this.uniform() * items.length)] as T;
  }

  weightedPick<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError('weightedPick() needs a non-empty list and one weight per item');
    }
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('weightedPick() needs a positive total weight');
    let target = this.uniform() * total;
    for (let i = 0; i < items.length; i++) {
      target -= weights[i] ?? 0;
      if (target < 0) return items[i] as T;
    }
    // Rounding can leave target a hair above 0 after the loop; the last positive-weight item is the answer.
    for (let i = items.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return items[i] as T;
    return items[items.length - 1] as T;
  }

  weightedSample<T>(items: readonly T[], weights: readonly number[], k: number): T[] {
    if (items.length !== weights.length) throw new RangeError('weightedSample() needs one weight per item');
    // Efraimidis–Spirakis: key u^(1/w), keep the k largest. One pass, no rejection loop.
    const keyed = items.map((item, i) => {
      const w = weights[i] ?? 0;
      return { item, key: w > 0 ? Math.pow(1 - this.uniform(), 1 / w) : -1 };
    });
    keyed.sort((x, y) => y.key - x.key);
    return keyed
      .filter((entry) => entry.key >= 0)
      .slice(0, Math.max(0, k))
      .map((entry) => entry.item);
  }
}

/** A stream fully determined by the seed. Numbers are used by their decimal text, so 42 and '42' agree. */
export function createPrng(seed: string | number): Prng {
  return new Sfc32(String(seed));
}

/**
 * An independent stream for one part of a larger simulation, e.g. derivePrng(seed, 'customer', 42).
 * Keying streams by label rather than drawing them in sequence means customer 42 does not change when the
 * number of customers, or the code that draws for customer 41, changes.
 */
export function derivePrng(seed: string | number, ...labels: ReadonlyArray<string | number>): Prng {
  // JSON keeps ('a', 'bc') and ('ab', 'c') apart.
  return new Sfc32(JSON.stringify([String(seed), ...labels.map(String)]));
}
