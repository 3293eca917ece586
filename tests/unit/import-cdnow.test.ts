import { describe, expect, it } from 'vitest';
import { CDNOW_ORDERS_HEADER, cdnowOrderLine } from '@/lib/imports/cdnow-orders';
import { readImportLines } from '@/lib/imports/read-import-lines';
import { Readable } from 'node:stream';

describe('CDNOW transactions as canonical import lines', () => {
  it('makes one order per transaction that the importer reads back with the same customer, day, CDs and dollars', async () => {
    const rows = [
      { Id: '1', Date: '1997-01-01', CDs: '2', Price: '29.33' },
      { Id: '1', Date: '1997-01-01', CDs: '1', Price: '0' },
      { Id: '17', Date: '1998-06-30', CDs: '3', Price: '41.5' },
    ];
    const csv = [CDNOW_ORDERS_HEADER, ...rows.map(cdnowOrderLine)].join('\n');
    const lines = [];
    for await (const item of readImportLines(Readable.from([csv]), {
      format: 'auto',
      storeCurrency: 'USD',
      storeTimeZone: 'UTC',
      customerIdForEmail: () => 'unused',
    }))
      if (item.kind === 'line') lines.push(item.line);
    expect(
      lines.map((l) => [l.orderId, l.customerId, l.orderedAt.slice(0, 10), l.quantity, l.lineTotalMinor]),
    ).toEqual([
      ['cdnow-1-1', 'cdnow-1', '1997-01-01', 2, 2933],
      ['cdnow-1-2', 'cdnow-1', '1997-01-01', 1, 0],
      ['cdnow-17-3', 'cdnow-17', '1998-06-30', 3, 4150],
    ]);
  });

  it('refuses a row that is not a CDNOW transaction, naming its line', () => {
    expect(() => cdnowOrderLine({ Id: '3', Date: '97/01/01', CDs: '1', Price: '9.99' }, 4)).toThrow(
      /^row 6 is not/,
    );
  });
});
