/**
 * Reads the analysts' customer-summary CSV (`npm run clv`): one customer per line with their repeat purchases x,
 * the time of the last one t_x and their age T (same unit, usually weeks), and optionally their average spend.
 * Column names follow the common conventions. Pure: text in, rows or line-numbered errors out.
 */
export interface SummaryRow {
  id: string;
  x: number;
  tx: number;
  T: number;
  monetary?: number;
}

const COLUMNS = {
  id: ['customer_id', 'id', 'customer', 'customerid'],
  x: ['x', 'frequency'],
  tx: ['t_x', 'tx', 'recency'],
  T: ['t', 'age'],
  monetary: ['monetary', 'monetary_value', 'zbar', 'mean_spend', 'm'],
} as const;

export class SummaryCsvError extends Error {
  override name = 'SummaryCsvError';
}

function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';' || ch === '\t') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** Parses the file; every problem is reported with its line number (up to 20 of them). */
export function parseSummaryCsv(text: string): SummaryRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new SummaryCsvError('The file is empty.');
  const header = splitLine(lines[headerIndex]!).map((h) => h.toLowerCase());
  const find = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const at = {
    id: find(COLUMNS.id),
    x: find(COLUMNS.x),
    tx: find(COLUMNS.tx),
    T: find(COLUMNS.T),
    monetary: find(COLUMNS.monetary),
  };
  const missing = (['id', 'x', 'tx', 'T'] as const).filter((k) => at[k] < 0);
  if (missing.length)
    throw new SummaryCsvError(
      `line ${headerIndex + 1}: the header needs columns for ${missing
        .map((k) => COLUMNS[k].join(' / '))
        .join(', ')} (found: ${header.join(', ')})`,
    );
  const rows: SummaryRow[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (let i = headerIndex + 1; i < lines.length && errors.length < 20; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const cells = splitLine(raw);
    const where = `line ${i + 1}`;
    const number = (key: 'x' | 'tx' | 'T' | 'monetary', label: string) => {
      const text = cells[at[key]] ?? '';
      const value = Number(text);
      if (text === '' || !Number.isFinite(value) || value < 0) {
        errors.push(`${where}: ${label} must be a number ≥ 0 (got "${text}")`);
        return NaN;
      }
      return value;
    };
    const id = cells[at.id] ?? '';
    if (!id) errors.push(`${where}: the customer id is empty`);
    else if (seen.has(id)) errors.push(`${where}: customer ${id} appears twice`);
    seen.add(id);
    const x = number('x', 'x (repeat purchases)');
    const tx = number('tx', 't_x (time of the last purchase)');
    const T = number('T', 'T (time since the first purchase)');
    const monetary =
      at.monetary >= 0 && (cells[at.monetary] ?? '') !== '' ? number('monetary', 'monetary') : undefined;
    if ([x, tx, T].some(Number.isNaN) || (monetary !== undefined && Number.isNaN(monetary))) continue;
    if (!Number.isInteger(x)) errors.push(`${where}: x must be a whole number of purchases (got ${x})`);
    else if (tx > T) errors.push(`${where}: t_x (${tx}) is later than T (${T})`);
    else if (x === 0 && tx !== 0) errors.push(`${where}: t_x must be 0 when x is 0 (got ${tx})`);
    else if (x > 0 && tx === 0) errors.push(`${where}: t_x must be above 0 when x is ${x}`);
    else rows.push({ id, x, tx, T, ...(monetary !== undefined ? { monetary } : {}) });
  }
  if (errors.length) throw new SummaryCsvError(errors.join('\n'));
  if (!rows.length) throw new SummaryCsvError('The file has a header but no customers.');
  return rows;
}
