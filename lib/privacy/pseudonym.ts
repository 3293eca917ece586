import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getConfig } from '../config';

/**
 * One pseudonym per customer, HMAC-SHA256 of the customer id under PSEUDONYM_KEY: stable (the same customer always
 * maps to the same pseudonym, so analyses can be joined back here), and not reversible without the key. It is what
 * everything that leaves the system for analysis carries instead of the id; names, emails and addresses never leave.
 */
function pseudonymWith(key: string, customerId: string): string {
  return `psn_${createHmac('sha256', key).update(customerId).digest('hex').slice(0, 32)}`;
}

let key: string | undefined;

/** PSEUDONYM_KEY, or in embedded mode the key kept in DATA_DIR/pseudonym-key (created by the first process). */
function pseudonymKey(): string {
  if (key) return key;
  const config = getConfig();
  if (config.PSEUDONYM_KEY) return (key = config.PSEUDONYM_KEY);
  const file = path.join(config.dataDir, 'pseudonym-key');
  if (!fs.existsSync(file)) {
    // Written aside, then linked into place: a reader never sees a half-written key, and only one key wins.
    fs.mkdirSync(config.dataDir, { recursive: true });
    const draft = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  key = fs.readFileSync(file, 'utf8').trim();
  return key;
}

export function pseudonymFor(customerId: string): string {
  return pseudonymWith(pseudonymKey(), customerId);
}

/** How a masked customer is shown on live views: a short piece of their pseudonym, to tell rows apart. */
export const maskedLabel = (customerId: string) => `masked ${pseudonymFor(customerId).slice(4, 12)}`;

/**
 * Keyed one-way references for other uses than analysis (audit subjects, erasure tombstones, the customer id of an
 * imported customer known only by e-mail, lib/imports/email-customer-id.ts): each purpose gets its own, so none of them equals the pseudonym, and none can be turned back into the id without the key.
 */
export function keyedRef(
  purpose: 'audit-subject' | 'tombstone' | 'consent-change' | 'import-email',
  id: string,
): string {
  return createHmac('sha256', pseudonymKey()).update(`${purpose}\n${id}`).digest('hex').slice(0, 32);
}
