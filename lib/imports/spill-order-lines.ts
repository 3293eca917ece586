import fs from 'node:fs';
import { Readable } from 'node:stream';
import { getConfig } from '../config';
import type { ImportProgress } from './import-reporter';
import type { ImportTally } from './import-tally';
import type { ImportFormat, ImportHeader, RejectedLine } from './import-types';
import { keyedEmailCustomerId } from './keyed-email-id';
import { readImportLines } from './read-import-lines';
import { readProducts } from './read-products';
import type { SpillBuckets } from './spill-buckets';

export interface SpillInput {
  ordersFile: string;
  productsFile?: string;
  format: ImportFormat | 'auto';
  map?: Map<string, string>;
}

/**
 * The reading pass: the products file (when given) read whole into a catalogue by SKU, then the order file streamed
 * through the parser; each valid line goes to the bucket of its order id, each rejected line to the rejects file
 * (through the tally). Bytes are counted as the parser pulls them, so progress follows the parsing and the file is
 * read no faster than it is parsed.
 */
export async function spillOrderLines(
  input: SpillInput,
  buckets: SpillBuckets,
  tally: ImportTally,
  progress: ImportProgress,
  events: { onHeader: (header: ImportHeader) => Promise<void>; onLine: () => void },
): Promise<{ productRejects: RejectedLine[] }> {
  const config = getConfig();
  const products = input.productsFile
    ? await readProducts(fs.createReadStream(input.productsFile))
    : undefined;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of fs.createReadStream(input.ordersFile, { highWaterMark: 256 * 1024 })) {
      progress.bytesRead += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  for await (const item of readImportLines(Readable.from(counted(), { objectMode: false }), {
    format: input.format,
    map: input.map,
    storeCurrency: config.STORE_CURRENCY,
    storeTimeZone: config.STORE_TIMEZONE,
    products: products?.products,
    customerIdForEmail: keyedEmailCustomerId,
  })) {
    if (item.kind === 'header') {
      await events.onHeader(item.header);
      continue;
    }
    progress.linesRead++;
    tally.lines++;
    if (item.kind === 'line') buckets.add(item.line.orderId, item.line);
    else tally.reject(item.rejected);
    progress.linesRejected = tally.linesRejected;
    events.onLine();
  }
  return { productRejects: products?.rejected ?? [] };
}
