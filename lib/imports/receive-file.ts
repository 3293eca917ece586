import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { DomainError, invalid } from '../errors/domain-error';
import { formatBytes } from './csv-records';

/** "2 GiB", "350 MiB": sizes as people read them. */
export const sizeLabel = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1).replace(/\.0$/, '')} GiB` : formatBytes(bytes);

export interface ReceiveOptions {
  /** The most bytes taken; more is refused (`too_large`) before reading when the size is declared, else on the way. */
  maxBytes: number;
  /** The size the sender declared (Content-Length), when it did. */
  declaredBytes?: number;
  /** What the file is, for messages ("orders file", "products file"). */
  what: string;
}

class TooLarge extends Error {}

/**
 * Writes a request body to `file` as it arrives (never more than a chunk in memory), counting its bytes: the way a
 * file of gigabytes reaches the import. Refuses a missing or empty body (`invalid`) and one over `maxBytes`
 * (`too_large`); a failed or cut-off transfer leaves no partial file behind. Returns the bytes written.
 */
export async function receiveFile(
  body: ReadableStream<Uint8Array> | null,
  file: string,
  options: ReceiveOptions,
): Promise<number> {
  const limit = sizeLabel(options.maxBytes);
  const tooLarge = (size: string) =>
    new DomainError(
      'too_large',
      `The ${options.what} is ${size}; the most an import takes is ${limit} (IMPORT_MAX_BYTES). Split the file, or import it with npm run import on the server.`,
    );
  if (!body)
    throw invalid(
      `No file was sent: send the ${options.what} itself as the request body (e.g. curl --data-binary @orders.csv).`,
    );
  if (options.declaredBytes !== undefined && options.declaredBytes > options.maxBytes) {
    await body.cancel().catch(() => undefined);
    throw tooLarge(sizeLabel(options.declaredBytes));
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let received = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > options.maxBytes) done(new TooLarge());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
      count,
      fs.createWriteStream(file, { flags: 'wx' }),
    );
  } catch (error) {
    fs.rmSync(file, { force: true });
    if (error instanceof TooLarge) throw tooLarge(`more than ${limit}`);
    throw invalid(
      `The ${options.what} did not arrive whole (the transfer stopped after ${sizeLabel(received)}); send it again.`,
    );
  }
  if (received === 0) {
    fs.rmSync(file, { force: true });
    throw invalid(`The ${options.what} is empty: it has no header and no lines.`);
  }
  return received;
}
