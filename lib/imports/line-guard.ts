import { Transform, type TransformCallback } from 'node:stream';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Bounds every physical line (bytes up to a "\n") before any parser sees it. A longer line is replaced by an empty
 * one, keeping its line ending, so the line numbers after it stay true and the reader can go on; `oversized`
 * records its number and length for the reader to reject. Memory stays at one line's limit whatever the file holds.
 *
 * It does not know about CSV quoting on purpose: a line is dropped whole, so the quotes on it go with it and the
 * quote balance of the rest is kept whenever the line had an even number of them. A CSV row spanning a dropped line
 * is rejected by the reader (it sees the line number); an odd number of quotes on a dropped line leaves the CSV
 * parser unable to resync, which it reports as the file's error.
 */
export class LineGuard extends Transform {
  /** Dropped lines: line number → their length in bytes (without the line ending). */
  readonly oversized = new Map<number, number>();
  private line = 1;
  /** The current line's bytes so far, when it started in an earlier chunk. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping = false;
  private droppedBytes = 0;
  private lastDroppedByte = -1;

  constructor(private readonly maxLineBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const out: Buffer[] = [];
    // Complete lines that fit are passed on as one slice of the chunk: [runStart, position).
    let runStart = 0;
    let position = 0;
    while (position < chunk.length) {
      const newline = chunk.indexOf(LF, position);
      const end = newline === -1 ? chunk.length : newline;
      const length = end - position;
      if (!this.dropping && this.pendingBytes + length > this.maxLineBytes) {
        if (position > runStart) out.push(chunk.subarray(runStart, position));
        this.dropping = true;
        this.droppedBytes = this.pendingBytes;
        this.pending = [];
        this.pendingBytes = 0;
      }
      if (this.dropping) {
        this.droppedBytes += length;
        if (length > 0) this.lastDroppedByte = chunk[end - 1] ?? -1;
        if (newline === -1) {
          runStart = chunk.length;
          break;
        }
        // A CRLF line stays CRLF: the CSV parser keeps to the line ending it saw first.
        out.push(Buffer.from(this.lastDroppedByte === CR ? '\r\n' : '\n'));
        this.oversized.set(this.line, this.droppedBytes - (this.lastDroppedByte === CR ? 1 : 0));
        this.dropping = false;
        this.droppedBytes = 0;
        this.lastDroppedByte = -1;
        this.line++;
        position = runStart = newline + 1;
        continue;
      }
      if (newline === -1) {
        // The line goes on in the next chunk: hold it until it is known to fit.
        if (position > runStart) out.push(chunk.subarray(runStart, position));
        this.pending.push(chunk.subarray(position));
        this.pendingBytes += length;
        runStart = chunk.length;
        break;
      }
      if (this.pending.length) {
        out.push(...this.pending);
        this.pending = [];
        this.pendingBytes = 0;
      }
      this.line++;
      position = newline + 1;
    }
    if (runStart < chunk.length && !this.dropping) out.push(chunk.subarray(runStart, position));
    if (out.length) this.push(out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.dropping) this.oversized.set(this.line, this.droppedBytes);
    else if (this.pending.length) this.push(Buffer.concat(this.pending));
    done();
  }
}
