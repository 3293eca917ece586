import fs from 'node:fs';
import path from 'node:path';

/** All buffers together stay under this, however many buckets (each flushes at 64 KiB, or less when many). */
const BUFFERS_BYTES = 8 * 1024 * 1024;
const MAX_FLUSH_BYTES = 64 * 1024;

/** FNV-1a, 32 bits: a fast, stable spread of ids over buckets (not a security boundary). */
export function bucketOf(key: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}

/**
 * K temporary files of JSON lines, a record going to the file its key hashes to, so everything with one key (an
 * order's lines, a customer's orders) ends up in one file that fits in memory, wherever it was in the input. Each
 * file has a small write buffer: 8 MiB for all of them together whatever the input's size.
 */
export class SpillBuckets {
  private readonly fds: number[];
  private readonly buffers: string[];
  private readonly flushBytes: number;

  constructor(
    readonly dir: string,
    readonly count: number,
    private readonly prefix: string,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.flushBytes = Math.max(4096, Math.min(MAX_FLUSH_BYTES, Math.floor(BUFFERS_BYTES / count)));
    this.fds = Array.from({ length: count }, (_, i) => fs.openSync(this.file(i), 'w'));
    this.buffers = Array.from({ length: count }, () => '');
  }

  file(index: number): string {
    return path.join(this.dir, `${this.prefix}-${String(index).padStart(4, '0')}.ndjson`);
  }

  add(key: string, record: unknown): void {
    const index = bucketOf(key, this.count);
    const buffer = (this.buffers[index] += `${JSON.stringify(record)}\n`);
    if (buffer.length >= this.flushBytes) {
      fs.writeSync(this.fds[index]!, buffer);
      this.buffers[index] = '';
    }
  }

  close(): void {
    this.fds.forEach((fd, i) => {
      if (this.buffers[i]) fs.writeSync(fd, this.buffers[i]!);
      fs.closeSync(fd);
    });
    this.buffers.fill('');
  }

  /** One bucket's records (the file is read whole: a bucket is sized to fit). */
  static read<T>(file: string): T[] {
    const text = fs.readFileSync(file, 'utf8');
    const records: T[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start))
      if (end > start) records.push(JSON.parse(text.slice(start, end)) as T);
    return records;
  }
}
