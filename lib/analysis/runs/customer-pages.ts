import { listCustomerPage, type CustomerPageKey } from '../../customers/list-customer-page';
import type { AnalysedCustomer } from '../build-insights';
import { customerFeatures, type CustomerFeatures } from '../features';

/**
 * The customer scan of a batch run, a page at a time, reading only what analysis needs. Pages read while fitting
 * are kept, so the analysing pass over the same pages reads nothing again.
 */
const PAGE = 250; // customers per scan page, and per checkpoint

const ANALYSED_ATTRIBUTES = ['customerId', 'purchases', 'lastOrderAt', 'segment'] as const;

export interface Page {
  startKey?: CustomerPageKey;
  items: AnalysedCustomer[];
  nextKey?: CustomerPageKey;
}

const keyId = (key?: CustomerPageKey) => (key ? JSON.stringify(key) : '');

export class CustomerPages {
  private readonly kept: Page[] = [];
  constructor(private readonly pageSize = PAGE) {}

  async read(startKey?: CustomerPageKey): Promise<Page> {
    const known = this.kept.find((p) => keyId(p.startKey) === keyId(startKey));
    if (known) return known;
    const page = await listCustomerPage({
      limit: this.pageSize,
      startKey,
      attributes: ANALYSED_ATTRIBUTES,
    });
    const read = { startKey, items: page.items, nextKey: page.nextKey };
    this.kept.push(read);
    return read;
  }

  /** Every page: the features of customers `allowed` who have bought by `asOfDay`, and who was left out. */
  async features(
    allowed: (c: AnalysedCustomer) => boolean,
    asOfDay: number,
  ): Promise<{ features: CustomerFeatures[]; refused: number; withoutOrders: number }> {
    const features: CustomerFeatures[] = [];
    let refused = 0;
    let withoutOrders = 0;
    let startKey: CustomerPageKey | undefined;
    do {
      const page = await this.read(startKey);
      for (const c of page.items) {
        if (!allowed(c)) {
          refused++;
          continue;
        }
        const f = c.purchases && customerFeatures(c.purchases, asOfDay);
        if (f) features.push(f);
        else withoutOrders++;
      }
      startKey = page.nextKey;
    } while (startKey);
    return { features, refused, withoutOrders };
  }
}
