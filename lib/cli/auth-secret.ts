import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Embedded mode: one random session secret per data directory, so sign-ins survive restarts. */
export function embeddedAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
