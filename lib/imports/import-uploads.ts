import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { getConfig } from '../config';
import { notFound } from '../errors/domain-error';
import { looksLikeShopify, mappableColumns, suggestColumns } from './columns';
import { sniffDelimiter } from './file-head';
import { receiveFile } from './receive-file';

/**
 * Files sent to the API before an import (POST /api/v1/imports/uploads): each in DATA_DIR/imports/<uploadId>/,
 * the bytes as `upload` and what we know of them as `upload.json`. The Imports page uploads a file once and then
 * previews, dry-runs and imports it by id; the API takes a products file this way. Kept UPLOAD_KEEP_HOURS.
 */
export const UPLOAD_ID_PATTERN = /^upl_[A-Za-z0-9_]{6,64}$/;
export const UPLOAD_KEEP_HOURS = 24;
/** A dry run's report (job.json, rejects.csv) is kept this long; an import's stays with its history row. */
const DRY_RUN_KEEP_DAYS = 7;

const uploadSchema = z.object({
  uploadId: z.string().regex(UPLOAD_ID_PATTERN),
  name: z.string(),
  sizeBytes: z.number().int().positive(),
  receivedAt: z.string(),
  expiresAt: z.string(),
});
export type ImportUpload = z.infer<typeof uploadSchema>;

/** What the first line of an uploaded file says, for the page's column selects (before any format is chosen). */
export interface FileColumns {
  /** `ndjson` when the file starts with "{", else `csv`. */
  kind: 'csv' | 'ndjson';
  /** The CSV header's cells as written, in file order ([] for NDJSON or when no line is found in the first MiB). */
  columns: string[];
  delimiter?: string;
  /** The format `auto` would take: its headers tell a Shopify export. */
  looksLike: 'canonical' | 'shopify' | 'ndjson';
}

/**
 * Per CSV format: what a file column may be mapped to, the columns it must have (one of each entry), and what the
 * file's own headers would be read as by their names (file column → import column).
 */
export type MappingTargets = Record<
  'canonical' | 'shopify',
  { targets: string[]; required: string[][]; suggested: [string, string][] }
>;

const mappingTargets = (headers: readonly string[]): MappingTargets => {
  const of = (format: 'canonical' | 'shopify') => {
    const { columns, required } = mappableColumns(format);
    return { targets: columns, required, suggested: suggestColumns(headers, format) };
  };
  return { canonical: of('canonical'), shopify: of('shopify') };
};

export const importsDir = () => path.join(getConfig().dataDir, 'imports');
export const importDir = (id: string) => path.join(importsDir(), id);
const uploadFile = (id: string) => path.join(importDir(id), 'upload');
const metaFile = (id: string) => path.join(importDir(id), 'upload.json');

const compactNow = (now: Date) => now.toISOString().replace(/[-:]/g, '').slice(0, 15);
export const newUploadId = (now = new Date()) => `upl_${compactNow(now)}_${randomBytes(4).toString('hex')}`;
/** The same shape as run-import's own ids (the history's pattern, imp_…). */
export const newImportId = (now = new Date()) => `imp_${compactNow(now)}_${randomBytes(3).toString('hex')}`;

/** A file name as the history shows it: its base name, printable, at most 200 characters. */
export function displayName(name: string | undefined, fallback: string): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/'));
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || fallback).slice(0, 200);
}

/** The first non-empty line of a file, read from its first MiB only (a file without line breaks is not read whole). */
function firstLine(file: string): string | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, read)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const lines = text.split('\n');
    // The last piece may be cut off, unless the whole file was read.
    const complete = read < buffer.length ? lines : lines.slice(0, -1);
    return complete.map((l) => l.replace(/\r$/, '')).find((l) => l.trim() !== '');
  } finally {
    fs.closeSync(fd);
  }
}

export function readFileColumns(file: string): FileColumns {
  const line = firstLine(file);
  if (line === undefined) return { kind: 'csv', columns: [], looksLike: 'canonical' };
  if (line.trimStart().startsWith('{')) return { kind: 'ndjson', columns: [], looksLike: 'ndjson' };
  const delimiter = sniffDelimiter(line);
  try {
    const rows = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    const columns = (rows[0] ?? []).map((c) => c.trim()).filter((c) => c !== '');
    return {
      kind: 'csv',
      columns,
      delimiter,
      looksLike: looksLikeShopify(columns) ? 'shopify' : 'canonical',
    };
  } catch {
    return { kind: 'csv', columns: [], delimiter, looksLike: 'canonical' };
  }
}

/** Receives a file (streamed to disk, IMPORT_MAX_BYTES at most) and says what its first line holds. */
export async function saveUpload(
  body: ReadableStream<Uint8Array> | null,
  options: { name?: string; declaredBytes?: number; what?: string },
): Promise<{ upload: ImportUpload; file: FileColumns; mapping: MappingTargets }> {
  sweepImportFiles();
  const now = new Date();
  const uploadId = newUploadId(now);
  const sizeBytes = await receiveFile(body, uploadFile(uploadId), {
    maxBytes: getConfig().IMPORT_MAX_BYTES,
    declaredBytes: options.declaredBytes,
    what: options.what ?? 'file',
  });
  const upload: ImportUpload = {
    uploadId,
    name: displayName(options.name, 'upload'),
    sizeBytes,
    receivedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + UPLOAD_KEEP_HOURS * 3_600_000).toISOString(),
  };
  fs.writeFileSync(metaFile(uploadId), JSON.stringify(upload));
  const file = readFileColumns(uploadFile(uploadId));
  return { upload, file, mapping: mappingTargets(file.columns) };
}

/** An upload and the path of its bytes; not_found when it never was or has been swept. */
export function getUpload(uploadId: string, role = 'file'): ImportUpload & { file: string } {
  const missing = () =>
    notFound(
      `No uploaded ${role} ${uploadId}: upload it first (POST /api/v1/imports/uploads); uploads are kept ${UPLOAD_KEEP_HOURS} hours.`,
    );
  if (!UPLOAD_ID_PATTERN.test(uploadId)) throw missing();
  let meta: unknown;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile(uploadId), 'utf8'));
  } catch {
    throw missing();
  }
  const upload = uploadSchema.parse(meta);
  if (!fs.existsSync(uploadFile(uploadId))) throw missing();
  return { ...upload, file: uploadFile(uploadId) };
}

/**
 * Removes uploads older than UPLOAD_KEEP_HOURS and dry-run reports older than DRY_RUN_KEEP_DAYS; an import's
 * directory (its rejects file, named by the history) stays. Called whenever a file arrives.
 */
export function sweepImportFiles(now = Date.now()): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(importsDir(), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(importsDir(), entry.name);
    const age = now - fs.statSync(dir).mtimeMs;
    const isUpload = UPLOAD_ID_PATTERN.test(entry.name) && age > UPLOAD_KEEP_HOURS * 3_600_000;
    const isOldDryRun =
      entry.name.startsWith('imp_') &&
      age > DRY_RUN_KEEP_DAYS * 86_400_000 &&
      readDryRunFlag(path.join(dir, 'job.json'));
    if (isUpload || isOldDryRun) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readDryRunFlag(jobFile: string): boolean {
  try {
    const job = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as { dryRun?: unknown; status?: unknown };
    return job.dryRun === true && job.status !== 'running';
  } catch {
    return false;
  }
}
