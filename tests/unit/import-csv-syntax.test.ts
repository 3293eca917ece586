import { describe, expect, it } from 'vitest';
import { ImportFileError } from '@/lib/imports/import-types';
import { csv, readAll } from '../support/read-import';

const HEADER = 'order_id,customer_id,ordered_at,sku,product_name,category,quantity,line_total,currency';
const row = (order: string, name = 'Milk') => `${order},C1,2026-01-05,MILK-1,${name},dairy,1,1.19,EUR`;

describe('CSV as spreadsheets and shop systems write it', () => {
  it('keeps commas, quotes and line breaks inside quoted values, and numbers rows by the line they start on', async () => {
    const { lines, rejected } = await readAll(
      csv(
        HEADER,
        row('1', '"Tomatoes, cherry 250 g"'),
        row('2', '"12"" pizza\nfamily size"'),
        row('3'),
        row('4', '12" pizza'), // a quote inside an unquoted value is kept as written
      ),
    );
    expect(rejected).toEqual([]);
    expect(lines.map((l) => [l.lineNumber, l.productName])).toEqual([
      [2, 'Tomatoes, cherry 250 g'],
      [3, '12" pizza family size'],
      [5, 'Milk'],
      [6, '12" pizza'],
    ]);
  });

  it('reads a UTF-8 BOM, CRLF line endings and ";" or tab separated files alike', async () => {
    const expected = [
      [2, 'Käse, jung'],
      [4, 'Milk'],
    ];
    const variants = [
      '\uFEFF' + [HEADER, row('1', '"Käse, jung"'), '', row('2')].join('\r\n') + '\r\n',
      [HEADER, row('1', '"Käse, jung"'), '', row('2')]
        .map((l) => l.replaceAll(',', ';').replace('Käse; jung', 'Käse, jung'))
        .join('\n'),
      '\uFEFF' +
        [HEADER, row('1', 'Käse, jung'), '', row('2')]
          .map((l) => l.replaceAll(',', '\t').replace('Käse\t jung', 'Käse, jung'))
          .join('\r\n'),
    ];
    for (const file of variants) {
      const { items, lines, rejected } = await readAll(file);
      expect(rejected).toEqual([]);
      expect(items[0]).toMatchObject({ header: { format: 'canonical', columns: { order_id: 'order_id' } } });
      expect(lines.map((l) => [l.lineNumber, l.productName])).toEqual(expected);
    }
  });

  it('gives the same lines however the file is cut into chunks (multi-byte characters, CRLF split)', async () => {
    const file = '\uFEFF' + [HEADER, row('1', '"Crème fraîche,\r\n30 %"'), row('2', 'Brötchen')].join('\r\n');
    const whole = await readAll(file);
    const bytewise = await readAll(file, {}, 1);
    expect(bytewise.lines).toEqual(whole.lines);
    expect(whole.lines.map((l) => [l.lineNumber, l.productName])).toEqual([
      [2, 'Crème fraîche, 30 %'],
      [4, 'Brötchen'],
    ]);
  });

  it('rejects a 10 MB line by its number and reads on', async () => {
    const huge = row('2', 'x'.repeat(10 * 1024 * 1024));
    const { lines, rejected } = await readAll(csv(HEADER, row('1'), huge, row('3')));
    expect(lines.map((l) => [l.lineNumber, l.orderId])).toEqual([
      [2, '1'],
      [4, '3'],
    ]);
    expect(rejected).toEqual([
      {
        lineNumber: 3,
        reason: 'the line is 10 MiB long, more than the 1 MiB a line may have; it was skipped',
      },
    ]);
  });

  it('rejects a quoted row that runs over an over-long line, rather than read it with the line missing', async () => {
    const file = csv(HEADER, row('1', `"Milk\n${'x'.repeat(2000)}\nfresh"`), row('2'));
    const { lines, rejected } = await readAll(file, { maxLineBytes: 1000 });
    expect(rejected).toMatchObject([
      { lineNumber: 2, reason: expect.stringMatching(/^line 3 of this row is 2 KiB long/) },
    ]);
    expect(lines.map((l) => [l.lineNumber, l.orderId])).toEqual([[5, '2']]);
  });

  it('stops at a quote that is never closed, naming the line, after yielding the lines before it', async () => {
    const file = csv(HEADER, row('1'), row('2'), row('3', '"Milk, fresh'), row('4'));
    const { lines, error } = await readAll(file);
    expect(lines.map((l) => l.orderId)).toEqual(['1', '2']);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).lineNumber).toBe(4);
    expect(error?.message).toMatch(/^Line 4: a quoted value starts in this row and is never closed/);
  });

  it('rejects a row whose values do not line up with the header, and ignores blank rows', async () => {
    const { lines, rejected } = await readAll(
      csv(HEADER, row('1', 'Tomatoes, cherry'), ',,,,,,,,', row('2') + ',,', '3,C1,2026-01-05'),
    );
    expect(lines.map((l) => l.orderId)).toEqual(['2']);
    expect(rejected).toMatchObject([
      {
        lineNumber: 2,
        reason:
          'the row has 10 values but the header has 9 columns: a value holding a "," must be in double quotes',
        raw: '1,C1,2026-01-05,MILK-1,Tomatoes, cherry,dairy,1,1.19,EUR',
      },
      { lineNumber: 5, reason: 'the row has 3 values but the header has 9 columns' },
    ]);
  });

  it('says an empty file is empty, and refuses a forced format the file does not have', async () => {
    expect((await readAll('\uFEFF\n \n')).error?.message).toBe(
      'The file is empty: it has no header and no lines.',
    );
    expect((await readAll(csv(HEADER), { format: 'ndjson' })).error?.message).toContain(
      'does not start with "{"',
    );
    expect((await readAll('{"orderId":"1"}\n', { format: 'canonical' })).error?.message).toContain(
      'it starts with "{" like NDJSON',
    );
  });
});
