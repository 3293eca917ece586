import { getConfig } from '../config';
import { formatMoney } from '../money/currency';
import { storeDay } from '../time/store-time';
import type { RejectExample } from './reject-examples';
import type { ImportResult } from './run-import';

const n = (v: number) => v.toLocaleString('en');

function money(byCurrency: Record<string, number>): string {
  const entries = Object.entries(byCurrency);
  if (!entries.length) return 'none';
  return entries.map(([currency, minor]) => formatMoney(minor, currency)).join(', ');
}

/**
 * The end-of-import summary printed by `npm run import`, one fact a line. `examples`: each kind's first rejected line
 * as read back from the rejects file (reject-examples.ts, as the Imports page shows them).
 */
export function summaryLines(result: ImportResult, examples: readonly RejectExample[] = []): string[] {
  const exampleOf = new Map(examples.map((e) => [e.kind, e]));
  const s = result.summary;
  const zone = getConfig().STORE_TIMEZONE;
  const verb = result.dryRun ? 'would import' : 'imported';
  const lines = [
    `${result.dryRun ? 'dry run: nothing was changed' : `import ${result.importId}`}` +
      (result.header ? ` (read as ${result.header.format})` : ''),
    `  lines         ${n(s.lines)} read: ${n(s.linesImported)} ${verb}, ${n(s.linesRejected)} rejected`,
    ...Object.entries(s.rejectedByReason)
      .sort((a, b) => b[1] - a[1])
      .flatMap(([kind, count]) => {
        const example = exampleOf.get(kind);
        return [
          `    ${n(count).padStart(9)} × ${kind}`,
          ...(example ? [`                e.g. line ${example.lineNumber}: ${example.reason}`] : []),
        ];
      }),
    `  orders        ${n(s.orders)} (${n(s.ordersWithReturns)} with returns${s.ordersUnchanged ? `, ${n(s.ordersUnchanged)} already stored alike` : ''})`,
    `  customers     ${n(s.customers)} (${n(s.customersNew)} new)`,
    `  products      ${n(s.products)} (${n(s.productsNew)} new to the catalogue)`,
    `  net revenue   ${money(s.netByCurrency)} (sales ${money(s.salesByCurrency)}, returns ${money(s.refundsByCurrency)})`,
    `  date range    ${s.firstOrderAt ? `${storeDay(s.firstOrderAt, zone)} to ${storeDay(s.lastOrderAt ?? s.firstOrderAt, zone)} (${zone})` : 'no orders'}`,
    ...(result.dryRun
      ? []
      : [`  consent       ${n(s.consentEntries)} ledger entries recorded (source import)`]),
    `  time          ${s.seconds.toFixed(1)} s (reading ${result.timings.reading.toFixed(1)} s, orders ${result.timings.orders.toFixed(1)} s, customers ${result.timings.customers.toFixed(1)} s, finishing ${result.timings.finishing.toFixed(1)} s)`,
    `  rejects       ${s.linesRejected ? result.rejectsFile : 'none'}`,
    ...(result.productRejects
      ? [`  products file ${n(result.productRejects.count)} rows rejected: ${result.productRejects.file}`]
      : []),
  ];
  if (result.finished)
    lines.push(
      `  overview      ${n(result.finished.weeks.weeks)} weeks rebuilt from ${n(result.finished.weeks.totals.orders)} orders`,
      `  segments      ${n(result.finished.segments.scored)} customers scored, ${n(result.finished.segments.changed)} changed` +
        (result.finished.segments.refused
          ? `; ${n(result.finished.segments.refused)} do not allow personalization, so no segments or analysis for them (consent: docs/import.md)`
          : ''),
      `  analysis      run ${result.finished.analysisRunId} queued (trigger import)`,
    );
  return lines;
}
