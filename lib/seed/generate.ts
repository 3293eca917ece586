import { createBasketPlanner } from './basket';
import { drawIdentity } from './names';
import { derivePrng, type Prng } from '../math/prng';
import type {
  CustomerHistory,
  CustomerTruth,
  PopulationTruth,
  SeedCustomer,
  SeedOptions,
  SeedOrder,
  SeedOrderItem,
} from './types';

export type {
  CustomerHistory,
  CustomerTruth,
  PopulationTruth,
  SeedCustomer,
  SeedOptions,
  SeedOrder,
  SeedOrderItem,
} from './types';

/**
 * BG/NBD population parameters. λ ~ Gamma(r, α) per week has mean r/α = 0.8 trips a week (a weekly shop for
 * the typical customer, since people also shop elsewhere) and a CV of 1/√r ≈ 0.71, so twice-a-week regulars and
 * once-a-month visitors coexist; weekly rhythms such as milk only show when trips are at least that frequent. p ~ Beta(a, b) has mean a/(a+b) ≈ 0.09 with a long right tail: most
 * customers stay for dozens of trips, a minority lapse after a few.
 */
export const POPULATION = { r: 2, alpha: 2.5, a: 0.6, b: 6 } as const;

const DAY_MS = 86_400_000;
const DAYS_PER_WEEK = 7;
// Trips are simulated on a "shop clock" that only runs while stores are open (07:00–21:00 UTC, i.e. 08:00–22:00
// in central Europe), so no order lands at 3 a.m. The clock counts one unit per calendar day, so a rate per
// shop-day is a rate per calendar day and each trip moves by less than a day: invisible at weekly resolution.
const OPEN_MS = 7 * 3_600_000;
const OPEN_SPAN_MS = 14 * 3_600_000;
/** Acquisition time is start + window · U^ACQUISITION_SKEW: more customers early (the existing base), fewer late. */
const ACQUISITION_SKEW = 1.5;
/** sd of log spend multiplier; mean of the multiplier is 1. */
const SPEND_SIGMA = 0.3;

function shopToRealMs(shopDay: number): number {
  const day = Math.floor(shopDay);
  return day * DAY_MS + OPEN_MS + Math.floor((shopDay - day) * OPEN_SPAN_MS);
}

// Supremum of shop times whose real time is <= realMs; callers keep shop times strictly below it.
function realMsToShop(realMs: number): number {
  const day = Math.floor(realMs / DAY_MS);
  const timeOfDay = realMs - day * DAY_MS;
  if (timeOfDay < OPEN_MS) return day;
  if (timeOfDay >= OPEN_MS + OPEN_SPAN_MS) return day + 1;
  return day + (timeOfDay - OPEN_MS) / OPEN_SPAN_MS;
}

interface Window {
  startMs: number;
  endMs: number;
}

function windowOf(opts: SeedOptions): Window {
  const endMs = opts.end.getTime();
  if (!Number.isFinite(endMs)) throw new RangeError('SeedOptions.end is not a valid date');
  const years = opts.years ?? 2;
  if (!(years > 0) || !Number.isFinite(years))
    throw new RangeError(`SeedOptions.years must be > 0, got ${years}`);
  if (!Number.isInteger(opts.customers) || opts.customers < 0) {
    throw new RangeError(`SeedOptions.customers must be a whole number >= 0, got ${opts.customers}`);
  }
  // Whole years by the calendar (2024-11-24 → 2026-11-24), any fraction as 365-day years.
  const start = new Date(endMs);
  const wholeYears = Math.floor(years);
  start.setUTCFullYear(start.getUTCFullYear() - wholeYears);
  const startMs = start.getTime() - Math.round((years - wholeYears) * 365 * DAY_MS);
  return { startMs, endMs };
}

export function populationTruth(opts: SeedOptions): PopulationTruth {
  const { startMs, endMs } = windowOf(opts);
  return {
    ...POPULATION,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    seed: opts.seed,
  };
}

export function customerId(index: number): string {
  return `cus_${String(index).padStart(6, '0')}`;
}

interface Trips {
  /** Real times in ms, strictly increasing, all within [first, end]. */
  times: number[];
  droppedOutAtMs: number | null;
}

// The BG/NBD story: the first purchase opens the relationship; repeat trips follow a Poisson process with
// rate λ while alive; right after each repeat trip the customer leaves for good with probability p.
function simulateTrips(rng: Prng, tripsPerWeek: number, dropout: number, win: Window): Trips {
  const startShop = realMsToShop(win.startMs);
  const endShop = realMsToShop(win.endMs);
  let shop = startShop + (endShop - startShop) * Math.pow(rng.uniform(), ACQUISITION_SKEW);
  const times = [Math.min(shopToRealMs(shop), win.endMs)];
  const ratePerDay = tripsPerWeek / DAYS_PER_WEEK;
  for (;;) {
    shop += rng.exponential(ratePerDay);
    if (shop >= endShop) return { times, droppedOutAtMs: null };
    const previous = times[times.length - 1] ?? win.startMs;
    // Millisecond rounding could in principle merge two trips; a customer cannot be at the till twice at once.
    const ms = Math.max(shopToRealMs(shop), previous + 1);
    if (ms > win.endMs) return { times, droppedOutAtMs: null };
    times.push(ms);
    if (rng.bernoulli(dropout)) return { times, droppedOutAtMs: ms };
  }
}

function orderTotal(items: readonly SeedOrderItem[]): number {
  let total = 0;
  for (const item of items) total += item.quantity * item.unitPriceMinor;
  return total;
}

/**
 * Customer `index` (0-based) of the dataset. Depends only on (seed, end, years, index): the same customer comes
 * out whether 10 or 100,000 customers are generated. Separate random streams per concern mean, for example,
 * that changing basket logic does not move anyone's trip times.
 */
export function generateCustomerHistory(opts: SeedOptions, index: number): CustomerHistory {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`customer index must be >= 0, got ${index}`);
  const win = windowOf(opts);
  const id = customerId(index);
  const truthRng = derivePrng(opts.seed, 'customer', index, 'truth');
  const tripsPerWeek = truthRng.gamma(POPULATION.r, 1 / POPULATION.alpha);
  const dropoutProbability = truthRng.beta(POPULATION.a, POPULATION.b);
  const spendMultiplier = truthRng.lognormal(-(SPEND_SIGMA * SPEND_SIGMA) / 2, SPEND_SIGMA);

  const trips = simulateTrips(
    derivePrng(opts.seed, 'customer', index, 'trips'),
    tripsPerWeek,
    dropoutProbability,
    win,
  );
  const firstMs = trips.times[0] ?? win.endMs;
  const planner = createBasketPlanner(
    derivePrng(opts.seed, 'customer', index, 'basket'),
    spendMultiplier,
    firstMs / DAY_MS,
  );
  const orders: SeedOrder[] = trips.times.map((ms, sequence) => {
    const items = planner.basketAt(ms / DAY_MS);
    return {
      orderId: `ord_${String(index).padStart(6, '0')}_${String(sequence + 1).padStart(4, '0')}`,
      customerId: id,
      placedAt: new Date(ms).toISOString(),
      items,
      totalMinor: orderTotal(items),
    };
  });

  const identity = drawIdentity(derivePrng(opts.seed, 'customer', index, 'identity'), index);
  const customer: SeedCustomer = { customerId: id, ...identity, createdAt: new Date(firstMs).toISOString() };
  const truth: CustomerTruth = {
    customerId: id,
    tripsPerWeek,
    dropoutProbability,
    droppedOutAt: trips.droppedOutAtMs === null ? null : new Date(trips.droppedOutAtMs).toISOString(),
    categoryCycleDays: planner.categoryCycleDays,
    spendMultiplier,
  };
  return { customer, orders, truth };
}

/** All customers, one at a time, so 100,000 of them can be streamed to storage in constant memory. */
export function* generateCustomerHistories(opts: SeedOptions): Generator<CustomerHistory> {
  windowOf(opts);
  for (let index = 0; index < opts.customers; index++) yield generateCustomerHistory(opts, index);
}
