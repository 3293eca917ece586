import fs from 'node:fs';
import type { CustomerProfile } from '../customers/customer';
import { getCustomerItems } from '../customers/get-customer-items';
import { putCustomersIfNew } from '../customers/put-customers-if-new';
import { refreshCustomerSummaries } from '../customers/refresh-customer-summary';
import type { ConsentChanges } from '../privacy/consent/consent-entry';
import { importConsent, type ImportedConsent } from '../privacy/consent/import-consent';
import { knownErasedAmong } from '../privacy/erasure/tombstones';
import type { CustomerFact } from './build-order';
import type { ImportTally } from './import-tally';
import { SpillBuckets } from './spill-buckets';

export interface CustomerBucketContext {
  tally: ImportTally;
  dryRun: boolean;
  /** Who the consent ledger names as having recorded the entries. */
  actor: string;
}

interface ImportedCustomer {
  profile: CustomerProfile;
  consent: ImportedConsent;
}

const PROFILE_FIELDS = ['email', 'firstName', 'lastName', 'city', 'postcode'] as const;

/**
 * A customer from the facts of their orders in the file: each profile field from the latest order that gives it,
 * created at their first order; consent from the orders that state it, later ones winning purpose by purpose,
 * dated at the latest of them.
 */
export function importedCustomer(facts: readonly CustomerFact[]): ImportedCustomer {
  const sorted = [...facts].sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : 0));
  const first = sorted[0]!;
  const profile: CustomerProfile = {
    customerId: first.customerId,
    firstName: '',
    lastName: '',
    email: '',
    city: '',
    postcode: '',
    createdAt: first.placedAt,
  };
  let changes: ConsentChanges | undefined;
  let consentAt: string | undefined;
  for (const fact of sorted) {
    for (const field of PROFILE_FIELDS) if (fact[field]) profile[field] = fact[field];
    if (fact.consent) {
      changes = { ...changes, ...fact.consent };
      consentAt = fact.placedAt;
    }
  }
  return {
    profile,
    consent: {
      customerId: first.customerId,
      since: first.placedAt,
      ...(changes && consentAt ? { choice: { at: consentAt, changes } } : {}),
    },
  };
}

/**
 * One bucket of customer facts (every order of the customers whose ids hash to it, the file's orders all stored by
 * now): profiles created for customers who have none, consent recorded (defaults or the file's choices, never a
 * second default), and each customer's order summary and digest recomputed from the orders table.
 */
export async function storeCustomerBucket(
  facts: readonly CustomerFact[],
  context: CustomerBucketContext,
): Promise<void> {
  const byCustomer = new Map<string, CustomerFact[]>();
  for (const fact of facts) {
    const list = byCustomer.get(fact.customerId);
    if (list) list.push(fact);
    else byCustomer.set(fact.customerId, [fact]);
  }
  // Erased since their orders were checked (the orders pass): their orders were refused there, so there are none
  // here unless the erasure came meanwhile; no profile or ledger is made for them either way.
  const erased = await knownErasedAmong([...byCustomer.keys()]);
  for (const id of erased) byCustomer.delete(id);
  const customers = [...byCustomer.values()].map(importedCustomer);
  const { tally } = context;
  tally.customers += customers.length;
  if (context.dryRun) {
    const existing = await getCustomerItems(customers.map((c) => c.profile.customerId));
    tally.customersNew += customers.length - existing.length;
    return;
  }
  const created = await putCustomersIfNew(
    customers.map((c) => c.profile),
    'import',
  );
  tally.customersNew += created.length;
  const consent = await importConsent(
    customers.map((c) => c.consent),
    context.actor,
  );
  tally.consentEntries += consent.defaults + consent.choices + consent.appended;
  await refreshCustomerSummaries(
    facts
      .filter((f) => !erased.has(f.customerId))
      .map((f) => ({
        customerId: f.customerId,
        orderId: f.orderId,
        placedAt: f.placedAt,
        totalMinor: f.totalMinor,
      })),
  );
}

/** The customers pass over every bucket (every order of the file is stored by now); each file deleted once done. */
export async function storeCustomerBuckets(
  buckets: SpillBuckets,
  context: CustomerBucketContext,
  onBucket: (done: number) => void,
): Promise<void> {
  for (let b = 0; b < buckets.count; b++) {
    const file = buckets.file(b);
    await storeCustomerBucket(SpillBuckets.read<CustomerFact>(file), context);
    fs.rmSync(file, { force: true });
    onBucket(b + 1);
  }
}
