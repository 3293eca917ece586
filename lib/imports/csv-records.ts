import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import { ImportFileError } from './import-types';

/** One CSV row as read, with the physical lines it spans. */
export interface CsvRecord {
  /** Where the row starts (1-based). */
  lineNumber: number;
  /** Where it ends: later than lineNumber when a quoted value holds line breaks. */
  lastLine: number;
  fields: string[];
  /** The row as written, with its line ending. */
  raw: string;
}

/** csv-parse's `raw` keeps each line break inside a row and the row's own (CRLF as its "\r" only). */
function lineBreaks(raw: string): number {
  let count = 0;
  for (let at = raw.indexOf('\n'); at !== -1; at = raw.indexOf('\n', at + 1)) count++;
  // A "\r" not followed by "\n" is a break too (the last one of a CRLF row, or an old Mac file).
  for (let at = raw.indexOf('\r'); at !== -1; at = raw.indexOf('\r', at + 1))
    if (raw[at + 1] !== '\n') count++;
  return count;
}
const endsWithBreak = (raw: string) => raw.endsWith('\n') || raw.endsWith('\r');

/**
 * Streams CSV rows through csv-parse (quotes, delimiters in quotes, line breaks in quotes, a BOM, CRLF), counting
 * physical lines itself from each row's raw text (csv-parse's own count is off for CRLF inside quotes).
 *
 * The parser is written to chunk by chunk and read through events rather than iterated: a stream that fails
 * discards the rows it had parsed but not yet handed over, and those rows (and the line number of the failure)
 * must not be lost. A row that cannot be read (a quote never closed, a row past `maxRecordBytes`) leaves no safe
 * place to resume, so it ends the file with an ImportFileError naming the line; rows before it have been yielded.
 */
export async function* readCsvRecords(
  source: AsyncIterable<Buffer>,
  options: { delimiter: string; maxRecordBytes: number },
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    raw: true,
    relax_column_count: true, // a row with the wrong number of values is rejected by the reader, with a reason
    relax_quotes: true, // 12" pizza: a quote inside an unquoted value is kept as written
    max_record_size: options.maxRecordBytes,
    encoding: 'utf8',
  });
  const ready: { record: string[]; raw: string }[] = [];
  let failure: unknown;
  parser.on('data', (row: { record: string[]; raw: string }) => ready.push(row));
  parser.on('error', (error: unknown) => (failure ??= error));
  let line = 1;

  function* handOver(): Generator<CsvRecord> {
    for (const { record, raw } of ready.splice(0)) {
      const breaks = lineBreaks(raw);
      const lastLine = line + breaks - (endsWithBreak(raw) ? 1 : 0);
      yield { lineNumber: line, lastLine, fields: record, raw };
      line += breaks;
    }
  }
  const failed = () => {
    if (failure instanceof CsvError)
      throw new ImportFileError(explain(failure, line, options.maxRecordBytes), line);
    throw failure;
  };

  try {
    for await (const chunk of source) {
      await new Promise<void>((resolve) => parser.write(chunk, () => resolve()));
      await nextTurn(); // rows and errors are emitted on the next tick after the write returns
      yield* handOver();
      if (failure !== undefined) failed();
    }
    await new Promise<void>((resolve) => {
      parser.once('end', resolve).once('error', () => resolve());
      parser.end();
    });
    await nextTurn();
    yield* handOver();
    if (failure !== undefined) failed();
  } finally {
    parser.destroy();
  }
}

function explain(error: CsvError, line: number, maxRecordBytes: number): string {
  const stop = 'Nothing from this line on was read; the lines before it were.';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `Line ${line}: a quoted value starts in this row and is never closed (a " is missing). ${stop}`;
    case 'CSV_MAX_RECORD_SIZE':
      return `Line ${line}: the row starting here runs past ${formatBytes(maxRecordBytes)}, usually because a quoted value's closing " is missing. ${stop}`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `Line ${line}: a quoted value is followed by other characters before the next delimiter (inside quotes, write a " as ""). ${stop}`;
    default:
      return `Line ${line}: the CSV cannot be read here (${error.message}). ${stop}`;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}
