import { derivePrng, type Prng } from '../math/prng';
import { minorDigits, minorToDecimal } from '../money/currency';

/**
 * A seeded, realistic and messy canonical order CSV with the summary an import of it must reach: rows of an order
 * scattered, returns (some with an unsigned total), free items, prices as unit_price instead of line_total, quoted
 * commas, quotes and line breaks in names, times with and without offsets, blank lines, and some lines every import
 * must reject (quantity 0, 30 February, a foreign or unknown currency, a third decimal, contradictory signs, an
 * unsafe id). For the integration tests and the import benchmark. Pure; streams, so it can write millions of rows.
 */

export interface SampleOptions {
  seed: string | number;
  /** Sale orders; every one has at least one line an import accepts. */
  orders: number;
  /** Customer pool; a quarter of the orders by default (repeat buyers). */
  customers?: number;
  /** The store's currency (EUR by default); prices are scaled to its minor units. */
  storeCurrency?: string;
  /** The latest order time; 2025-12-31T18:00Z by default. Returns come up to 14 days later. */
  end?: Date;
  /** Days of history before `end` (730). */
  days?: number;
  /** CRLF line endings instead of LF. */
  crlf?: boolean;
  /** Rows are shuffled within windows of this many (5000), so an order's rows are apart but memory stays flat. */
  shuffleWindow?: number;
}

/** What reading the whole file must give. */
export interface SampleSummary {
  /** Data rows written (blank lines and the header not counted). */
  rows: number;
  /** Accepted lines, of which `returnLines` have a negative quantity. */
  lines: number;
  returnLines: number;
  rejected: number;
  /** Distinct order ids and customer ids among accepted lines. */
  orders: number;
  customers: number;
  /** Sum of the accepted lines' totals (returns negative), in minor units of the store's currency. */
  netRevenueMinor: number;
}

export const SAMPLE_HEADER = [
  'order_id',
  'customer_id',
  'ordered_at',
  'sku',
  'product_name',
  'category',
  'quantity',
  'unit_price',
  'line_total',
  'currency',
  'email',
  'city',
  'consent_marketing',
] as const;

type Row = Record<(typeof SAMPLE_HEADER)[number], string>;

/** [sku, name, category, price in euro cents]: a grocery shelf, with the names that trip up CSV writers. */
const SHELF: ReadonlyArray<readonly [string, string, string, number]> = [
  ['MILK-1', 'Whole milk 1 L', 'dairy', 119],
  ['YOG-500', 'Yoghurt, natural 500 g', 'dairy', 89],
  ['BUT-250', 'Butter 250 g', 'dairy', 239],
  ['CHED-200', 'Cheddar "mature" 200 g', 'dairy', 279],
  ['BREAD-750', 'Sourdough loaf 750 g', 'bakery', 349],
  ['CROIS-4', 'Croissants, butter, 4 pcs', 'bakery', 229],
  ['TOM-250', 'Tomatoes, cherry 250 g', 'produce', 199],
  ['BAN-1', 'Bananas 1 kg', 'produce', 169],
  ['APL-6', 'Apples "Elstar" 6 pcs', 'produce', 249],
  ['PIZ-12', '12" pizza margherita', 'frozen', 449],
  ['PEAS-450', 'Peas 450 g', 'frozen', 159],
  ['COF-500', 'Coffee beans 500 g', 'pantry', 699],
  ['PAS-500', 'Spaghetti 500 g', 'pantry', 99],
  ['OIL-750', 'Olive oil, extra virgin 750 ml', 'pantry', 899],
  ['GIFT-1', 'Gift box\nassorted', 'gifts', 1999],
  ['BAG-1', 'Carrier bag', 'other', 0],
];

const CITIES = ['Berlin', 'Köln', 'Frankfurt, Main', 'München', 'Hamburg', 'Halle (Saale)'];

const BAD_KINDS = ['quantity0', 'date', 'currency', 'unknown-currency', 'decimals', 'sign', 'id'] as const;

export function* sampleCsvChunks(options: SampleOptions): Generator<string, SampleSummary> {
  const currency = options.storeCurrency ?? 'EUR';
  const digits = minorDigits(currency);
  const end = (options.end ?? new Date('2025-12-31T18:00:00Z')).getTime();
  const span = (options.days ?? 730) * 86_400_000;
  const customers = Math.max(1, options.customers ?? Math.ceil(options.orders / 4));
  const window = Math.max(1, options.shuffleWindow ?? 5000);
  const newline = options.crlf ? '\r\n' : '\n';
  const foreign = currency === 'USD' ? 'EUR' : 'USD';
  const summary: SampleSummary = {
    rows: 0,
    lines: 0,
    returnLines: 0,
    rejected: 0,
    orders: 0,
    customers: 0,
    netRevenueMinor: 0,
  };
  const seen = new Set<number>();
  const shuffle = derivePrng(options.seed, 'shuffle');
  let buffer: string[] = [];

  const priceOf = (cents: number) => cents * 10 ** Math.max(0, digits - 2);
  // "2.50" is also written "2.5", "3.00" also "3": both are the same money.
  const money = (minor: number, prng: Prng) => {
    const text = minorToDecimal(minor, currency);
    return digits > 0 && prng.bernoulli(0.3) ? text.replace(/\.?0+$/, '') || '0' : text;
  };
  const write = (row: Row, accepted: boolean, lineTotalMinor = 0, isReturn = false) => {
    buffer.push(SAMPLE_HEADER.map((c) => csvField(row[c])).join(',') + newline);
    summary.rows++;
    if (!accepted) {
      summary.rejected++;
      return;
    }
    summary.lines++;
    summary.netRevenueMinor += lineTotalMinor;
    if (isReturn) summary.returnLines++;
  };
  function* flush(all: boolean): Generator<string> {
    if (!all && buffer.length < window) return;
    shuffleInPlace(buffer, shuffle);
    yield buffer.join('');
    buffer = [];
  }

  yield SAMPLE_HEADER.join(',') + newline;
  for (let n = 1; n <= options.orders; n++) {
    const prng = derivePrng(options.seed, 'order', n);
    // Skewed towards the low numbers: a few regulars, many occasional buyers.
    const customer = 1 + Math.floor(customers * prng.uniform() ** 2);
    const person = derivePrng(options.seed, 'customer', customer);
    const customerId = person.bernoulli(0.15) ? `shop:${customer}` : `C${String(customer).padStart(6, '0')}`;
    const email = person.bernoulli(0.7) ? `customer${customer}@example.com` : '';
    const city = person.pick(CITIES);
    const orderId = `ORD-${String(n).padStart(7, '0')}`;
    const placed = end - Math.floor(prng.uniform() * span);
    const base: Omit<Row, 'sku' | 'product_name' | 'category' | 'quantity' | 'unit_price' | 'line_total'> = {
      order_id: orderId,
      customer_id: customerId,
      ordered_at: timeText(placed, prng),
      currency: prng.bernoulli(0.05) ? currency.toLowerCase() : currency,
      email,
      city,
      consent_marketing: prng.pick(['', '', 'yes', 'no', 'true', '0']),
    };
    const sold: { sku: string; name: string; category: string; quantity: number; unit: number }[] = [];
    for (const [sku, name, category, cents] of prng.weightedSample(
      SHELF,
      SHELF.map(() => 1),
      prng.int(1, 5),
    )) {
      const quantity = prng.int(1, 4);
      const unit = priceOf(cents);
      sold.push({ sku, name, category, quantity, unit });
      const byUnit = prng.bernoulli(0.2);
      const row = {
        ...base,
        sku,
        product_name: name,
        category,
        quantity: String(quantity),
        unit_price: byUnit ? money(unit, prng) : '',
        line_total: byUnit ? '' : money(quantity * unit, prng),
      };
      write(row, true, quantity * unit);
    }
    seen.add(customer);

    const first = sold[0] as (typeof sold)[number];
    const lineOf = (change: Partial<Row>): Row => ({
      ...base,
      sku: first.sku,
      product_name: first.name,
      category: first.category,
      quantity: '1',
      unit_price: '',
      line_total: money(first.unit, prng),
      ...change,
    });
    if (prng.bernoulli(0.08)) {
      // A return of part of a line, some days later; its total written negative or, half the time, unsigned.
      const back = prng.int(1, first.quantity);
      const at = Math.min(placed + prng.int(1, 14) * 86_400_000, end + 14 * 86_400_000);
      const total = money(back * first.unit, prng);
      write(
        lineOf({
          ordered_at: new Date(at).toISOString(),
          quantity: String(-back),
          line_total: prng.bernoulli(0.5) || back * first.unit === 0 ? total : `-${total}`,
        }),
        true,
        -back * first.unit,
        true,
      );
    }
    if (prng.bernoulli(0.04)) {
      const kind = prng.pick(BAD_KINDS);
      const bad: Record<(typeof BAD_KINDS)[number], Partial<Row>> = {
        quantity0: { quantity: '0' },
        date: { ordered_at: '2025-02-30T10:00:00' },
        currency: { currency: foreign },
        'unknown-currency': { currency: 'EUX' },
        decimals: { line_total: `1.${'9'.repeat(digits + 1)}` },
        sign: { quantity: '2', line_total: `-${money(Math.max(1, first.unit), prng)}` },
        id: { order_id: `ORD ${n}` },
      };
      write(lineOf(bad[kind]), false);
    }
    if (prng.bernoulli(0.01)) buffer.push(newline);
    yield* flush(false);
  }
  yield* flush(true);
  summary.orders = options.orders;
  summary.customers = seen.size;
  return summary;
}

/** The whole file at once, for tests and small samples. */
export function generateSampleCsv(options: SampleOptions): { csv: string; summary: SampleSummary } {
  const chunks: string[] = [];
  const generator = sampleCsvChunks(options);
  for (;;) {
    const next = generator.next();
    if (next.done) return { csv: chunks.join(''), summary: next.value };
    chunks.push(next.value);
  }
}

/** Three ways shops write times: UTC, with the offset, and the store's wall clock (no offset, date-and-time). */
function timeText(at: number, prng: Prng): string {
  const iso = new Date(at).toISOString().slice(0, 19);
  const style = prng.int(0, 2);
  if (style === 0) return `${iso}Z`;
  if (style === 1) {
    const shifted = new Date(at + 3_600_000).toISOString().slice(0, 19);
    return `${shifted}+01:00`;
  }
  return iso.replace('T', ' ');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function shuffleInPlace<T>(items: T[], prng: Prng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
