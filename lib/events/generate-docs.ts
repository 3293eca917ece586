import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import {
  buildContractSnapshot,
  type ContractSnapshot,
  contractSnapshotSchema,
  SNAPSHOT_FILE,
} from './contract';
import { renderEventsDoc } from './render-doc';

/**
 * The generated files, formatted with the project's Prettier settings so `prettier --check .` and the staleness
 * check agree. Only the events-doc CLI and tests import this (it loads Prettier).
 */
export const DOC_FILE = 'docs/events.md';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function prettify(text: string, file: string): Promise<string> {
  const filepath = path.join(ROOT, file);
  const options = (await resolveConfig(filepath)) ?? {};
  return format(text, { ...options, filepath });
}

export interface GeneratedFiles {
  [DOC_FILE]: string;
  [SNAPSHOT_FILE]: string;
}

export async function generateEventsFiles(): Promise<GeneratedFiles> {
  return {
    [DOC_FILE]: await prettify(renderEventsDoc(), DOC_FILE),
    [SNAPSHOT_FILE]: await prettify(JSON.stringify(buildContractSnapshot()), SNAPSHOT_FILE),
  };
}

export function readRepoFile(file: string): string | undefined {
  const full = path.join(ROOT, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
}

/** The published snapshot; an empty one before the first `--write`. Throws when the file is not a snapshot. */
export function readPublishedSnapshot(): ContractSnapshot {
  const text = readRepoFile(SNAPSHOT_FILE);
  if (text === undefined) return { note: '', types: {} };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${SNAPSHOT_FILE} is not valid JSON; restore it from git.`);
  }
  const result = contractSnapshotSchema.safeParse(data);
  if (!result.success) throw new Error(`${SNAPSHOT_FILE} is not a contract snapshot; restore it from git.`);
  return result.data;
}
