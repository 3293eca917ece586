import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConfig } from '@/lib/config';
import { customerIdForEmailWith } from '@/lib/imports/email-customer-id';
import { keyedEmailCustomerId } from '@/lib/imports/keyed-email-id';

const KEY = 'import-email-test-key-0123456789abcdef';

describe('the customer id of a customer known by e-mail', () => {
  beforeEach(() => {
    process.env.PSEUDONYM_KEY = KEY;
    resetConfig();
  });
  afterEach(() => {
    delete process.env.PSEUDONYM_KEY;
    resetConfig();
  });

  it('is what the reader documents (customerIdForEmailWith the pseudonym key), computed inside lib/privacy', () => {
    for (const email of ['jane@example.com', '  Jane@Example.COM ', 'x+tag@shop.example'])
      expect(keyedEmailCustomerId(email)).toBe(customerIdForEmailWith(KEY)(email));
    expect(keyedEmailCustomerId('jane@example.com')).toMatch(/^em_[0-9a-f]{32}$/);
    expect(keyedEmailCustomerId('jane@example.com')).not.toBe(keyedEmailCustomerId('john@example.com'));
  });
});
