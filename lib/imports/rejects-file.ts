import fs from 'node:fs';
import path from 'node:path';
import type { RejectedLine } from './import-types';

const BUFFER_BYTES = 64 * 1024;

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
const field = (value: string | number | undefined) => {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The rejects file: one CSV row per refused line (line, column, reason, raw), written as they are found, through a
 * small buffer so a file of millions of bad lines costs no memory. Synchronous appends: the import is the only
 * writer and the buffer makes them few.
 */
export class RejectsFile {
  private readonly fd: number;
  private buffer = '';
  private closed = false;
  count = 0;

  constructor(readonly path: string) {
    fs.mkdirSync(pathDir(path), { recursive: true });
    this.fd = fs.openSync(path, 'w');
    this.buffer = 'line,column,reason,raw\n';
  }

  add(rejected: RejectedLine): void {
    this.count++;
    this.buffer += `${rejected.lineNumber},${field(rejected.column)},${field(rejected.reason)},${field(rejected.raw)}\n`;
    if (this.buffer.length >= BUFFER_BYTES) this.flush();
  }

  flush(): void {
    if (!this.buffer) return;
    fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    fs.closeSync(this.fd);
  }
}

const pathDir = (file: string) => path.dirname(path.resolve(file));
