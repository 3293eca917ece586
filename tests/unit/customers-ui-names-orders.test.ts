import { describe, expect, it } from 'vitest';
import { nameCell, orderMoney } from '@/components/customers/customer-format';
import { noSegmentsText } from '@/components/customers/segment-rows';
import { customerItemSchema, toCustomerView } from '@/lib/customers/customer';

const USD_NY = { currency: 'USD', timeZone: 'America/New_York' };

/** An imported customer: an e-mail and a city, no name. */
const imported = customerItemSchema.parse({
  customerId: 'cid_05aa429ece53b5d2073430a085b20480',
  firstName: '',
  lastName: '',
  email: 'customer60@example.com',
  city: 'Köln',
  postcode: '',
  createdAt: '2025-02-16T10:48:00Z',
  orderCount: 15,
  totalSpentMinor: 60086,
});

describe('the Name column of customers without a name', () => {
  it('shows their e-mail to a reader with PII rights', () => {
    const view = toCustomerView(imported, true, USD_NY);
    expect(view.displayName).toBe('');
    expect(nameCell(view)).toEqual({ text: 'customer60@example.com', standIn: true });
  });

  it('shows a dash when there is no e-mail either, or to a reader without PII rights', () => {
    expect(nameCell(toCustomerView({ ...imported, email: '' }, true, USD_NY)).text).toBe('—');
    const masked = toCustomerView(imported, false, USD_NY);
    expect(masked.displayName).toBe('');
    expect(nameCell(masked).text).toBe('—');
    expect(JSON.stringify(masked)).not.toContain('customer60');
  });

  it('keeps a name, and masks one part when only one is given', () => {
    const named = { ...imported, firstName: 'Anna', lastName: 'Schmidt' };
    expect(nameCell(toCustomerView(named, true, USD_NY))).toEqual({ text: 'Anna Schmidt', standIn: false });
    expect(toCustomerView({ ...imported, firstName: 'Anna' }, true, USD_NY).displayName).toBe('Anna');
    expect(toCustomerView({ ...imported, firstName: 'Anna' }, false, USD_NY).displayName).toBe('A.');
  });
});

describe('an order in Latest orders', () => {
  it('shows its refund and its net, so the nets add up to Total spent', () => {
    expect(orderMoney({ totalMinor: 1414, refundedMinor: 349, currency: 'USD' })).toEqual({
      total: '$14.14',
      refunded: '−$3.49',
      net: '$10.65',
      fullyRefunded: false,
    });
    const orders = [
      { totalMinor: 1414, refundedMinor: 349, currency: 'USD' },
      { totalMinor: 699, currency: 'USD' },
      { totalMinor: 500, refundedMinor: 500, currency: 'USD' },
    ];
    const nets = orders.map((o) => o.totalMinor - (o.refundedMinor ?? 0));
    expect(orders.map((o) => orderMoney(o).net)).toEqual(['$10.65', '$6.99', '$0.00']);
    expect(nets.reduce((a, b) => a + b, 0)).toBe(1764);
  });

  it('leaves the refund out when nothing was refunded, and says when everything was', () => {
    expect(orderMoney({ totalMinor: 699, currency: 'USD' }).refunded).toBeUndefined();
    expect(orderMoney({ totalMinor: 500, refundedMinor: 500, currency: 'USD' }).fullyRefunded).toBe(true);
  });
});

describe('the segment chart with nobody scored', () => {
  it('says why instead of drawing empty bars', () => {
    const refused = noSegmentsText({
      distribution: { scored: 0, unscored: 2232 },
      unscoredWithOrders: 2232,
      edgesAsOf: '2026-12-07T16:41:00Z',
    });
    expect(refused).toContain('none of the 2,232 customers with orders allows personalization');
    expect(refused).toContain('CONSENT_DEFAULT_GRANTED');
    expect(
      noSegmentsText({ distribution: { scored: 0, unscored: 5 }, unscoredWithOrders: 5, edgesAsOf: null }),
    ).toMatch(/wait for the first nightly run/);
    expect(
      noSegmentsText({ distribution: { scored: 0, unscored: 0 }, unscoredWithOrders: 0, edgesAsOf: null }),
    ).toBe('No customers yet, so no segments.');
  });

  it('draws the chart once anyone is scored', () => {
    expect(
      noSegmentsText({
        distribution: { scored: 1, unscored: 2231 },
        unscoredWithOrders: 2231,
        edgesAsOf: 'x',
      }),
    ).toBeUndefined();
  });
});
