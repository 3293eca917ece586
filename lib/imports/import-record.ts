import { z } from 'zod';

/** Money per ISO 4217 currency, in integer minor units (a Map would not survive JSON or DynamoDB). */
const byCurrency = z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int());

/** What an import did or, for a dry run, would do. Counts are of distinct things; money in minor units. */
export const importSummarySchema = z.object({
  /** Data lines read (the header not counted). */
  lines: z.number().int().nonnegative(),
  /** Lines that became part of an order (sales and returns). */
  linesImported: z.number().int().nonnegative(),
  /** Lines written to the rejects file; `lines = linesImported + linesRejected`. */
  linesRejected: z.number().int().nonnegative(),
  /** Rejected lines by reason kind (the reason without its particulars, e.g. "quantity is not a whole number"). */
  rejectedByReason: z.record(z.string(), z.number().int().positive()),
  /** Per reason kind, the first line rejected for it (its full reason is in the rejects file). */
  firstRejectedLine: z.record(z.string(), z.number().int().positive()).default({}),
  orders: z.number().int().nonnegative(),
  /** Orders already stored with the same content: nothing written (a second import of the same file). */
  ordersUnchanged: z.number().int().nonnegative(),
  /** Orders carrying at least one return line (their refunds). */
  ordersWithReturns: z.number().int().nonnegative(),
  /** Return lines of free items (total 0): part of their order, no refund recorded (no money moved). */
  freeReturnLines: z.number().int().nonnegative().default(0),
  customers: z.number().int().nonnegative(),
  /** Of `customers`, those without a profile before this import (given one from the file). */
  customersNew: z.number().int().nonnegative(),
  /** Products (SKUs) the lines name, and those the catalogue did not hold (added with the file's name and category). */
  products: z.number().int().nonnegative(),
  productsNew: z.number().int().nonnegative(),
  /** Consent ledger entries written: defaults for new customers, and choices the file gives. */
  consentEntries: z.number().int().nonnegative(),
  /** Sales as sold, refunds (returns) and net (sales − refunds), per currency. */
  salesByCurrency: byCurrency,
  refundsByCurrency: byCurrency,
  netByCurrency: byCurrency,
  /** The earliest and latest order time imported (ISO instants), absent when nothing was. */
  firstOrderAt: z.string().optional(),
  lastOrderAt: z.string().optional(),
  seconds: z.number().nonnegative(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;

/** One row of `imports`: an import of an order file, its progress and what it did (a dry run writes none). */
export const importRecordSchema = z.object({
  importId: z.string().regex(/^imp_[A-Za-z0-9_]{6,64}$/),
  /** Always 'import': the by_started index lists every import newest first. */
  kind: z.literal('import'),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The format read ('canonical', 'shopify', 'ndjson', …) and the column mapping used (file column → field). */
  format: z.string(),
  mapping: z.record(z.string(), z.string()),
  productsFileName: z.string().optional(),
  status: z.enum(IMPORT_STATUSES),
  phase: z.enum(['reading', 'orders', 'customers', 'finishing', 'done']),
  startedAt: z.string(),
  /** Written with every progress update: a running import silent for long was killed (see markInterrupted). */
  heartbeatAt: z.string(),
  finishedAt: z.string().optional(),
  /** Who ran it (the CLI: `cli:<user>@<host>`). */
  requestedBy: z.string(),
  /** The process running it: on the same host, a dead pid tells an interrupted import at once. */
  host: z.string().optional(),
  pid: z.number().int().optional(),
  progress: z.object({
    linesRead: z.number().int().nonnegative(),
    bytesRead: z.number().int().nonnegative(),
    ordersStored: z.number().int().nonnegative(),
  }),
  /** Where the rejected lines are (CSV: line, column, reason, raw). */
  rejectsFile: z.string(),
  summary: importSummarySchema.optional(),
  /** The analysis run the import started once it finished (trigger `import`). */
  analysisRunId: z.string().optional(),
  /** What finishing did: the Overview's weeks rebuilt, customers scored into RFM segments (and left unscored). */
  finishing: z
    .object({
      weeks: z.number().int().nonnegative(),
      scored: z.number().int().nonnegative(),
      changed: z.number().int().nonnegative(),
      refused: z.number().int().nonnegative(),
    })
    .optional(),
  error: z.string().optional(),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;
