import { createHash } from 'node:crypto';
import { chainHash } from '../hash-chain';
import { defaultConsent } from './consent-defaults';
import {
  consentBody,
  consentGenesis,
  seqOf,
  type ConsentChanges,
  type ConsentEntry,
  type ConsentSource,
} from './consent-entry';

export interface EntryFields {
  at: string;
  changes: ConsentChanges;
  policyVersion: string;
  noticeHash: string;
  source: ConsentSource;
  actor: string;
  gpc: boolean;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The entry that follows `previous` in a customer's ledger (or starts it): the next position, the state after the
 * change (Global Privacy Control withdraws marketing; essential stays on), and the hash linking it to `previous`.
 */
export function buildEntry(
  customerId: string,
  previous: ConsentEntry | undefined,
  f: EntryFields,
): ConsentEntry {
  const changes: ConsentChanges = { ...f.changes, ...(f.gpc ? { marketing: false } : {}) };
  const prevHash = previous?.hash ?? consentGenesis(customerId);
  const entry: ConsentEntry = {
    customerId,
    seq: seqOf(previous ? Number(previous.seq) + 1 : 1),
    at: f.at,
    changes,
    state: { ...(previous?.state ?? defaultConsent()), ...changes, essential: true },
    policyVersion: f.policyVersion,
    noticeHash: f.noticeHash,
    source: f.source,
    actor: f.actor,
    gpc: f.gpc,
    prevHash,
    hash: '',
  };
  entry.hash = chainHash(prevHash, consentBody(entry));
  return entry;
}
