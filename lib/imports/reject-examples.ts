import fs from 'node:fs';
import { parse } from 'csv-parse';
import { reasonKind } from './import-tally';

/** A kind of rejection with the whole reason of its first line (which may name personal data: never stored). */
export interface RejectExample {
  kind: string;
  lineNumber: number;
  column?: string;
  reason: string;
}

/**
 * The whole reason of each kind's first rejected line (`firstRejectedLine`: kind → line number, from the summary),
 * read back from the import's rejects file (CSV: line, column, reason, raw). The file may hold millions of rows, so
 * reading stops as soon as every kind has its line. Kinds whose line is not in the file are left out. In the
 * summary's order of kinds.
 */
/**
 * Read once per file and version: the page polls an import's status every few seconds, and a kind whose first line
 * was written late (the orders pass rejects after the reading pass) would otherwise mean a whole file's read per poll.
 */
const cache = new Map<string, { key: string; examples: Promise<RejectExample[]> }>();
const CACHED_FILES = 20;

export async function readRejectExamples(
  file: string,
  firstRejectedLine: Record<string, number>,
): Promise<RejectExample[]> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const key = `${stat.size}:${stat.mtimeMs}:${JSON.stringify(firstRejectedLine)}`;
  const hit = cache.get(file);
  if (hit?.key === key) return hit.examples;
  const examples = scanRejects(file, firstRejectedLine);
  cache.delete(file);
  cache.set(file, { key, examples });
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!);
  examples.catch(() => cache.delete(file));
  return examples;
}

async function scanRejects(
  file: string,
  firstRejectedLine: Record<string, number>,
): Promise<RejectExample[]> {
  const wanted = new Map<number, string[]>();
  for (const [kind, line] of Object.entries(firstRejectedLine))
    wanted.set(line, [...(wanted.get(line) ?? []), kind]);
  const found = new Map<string, RejectExample>();
  const kinds = Object.keys(firstRejectedLine).length;
  if (!kinds || !fs.existsSync(file)) return [];
  const stream = fs.createReadStream(file);
  const rows = stream.pipe(parse({ relax_column_count: true, from_line: 2, skip_empty_lines: true }));
  try {
    for await (const [line, column, reason] of rows as AsyncIterable<string[]>) {
      const open = (wanted.get(Number(line)) ?? []).filter((kind) => !found.has(kind));
      if (!open.length) continue;
      // One line, one rejection; should two kinds name the same line, the reason's own kind decides.
      const kind = open.find((k) => k === reasonKind(reason ?? '')) ?? open[0]!;
      found.set(kind, {
        kind,
        lineNumber: Number(line),
        ...(column ? { column } : {}),
        reason: reason ?? '',
      });
      if (found.size === kinds) break;
    }
  } finally {
    stream.destroy();
  }
  return Object.keys(firstRejectedLine).flatMap((kind) => {
    const example = found.get(kind);
    return example ? [example] : [];
  });
}
