import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { notFound } from '../errors/domain-error';
import type { RejectedLine } from './import-types';

/**
 * The rejects file of an import (CSV: line, column, reason, raw; rejects-file.ts), read back a page at a time for the
 * report, or streamed out as a download whose cells a spreadsheet will not run as formulas.
 */

/** A cell a spreadsheet would evaluate (= + - @, or a leading tab or CR) gets a leading ' so it stays text. */
export function formulaSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** A CSV field: formula-safe, then quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(cell: string): string {
  const safe = formulaSafe(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function records(file: string): AsyncIterable<string[]> {
  return fs
    .createReadStream(file)
    .pipe(parse({ relax_column_count: true, from_line: 2, skip_empty_lines: true }));
}

/** Rejected lines `offset` to `offset + limit` (in the order they were found: file order while reading). */
export async function readRejectsPage(file: string, offset: number, limit: number): Promise<RejectedLine[]> {
  const page: RejectedLine[] = [];
  if (!fs.existsSync(file) || limit <= 0) return page;
  let index = 0;
  for await (const [line, column, reason, raw] of records(file)) {
    if (index++ < offset) continue;
    page.push({
      lineNumber: Number(line),
      ...(column ? { column } : {}),
      reason: reason ?? '',
      ...(raw ? { raw } : {}),
    });
    if (page.length >= limit) break;
  }
  return page;
}

/** The rejects file as a formula-safe CSV stream. */
export function formulaSafeRejects(file: string): Readable {
  if (!fs.existsSync(file)) throw notFound('This import has no rejects file (no line was rejected).');
  async function* rows(): AsyncGenerator<Buffer> {
    yield Buffer.from('line,column,reason,raw\r\n');
    for await (const record of records(file)) yield Buffer.from(`${record.map(csvField).join(',')}\r\n`);
  }
  return Readable.from(rows());
}
