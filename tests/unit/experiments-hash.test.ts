import { describe, expect, it } from 'vitest';
import {
  chooseVariation,
  fnv1a32,
  getBucketRanges,
  getEqualWeights,
  hash,
  inNamespace,
  type BucketRange,
} from '@/lib/experiments/hash';

// Cases marked "spec" are from GrowthBook's language-agnostic SDK test suite, growthbook/growthbook
// packages/sdk-js/test/cases.json (specVersion 0.5.4, commit 021bf498f75c8491c156184ca1b3a1fbafa1d64e): every
// GrowthBook SDK must reproduce them, so matching them means our buckets are the ones GrowthBook would give.

describe('fnv1a32', () => {
  // The published FNV-1a 32-bit test vectors (Landon Curt Noll's FNV page / draft-eastlake-fnv).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['b', 0xe70c2de5],
    ['foo', 0xa9f37ed7],
    ['foobar', 0xbf9cf968],
  ])('hashes %j to the published value', (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  it('follows the definition step by step for a two-character string', () => {
    // h = ((basis ^ 'a') * prime mod 2^32 ^ 'b') * prime mod 2^32, with BigInt arithmetic as an independent check.
    const prime = 0x01000193n;
    const mod = 2n ** 32n;
    let h = 0x811c9dc5n;
    for (const c of 'ab') h = ((h ^ BigInt(c.charCodeAt(0))) * prime) % mod;
    expect(fnv1a32('ab')).toBe(Number(h));
    expect(fnv1a32('ab')).toBe(0x4d2505ca);
  });

  it('always returns an unsigned 32-bit integer', () => {
    for (const text of ['', 'x', 'cust_000123', 'ünïcødé', 'a'.repeat(1000)]) {
      const h = fnv1a32(text);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });
});

describe('hash', () => {
  it.each([
    // spec: [seed, value, version, expected]
    ['', 'a', 1, 0.22],
    ['', 'b', 1, 0.077],
    ['b', 'a', 1, 0.946],
    ['ef', 'd', 1, 0.652],
    ['asdf', '8952klfjas09ujk', 1, 0.549],
    ['', '123', 1, 0.011],
    ['', '___)((*":&', 1, 0.563],
    ['seed', 'a', 2, 0.0505],
    ['seed', 'b', 2, 0.2696],
    ['foo', 'ab', 2, 0.2575],
    ['foo', 'def', 2, 0.2019],
    ['89123klj', '8952klfjas09ujkasdf', 2, 0.124],
    ['90850943850283058242805', '123', 2, 0.7516],
    ['()**(%$##$%#$#', '___)((*":&', 2, 0.0128],
    ['abc', 'def', 99, null],
  ])('hash(%j, %j, v%i) = %s (spec)', (seed, value, version, expected) => {
    expect(hash(seed, value, version)).toBe(expected);
  });

  it('reproduces the buckets the spec reports for whole experiments', () => {
    // spec "empty experiment rule" cases (v1, seed = feature key) and sticky-bucket cases (v2, seed feature-exp).
    expect(hash('feature', '123', 1)).toBe(0.863);
    expect(hash('feature', '456', 1)).toBe(0.178);
    expect(hash('feature', 'fds', 1)).toBe(0.514);
    expect(hash('feature-exp', 'd123', 2)).toBe(0.6468);
    expect(hash('feature-exp', 'i123', 2)).toBe(0.9943);
  });

  it('v1 is fnv(value + seed) mod 1000, v2 is fnv of the decimal fnv(seed + value), mod 10000', () => {
    expect(hash('exp', 'cust_1', 1)).toBe((fnv1a32('cust_1exp') % 1000) / 1000);
    expect(hash('exp', 'cust_1', 2)).toBe((fnv1a32(String(fnv1a32('expcust_1'))) % 10000) / 10000);
  });

  it('spreads customers evenly over the unit interval (v2)', () => {
    const tenths = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++)
      tenths[Math.floor((hash('analyzer-test', `cust_${i}`, 2) as number) * 10)]!++;
    for (const count of tenths) expect(Math.abs(count - 2000)).toBeLessThan(150); // ~3.5 standard deviations
  });

  it('v2 buckets under two related seeds are independent', () => {
    const agree = (version: 1 | 2) => {
      let same = 0;
      for (let i = 0; i < 5000; i++) {
        const a = (hash('exp-1', `c${i}`, version) as number) < 0.5;
        const b = (hash('exp-2', `c${i}`, version) as number) < 0.5;
        if (a === b) same++;
      }
      return same / 5000;
    };
    expect(Math.abs(agree(2) - 0.5)).toBeLessThan(0.04);
  });
});

describe('getBucketRanges', () => {
  const close = (actual: BucketRange[], expected: [number, number][]) => {
    expect(actual).toHaveLength(expected.length);
    actual.forEach(([s, e], i) => {
      expect(s).toBeCloseTo(expected[i]![0], 10);
      expect(e).toBeCloseTo(expected[i]![1], 10);
    });
  };

  it.each<[string, [number, number, number[] | null], [number, number][]]>([
    // spec getBucketRange cases: [name, [numVariations, coverage, weights], ranges]
    [
      'normal 50/50',
      [2, 1, null],
      [
        [0, 0.5],
        [0.5, 1],
      ],
    ],
    [
      'reduced coverage',
      [2, 0.5, null],
      [
        [0, 0.25],
        [0.5, 0.75],
      ],
    ],
    [
      'zero coverage',
      [2, 0, null],
      [
        [0, 0],
        [0.5, 0.5],
      ],
    ],
    [
      '4 variations',
      [4, 1, null],
      [
        [0, 0.25],
        [0.25, 0.5],
        [0.5, 0.75],
        [0.75, 1],
      ],
    ],
    [
      'uneven weights',
      [2, 1, [0.4, 0.6]],
      [
        [0, 0.4],
        [0.4, 1],
      ],
    ],
    [
      'uneven weights, 3 variations',
      [3, 1, [0.2, 0.3, 0.5]],
      [
        [0, 0.2],
        [0.2, 0.5],
        [0.5, 1],
      ],
    ],
    [
      'uneven weights, reduced coverage',
      [3, 0.2, [0.2, 0.3, 0.5]],
      [
        [0, 0.04],
        [0.2, 0.26],
        [0.5, 0.6],
      ],
    ],
    [
      'negative coverage',
      [2, -0.2, null],
      [
        [0, 0],
        [0.5, 0.5],
      ],
    ],
    [
      'coverage above 1',
      [2, 1.5, null],
      [
        [0, 0.5],
        [0.5, 1],
      ],
    ],
    [
      'weights sum below 1',
      [2, 1, [0.4, 0.1]],
      [
        [0, 0.5],
        [0.5, 1],
      ],
    ],
    [
      'weights sum above 1',
      [2, 1, [0.7, 0.6]],
      [
        [0, 0.5],
        [0.5, 1],
      ],
    ],
    [
      'weights of the wrong length',
      [4, 1, [0.4, 0.4, 0.2]],
      [
        [0, 0.25],
        [0.25, 0.5],
        [0.5, 0.75],
        [0.75, 1],
      ],
    ],
    [
      'weights sum almost 1',
      [2, 1, [0.4, 0.5999]],
      [
        [0, 0.4],
        [0.4, 0.9999],
      ],
    ],
  ])('%s (spec)', (_name, [n, coverage, weights], expected) => {
    close(getBucketRanges(n, coverage, weights), expected);
  });

  it('grows each range at its end only, so raising coverage never moves anyone', () => {
    const weights = [0.5, 0.3, 0.2];
    for (let i = 0; i < 3000; i++) {
      const n = hash('ramp', `c${i}`, 2) as number;
      const at10 = chooseVariation(n, getBucketRanges(3, 0.1, weights));
      const at50 = chooseVariation(n, getBucketRanges(3, 0.5, weights));
      const at100 = chooseVariation(n, getBucketRanges(3, 1, weights));
      if (at10 >= 0) expect(at50).toBe(at10);
      if (at50 >= 0) expect(at100).toBe(at50);
      expect(at100).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives equal weights that sum to 1', () => {
    expect(getEqualWeights(-1)).toEqual([]);
    expect(getEqualWeights(0)).toEqual([]);
    expect(getEqualWeights(1)).toEqual([1]);
    expect(getEqualWeights(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    getEqualWeights(3).forEach((w) => expect(w).toBeCloseTo(0.33333333, 8));
  });
});

describe('chooseVariation', () => {
  const even: BucketRange[] = [
    [0, 0.5],
    [0.5, 1],
  ];
  const reduced: BucketRange[] = [
    [0, 0.25],
    [0.5, 0.75],
  ];
  it.each<[string, number, BucketRange[], number]>([
    // spec chooseVariation cases: start ≤ n < end, -1 outside every range
    ['even range, 0.2', 0.2, even, 0],
    ['even range, 0.6', 0.6, even, 1],
    ['even range, 0', 0, even, 0],
    ['even range, 0.5', 0.5, even, 1],
    ['reduced range, 0.2', 0.2, reduced, 0],
    ['reduced range, 0.4', 0.4, reduced, -1],
    ['reduced range, 0.25', 0.25, reduced, -1],
    ['reduced range, 0.5', 0.5, reduced, 1],
    ['reduced range, 0.8', 0.8, reduced, -1],
    [
      'zero range',
      0.5,
      [
        [0, 0.5],
        [0.5, 0.5],
        [0.5, 1],
      ],
      2,
    ],
  ])('%s (spec)', (_name, n, ranges, expected) => {
    expect(chooseVariation(n, ranges)).toBe(expected);
  });

  it('assigns whole experiments as the spec does (hash v1, seed = key)', () => {
    const ids = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    const run = (coverage: number, n: number, weights?: number[]) =>
      ids.map((id) =>
        chooseVariation(hash('my-test', id, 1) as number, getBucketRanges(n, coverage, weights)),
      );
    // spec "run" cases: default weights, uneven weights, coverage 0.4 (-1: not in the experiment), three-way.
    expect(run(1, 2)).toEqual([1, 0, 0, 1, 1, 1, 0, 1, 0]);
    expect(run(1, 2, [0.1, 0.9])).toEqual([1, 1, 0, 1, 1, 1, 0, 1, 1]);
    expect(run(0.4, 2)).toEqual([-1, 0, 0, -1, 1, -1, 0, 1, -1]);
    expect(run(1, 3)).toEqual([2, 0, 0, 2, 1, 2, 0, 1, 0]);
  });

  it('splits customers by weight within a few percent', () => {
    const ranges = getBucketRanges(3, 1, [0.5, 0.3, 0.2]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++)
      counts[chooseVariation(hash('split', `cust_${i}`, 2) as number, ranges)]!++;
    expect(counts[0]! / 20_000).toBeCloseTo(0.5, 1);
    expect(counts[1]! / 20_000).toBeCloseTo(0.3, 1);
    expect(counts[2]! / 20_000).toBeCloseTo(0.2, 1);
  });
});

describe('inNamespace', () => {
  it.each<[string, string, [string, number, number], boolean]>([
    // spec inNamespace cases
    ['user 1, namespace1, 1', '1', ['namespace1', 0, 0.4], false],
    ['user 1, namespace1, 2', '1', ['namespace1', 0.4, 1], true],
    ['user 1, namespace2, 2', '1', ['namespace2', 0.4, 1], true],
    ['user 3, namespace2, 1', '3', ['namespace2', 0, 0.4], true],
    ['user 3, namespace2, 2', '3', ['namespace2', 0.4, 1], false],
    ['user 4, namespace2, 1', '4', ['namespace2', 0, 0.4], true],
    ['user 4, namespace1, 2', '4', ['namespace1', 0.4, 1], true],
  ])('%s (spec)', (_name, id, namespace, expected) => {
    expect(inNamespace(id, namespace)).toBe(expected);
  });
});
