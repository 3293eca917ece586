import { ConditionFailedError, putItem, updateItem } from '../../db/items';
import { conflict, invalid } from '../../errors/domain-error';
import { eventIdFor, newEvent } from '../../events';
import { publishEvent } from '../../kinesis/producer';
import { appendAudit } from '../audit/append-audit';
import type { AuditActor } from '../audit/audit-entry';
import { isErased } from '../erasure/tombstones';
import { buildEntry, sha256Hex } from './build-entry';
import type { ConsentChanges, ConsentEntry, ConsentSource } from './consent-entry';
import { noteConsentChange } from './consent-changes';
import { forgetConsent } from './get-consent';
import { latestEntry } from './read-ledger';

export interface ConsentChange {
  customerId: string;
  changes: ConsentChanges;
  policyVersion: string;
  /** The notice text the customer was shown (hashed here), or its SHA-256 already computed. */
  noticeText?: string;
  noticeHash?: string;
  source: ConsentSource;
  actor: AuditActor;
  /** Global Privacy Control: the browser asked not to be marketed to; `marketing` is withdrawn whatever was sent. */
  gpc: boolean;
  at?: Date;
}

const MAX_TRIES = 10;

/** The consent_updated event of an entry; its id follows the entry's position, so a republish is a duplicate. */
function consentEvent(entry: ConsentEntry) {
  return newEvent('consent_updated', {
    eventId: eventIdFor('consent_updated', `${entry.customerId}\n${entry.seq}`),
    customerId: entry.customerId,
    occurredAt: entry.at,
    source: entry.source === 'storefront' ? 'storefront' : 'privacy',
    properties: {
      purposes: Object.fromEntries(
        Object.entries(entry.changes).filter(([purpose, value]) => purpose !== 'essential' || value === true),
      ),
      policyVersion: entry.policyVersion,
      gpc: entry.gpc,
    },
  });
}

/** Who recorded an entry, as the audit log names them (the ledger keeps it as "kind:id"). */
function actorOf(entry: ConsentEntry): AuditActor {
  const [kind, ...rest] = entry.actor.split(':');
  return {
    kind: kind === 'user' || kind === 'api_key' ? kind : 'system',
    id: rest.join(':') || entry.actor,
  };
}

/**
 * The steps after an entry is stored: publish its event, audit it, clear its pending mark. A failure leaves the
 * mark, and the worker's sweeper does them again (consumers dedupe the event; the audit entry may then appear twice,
 * never not at all).
 */
export async function finishConsentEntry(entry: ConsentEntry): Promise<void> {
  await publishEvent(consentEvent(entry));
  await appendAudit({
    action: 'consent.changed',
    actor: actorOf(entry),
    subjectId: entry.customerId,
    details: {
      seq: entry.seq,
      hash: entry.hash,
      changes: entry.changes,
      source: entry.source,
      policyVersion: entry.policyVersion,
      gpc: entry.gpc,
    },
  });
  try {
    // Conditional: an erasure may have deleted the ledger meanwhile, and an update must not recreate the entry.
    await updateItem('consent', { customerId: entry.customerId, seq: entry.seq }, 'REMOVE pendingPublish', {
      condition: 'attribute_exists(seq)',
    });
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
  }
}

/**
 * Appends a consent change to the customer's ledger: linked by hash to their previous entry, at the next position,
 * written only if no one took that position meanwhile, and marked pending until its `consent_updated` event is out
 * and audited (the worker's sweeper finishes what a crash left pending); this process forgets its cached consent for
 * the customer at once.
 */
export async function appendConsent(change: ConsentChange): Promise<ConsentEntry> {
  if (change.changes.essential === false)
    // The API's schema refuses this already (400); this guards every other caller.
    throw invalid('essential cannot be withdrawn: it covers order processing and security.');
  if (await isErased(change.customerId))
    throw conflict(
      `Customer ${change.customerId} was erased at their request; a returning shopper needs a new customer id.`,
    );
  const noticeHash = change.noticeHash ?? sha256Hex(change.noticeText ?? '');
  // Before the entry: other processes drop their cached consent for this customer from this mark on.
  await noteConsentChange(change.customerId);
  let entry: ConsentEntry | undefined;
  for (let attempt = 1; !entry; attempt++) {
    const draft = buildEntry(change.customerId, await latestEntry(change.customerId), {
      at: (change.at ?? new Date()).toISOString(),
      changes: change.changes,
      policyVersion: change.policyVersion,
      noticeHash,
      source: change.source,
      actor: `${change.actor.kind}:${change.actor.id}`,
      gpc: change.gpc,
    });
    try {
      await putItem(
        'consent',
        { ...draft, pendingPublish: 'consent' },
        { condition: 'attribute_not_exists(seq)' },
      );
      entry = draft;
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || attempt >= MAX_TRIES) throw error;
    }
  }
  forgetConsent(change.customerId);
  try {
    await finishConsentEntry(entry);
  } catch (error) {
    // The change is stored and applies now; its event and audit entry follow through the sweeper.
    console.error(
      `[consent] ${entry.customerId}#${entry.seq}: left for the sweeper: ${(error as Error).message}`,
    );
  }
  return entry;
}
