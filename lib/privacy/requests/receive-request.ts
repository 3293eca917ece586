import { getCustomerItem } from '../../customers/get-customer';
import { unprocessable } from '../../errors/domain-error';
import type { AuditActor } from '../audit/audit-entry';
import { hasConsentLedger } from '../consent/has-consent-ledger';
import { isErased } from '../erasure/tombstones';
import type { PrivacyRequest } from './privacy-request';
import { createPrivacyRequest } from './request-store';

/**
 * Records an access or erasure request an officer received (status `received`, audited). Refused (unprocessable)
 * for a customer already erased or one nothing is held about — no profile and no consent record — so a typo in the
 * id does not start a request that can only end in an empty export.
 */
export async function receivePrivacyRequest(input: {
  customerId: string;
  kind: PrivacyRequest['kind'];
  regime: PrivacyRequest['regime'];
  note?: string;
  actor: AuditActor;
}): Promise<PrivacyRequest> {
  if (await isErased(input.customerId))
    throw unprocessable(`Customer ${input.customerId} was erased; nothing is held.`);
  const [customer, consent] = await Promise.all([
    getCustomerItem(input.customerId, { consistent: true }),
    hasConsentLedger(input.customerId),
  ]);
  if (!customer && !consent)
    throw unprocessable(`Nothing is held about ${input.customerId}: no profile and no consent record.`);
  return createPrivacyRequest(input);
}
