import { Readable } from 'node:stream';
import type { ImportLine, ImportOptions, ParsedItem, RejectedLine } from '@/lib/imports/import-types';
import { readImportLines } from '@/lib/imports/read-import-lines';

/** A file's bytes as a stream, cut into `chunkBytes` pieces so chunk boundaries fall everywhere. */
export function streamOf(content: string | Buffer, chunkBytes = 64 * 1024): Readable {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) chunks.push(bytes.subarray(at, at + chunkBytes));
  return Readable.from(chunks, { objectMode: false });
}

export const STORE = {
  format: 'auto',
  storeCurrency: 'EUR',
  storeTimeZone: 'Europe/Berlin',
  now: new Date('2026-06-01T12:00:00Z'),
} satisfies ImportOptions;

export interface ReadResult {
  items: ParsedItem[];
  lines: ImportLine[];
  rejected: RejectedLine[];
  error?: Error;
}

/** Every item the reader yields, and the error it ends with, if any. */
export async function readAll(
  content: string | Buffer,
  options: Partial<ImportOptions> = {},
  chunkBytes?: number,
): Promise<ReadResult> {
  const items: ParsedItem[] = [];
  let error: Error | undefined;
  try {
    for await (const item of readImportLines(streamOf(content, chunkBytes), { ...STORE, ...options }))
      items.push(item);
  } catch (e) {
    error = e as Error;
  }
  return {
    items,
    lines: items.flatMap((i) => (i.kind === 'line' ? [i.line] : [])),
    rejected: items.flatMap((i) => (i.kind === 'rejected' ? [i.rejected] : [])),
    ...(error ? { error } : {}),
  };
}

export const csv = (...rows: string[]) => rows.join('\n') + '\n';
