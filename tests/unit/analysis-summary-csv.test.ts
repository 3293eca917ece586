import { describe, expect, it } from 'vitest';
import { parseSummaryCsv } from '@/lib/analysis/summary-csv';

describe('customer-summary CSV', () => {
  it('reads the usual header conventions, with or without spend', () => {
    expect(parseSummaryCsv('customer_id,x,t_x,T\nc1,2,10.5,30\nc2,0,0,12\n')).toEqual([
      { id: 'c1', x: 2, tx: 10.5, T: 30 },
      { id: 'c2', x: 0, tx: 0, T: 12 },
    ]);
    expect(parseSummaryCsv('ID,frequency,recency,T\r\n"c 1",1,2,3\r\n')).toEqual([
      { id: 'c 1', x: 1, tx: 2, T: 3 },
    ]);
    expect(parseSummaryCsv('ID,x,t_x,T,zbar\nc1,3,20,40,12.5\nc2,0,0,40,\n')).toEqual([
      { id: 'c1', x: 3, tx: 20, T: 40, monetary: 12.5 },
      { id: 'c2', x: 0, tx: 0, T: 40 },
    ]);
  });

  it('names every bad line by its number and what is wrong', () => {
    const bad = 'customer_id,x,t_x,T\nc1,2,50,40\nc2,1.5,3,9\nc3,-1,0,4\nc4,0,3,9\nc1,1,1,2\n';
    expect(() => parseSummaryCsv(bad)).toThrow(
      [
        'line 2: t_x (50) is later than T (40)',
        'line 3: x must be a whole number of purchases (got 1.5)',
        'line 4: x (repeat purchases) must be a number ≥ 0 (got "-1")',
        'line 5: t_x must be 0 when x is 0 (got 3)',
        'line 6: customer c1 appears twice',
      ].join('\n'),
    );
    expect(() => parseSummaryCsv('name,visits\nann,3\n')).toThrow(/line 1: the header needs columns for/);
    expect(() => parseSummaryCsv('\n\n')).toThrow('The file is empty.');
    expect(() => parseSummaryCsv('id,x,t_x,T\n')).toThrow('no customers');
  });
});
