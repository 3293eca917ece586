import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/privacy/erasure/export-customer';
import { zipFiles } from '@/lib/privacy/erasure/zip';

/** Reads a stored (uncompressed) ZIP through its central directory, as an unzip tool does. */
function unzip(zip: Buffer): Record<string, string> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(offset)).toBe(0x04034b50);
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26);
    const data = zip.subarray(dataStart, dataStart + size);
    expect(crc32(data)).toBe(crc);
    files[name] = data.toString('utf8');
    at += 46 + nameLength;
  }
  return files;
}

describe('export files', () => {
  it('writes a table as CSV with quoted cells and nested values as JSON', () => {
    const csv = toCsv([
      { customerId: 'cus_1', city: 'Den Haag, NL', rfm: { recency: 5 } },
      { customerId: 'cus_2', note: 'said "hi"' },
    ]);
    expect(csv).toBe(
      'city,customerId,note,rfm\r\n"Den Haag, NL",cus_1,,"{""recency"":5}"\r\n,cus_2,"said ""hi""",\r\n',
    );
  });

  it('bundles files in a ZIP an unzip tool reads back byte for byte', () => {
    const files = [
      { name: 'customers.csv', content: 'customerId\r\ncus_1\r\n' },
      { name: 'orders.csv', content: 'orderId,totalMinor\r\nord_1,1299\r\n' },
      { name: 'über.csv', content: 'ä\r\n' },
    ];
    expect(unzip(zipFiles(files))).toEqual(Object.fromEntries(files.map((f) => [f.name, f.content])));
  });
});
