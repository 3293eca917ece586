import { describe, expect, it } from 'vitest';
import { customerItemSchema, toCustomerView } from '@/lib/customers/customer';

const anna = customerItemSchema.parse({
  customerId: 'cus_0042',
  firstName: 'Anna',
  lastName: 'Schmidt',
  email: 'anna.schmidt@example.com',
  city: 'Leipzig',
  postcode: '04109',
  createdAt: '2025-02-03T10:00:00.000Z',
  orderCount: 17,
  totalSpentMinor: 84250,
  lastOrderAt: '2026-11-20T18:30:00.000Z',
  segment: 'loyal',
});

const EUR_UTC = { currency: 'EUR', timeZone: 'UTC' };

describe('toCustomerView', () => {
  it('masks the name and leaves out contact and address for a reader without PII rights', () => {
    const view = toCustomerView(anna, false, EUR_UTC);
    expect(view.displayName).toBe('A. S.');
    expect(view.masked).toBe(true);
    for (const field of ['email', 'city', 'postcode']) expect(view).not.toHaveProperty(field);
    const shown = JSON.stringify(view);
    for (const secret of ['Anna', 'Schmidt', 'anna.schmidt', 'Leipzig', '04109']) {
      expect(shown).not.toContain(secret);
    }
  });

  it('shows name, e-mail, city and postcode to a reader with PII rights', () => {
    const view = toCustomerView(anna, true, EUR_UTC);
    expect(view).toMatchObject({
      displayName: 'Anna Schmidt',
      email: 'anna.schmidt@example.com',
      city: 'Leipzig',
      postcode: '04109',
      masked: false,
    });
  });

  it('shows the same order figures either way', () => {
    for (const withPii of [false, true]) {
      expect(toCustomerView(anna, withPii, { currency: 'JPY', timeZone: 'Asia/Tokyo' })).toMatchObject({
        customerId: 'cus_0042',
        orderCount: 17,
        totalSpentMinor: 84250,
        currency: 'JPY',
        timeZone: 'Asia/Tokyo',
        lastOrderAt: '2026-11-20T18:30:00.000Z',
        segment: 'loyal',
      });
    }
  });
});
