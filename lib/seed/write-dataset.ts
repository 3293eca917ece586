import fs from 'node:fs';
import path from 'node:path';
import { purchaseDigest } from '../customers/purchase-digest';
import { putCustomers } from '../customers/put-customers';
import { putOrders } from '../orders/put-orders';
import { putConsentLedgers } from '../privacy/consent/put-consent-ledgers';
import { putProducts } from '../products/put-products';
import { getConfig } from '../config';
import type { BusinessWeek } from '../overview/business-week';
import { storeWeekStart } from '../time/store-time';
import { putBusinessWeeks } from '../overview/put-business-weeks';
import { buildCatalog } from './catalog';
import { generateConsentHistory } from './consent-history';
import { generateCustomerHistories, populationTruth } from './generate';
import { writeSeedState } from './seed-state';
import type { CustomerHistory, SeedOptions } from './types';

export interface SeedProgress {
  customers: number;
  of: number;
  orders: number;
}

export interface SeedSummary {
  customers: number;
  products: number;
  orders: number;
  revenueMinor: number;
  weeks: number;
  truthFile: string;
  seconds: number;
}

// Customers are written in groups so memory stays flat at 100,000 customers and progress can be reported.
const GROUP = 200;

function customerItem({ customer, orders }: CustomerHistory, timeZone: string) {
  const spent = orders.reduce((sum, o) => sum + o.totalMinor, 0);
  return {
    ...customer,
    orderCount: orders.length,
    totalSpentMinor: spent,
    firstOrderAt: orders[0]?.placedAt,
    lastOrderAt: orders.at(-1)?.placedAt,
    purchases: purchaseDigest(orders, timeZone),
    source: 'seed',
  };
}

/** Adds a customer's orders to the store's weeks (Monday in its zone), as the worker's handler would count them. */
function addToWeeks(weeks: Map<string, BusinessWeek>, history: CustomerHistory, timeZone: string): void {
  const weekStart = (at: string) => storeWeekStart(at, timeZone);
  const week = (w: string) => {
    let row = weeks.get(w);
    if (!row)
      weeks.set(w, (row = { week: w, orders: 0, revenueMinor: 0, activeCustomers: 0, newCustomers: 0 }));
    return row;
  };
  week(weekStart(history.customer.createdAt)).newCustomers += 1;
  const active = new Set<string>();
  for (const order of history.orders) {
    const row = week(weekStart(order.placedAt));
    row.orders += 1;
    row.revenueMinor += order.totalMinor;
    active.add(row.week);
  }
  active.forEach((w) => (week(w).activeCustomers += 1));
}

/**
 * Generates the deterministic demo business and stores it: products, customers with their consent ledgers, orders,
 * the weekly business series
 * for the Overview, and the generator's ground truth under DATA_DIR/seed/ (JSON lines, one customer per line) so
 * later analysis can be scored against what really drove each customer.
 */
export async function writeDataset(
  options: SeedOptions & { dataDir: string; onProgress?: (p: SeedProgress) => void },
): Promise<SeedSummary> {
  const started = performance.now();
  // The demo's numbers are the same in any currency; they are stored as the store's (EUR unless configured).
  const { STORE_CURRENCY: currency, STORE_TIMEZONE: timeZone } = getConfig();
  const state = { seed: options.seed, end: options.end.toISOString(), customers: options.customers };
  writeSeedState(options.dataDir, { ...state, status: 'in_progress' });
  const catalog = buildCatalog();
  await putProducts(catalog.products);

  const truthDir = path.join(options.dataDir, 'seed');
  fs.mkdirSync(truthDir, { recursive: true });
  const truthFile = path.join(truthDir, 'ground-truth.jsonl');
  fs.writeFileSync(path.join(truthDir, 'population.json'), JSON.stringify(populationTruth(options), null, 2));
  const truth = fs.openSync(truthFile, 'w');

  const weeks = new Map<string, BusinessWeek>();
  let customers = 0;
  let orders = 0;
  let revenueMinor = 0;
  let group: CustomerHistory[] = [];
  const flush = async () => {
    await putCustomers(group.map((h) => customerItem(h, timeZone)));
    await putConsentLedgers(
      group.map((h) => ({
        customerId: h.customer.customerId,
        choices: generateConsentHistory(
          options.seed,
          h.customer.customerId,
          h.customer.createdAt,
          options.end,
        ),
      })),
      'seed',
      'system:seed',
    );
    await putOrders(
      group.flatMap((h) =>
        h.orders.map((o) => ({ ...o, currency, status: 'completed' as const, source: 'seed' })),
      ),
    );
    fs.writeSync(truth, group.map((h) => JSON.stringify(h.truth)).join('\n') + '\n');
    customers += group.length;
    group = [];
    options.onProgress?.({ customers, of: options.customers, orders });
  };
  try {
    for (const history of generateCustomerHistories(options)) {
      group.push(history);
      orders += history.orders.length;
      revenueMinor += history.orders.reduce((sum, o) => sum + o.totalMinor, 0);
      addToWeeks(weeks, history, timeZone);
      if (group.length >= GROUP) await flush();
    }
    if (group.length) await flush();
  } finally {
    fs.closeSync(truth);
  }

  const series = [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
  // Totals go last: their presence marks a complete seed (an interrupted one is simply run again; puts are idempotent).
  await putBusinessWeeks(series, {
    customers,
    orders,
    revenueMinor,
    currency,
    updatedAt: new Date().toISOString(),
  });
  writeSeedState(options.dataDir, { ...state, status: 'complete' });
  return {
    customers,
    products: catalog.products.length,
    orders,
    revenueMinor,
    weeks: series.length,
    truthFile,
    seconds: (performance.now() - started) / 1000,
  };
}
