import type { ImportFormat } from './import-types';
import { ImportFileError } from './import-types';

/** The first line with something on it, read off a stream without losing any of its bytes. */
export interface FileHead {
  /** That line's text (BOM and line ending removed). */
  firstLine: string;
  /** Its physical line number. */
  lineNumber: number;
  /** The whole stream again, from its first byte. */
  body: AsyncIterable<Buffer>;
}

const LF = 0x0a;

/** Reads until a line with something on it is complete (or the stream ends); what it read is replayed in `body`. */
export async function readHead(source: AsyncIterable<Buffer>): Promise<FileHead> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let text = '';
  let done = false;
  const complete = () => {
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    const at = lines.findIndex((l, i) => l.trim() !== '' && (i < lines.length - 1 || done));
    return at === -1 ? undefined : { firstLine: (lines[at] ?? '').replace(/\r$/, ''), lineNumber: at + 1 };
  };
  let found = complete();
  while (!found && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else {
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      seen.push(chunk);
      // Decoding the head only: a multi-byte character split across chunks is whole once both are in.
      if (chunk.includes(LF) || text === '') text = Buffer.concat(seen).toString('utf8');
    }
    if (done) text = Buffer.concat(seen).toString('utf8');
    found = complete();
  }
  async function* body(): AsyncGenerator<Buffer> {
    yield* seen;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  if (!found) throw new ImportFileError('The file is empty: it has no header and no lines.');
  return { ...found, body: body() };
}

/** NDJSON when the first thing in the file is "{", else CSV; a forced format is checked against the same sign. */
export function detectTextFormat(head: FileHead, format: ImportFormat | 'auto'): 'ndjson' | 'csv' {
  const json = head.firstLine.trimStart().startsWith('{');
  if (format === 'auto') return json ? 'ndjson' : 'csv';
  if (format === 'ndjson' && !json)
    throw new ImportFileError(
      'The file was to be read as NDJSON, but its first line does not start with "{".',
      head.lineNumber,
    );
  if (format !== 'ndjson' && json)
    throw new ImportFileError(
      `The file was to be read as ${format === 'shopify' ? 'a Shopify export' : 'CSV'}, but it starts with "{" like NDJSON.`,
      head.lineNumber,
    );
  return format === 'ndjson' ? 'ndjson' : 'csv';
}

/** `,`, `;` or tab: whichever the header line has most of outside quotes (a comma on a tie, or none at all). */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}
