import type { ImportAnalysisRun, ImportView, RejectExample } from '@/lib/client/use-imports';
import { count } from './import-format';

/**
 * What the Imports page says an import did, in words: its kinds of rejection with an example line, what finishing
 * did (weeks, segments, the analysis run) and the headings of its steps. Pure.
 */

export interface ReasonRow {
  kind: string;
  count: number;
  /** The first line rejected for it, when the summary knows it. */
  firstLine?: number;
  /** That line's whole reason ("e.g. line 504: ordered_at … is not a real date"), for readers of the rejects. */
  example?: string;
}

/** Every kind of rejection, most frequent first, each with its first line's own reason when the server sent it. */
export function reasonRows(
  summary: ImportView['summary'],
  examples: readonly RejectExample[] = [],
): ReasonRow[] {
  if (!summary) return [];
  const byKind = new Map(examples.map((e) => [e.kind, e]));
  return Object.entries(summary.rejectedByReason)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => {
      const firstLine = summary.firstRejectedLine?.[kind];
      const example = byKind.get(kind);
      return {
        kind,
        count: n,
        ...(firstLine ? { firstLine } : {}),
        ...(example ? { example: `e.g. line ${count(example.lineNumber)}: ${example.reason}` } : {}),
      };
    });
}

/** A fact of the finished import: a label, what it says, and whether it needs the reader's attention. */
export interface FinishingFact {
  label: string;
  text: string;
  /** Something to act on (why nothing was scored and where consent comes from). */
  warning?: string;
}

const customers = (n: number) => `${count(n)} ${n === 1 ? 'customer' : 'customers'}`;

/** What finishing an import did to the Overview and the segments (absent for a dry run or an older import). */
export function finishingFacts(view: ImportView): FinishingFact[] {
  const f = view.finishing;
  if (!f || view.dryRun) return [];
  const all = f.scored + f.refused;
  const segments: FinishingFact = {
    label: 'Segments',
    text: `${count(f.scored)} of ${customers(all)} scored, ${count(f.changed)} changed`,
  };
  if (f.refused && !f.scored)
    segments.warning =
      `None of the ${customers(f.refused)} allows personalization, so none has a segment and the analysis skips them. ` +
      'Consent comes from the storefront, the consent columns of the file (consent_personalization, docs/import.md), ' +
      'or CONSENT_DEFAULT_GRANTED for customers an import creates (docs/configuration.md).';
  else if (f.refused)
    segments.text += ` · ${customers(f.refused)} not scored: they do not allow personalization`;
  return [
    {
      label: 'Overview',
      text: `${count(f.weeks)} ${f.weeks === 1 ? 'week' : 'weeks'} rebuilt from the orders`,
    },
    segments,
  ];
}

/** Where the analysis run the import queued stands: waiting, analysing, done or why it failed. */
export function analysisRunText(run: ImportAnalysisRun | undefined, runId: string | undefined): string {
  if (!runId) return '';
  if (!run) return `${runId}: not found`;
  if (run.status === 'failed') return `failed: ${run.error ?? 'no reason recorded'}`;
  if (run.status === 'completed')
    return (
      `completed: ${customers(run.done)} analysed` +
      (run.refused ? ` · ${customers(run.refused)} without personalization consent skipped` : '')
    );
  if (!run.claims) return 'queued: the worker starts it within seconds (or npm run batch)';
  return run.phase === 'fitting'
    ? 'running: fitting the models'
    : `running: ${count(run.done)} of ${customers(run.total)} analysed`;
}

/**
 * The job panel's heading. Step 4 follows "3. Dry run, then import" when the page shows the steps; an import
 * opened from the history, with no steps above it, is not numbered.
 */
export function jobHeading(
  view: Pick<ImportView, 'dryRun' | 'status' | 'fileName'>,
  numbered: boolean,
): string {
  const title = view.dryRun ? 'Dry run report' : view.status === 'running' ? 'Importing' : 'Import';
  return `${numbered ? '4. ' : ''}${title}: ${view.fileName}`;
}
