import { appendAudit } from '../audit/append-audit';
import { EXPIRY } from './expiry-registry';
import { RETENTION_CLASSES } from './retention-classes';
import { getRetentionDays } from './retention-settings';

export interface RetentionSweepLine {
  id: string;
  label: string;
  days: number;
  /** Items older than this go. */
  cutoff: string;
  /** Items past retention (deleted, unless a dry run). */
  items: number;
}

/**
 * Deletes what is past retention in every data class (the embedded store has no TTL; on AWS the TTL attribute
 * does part of it, and this does the rest). `dryRun` only counts: the preview officers see before changing days.
 */
export async function sweepRetention(options: {
  dryRun: boolean;
  now?: Date;
}): Promise<RetentionSweepLine[]> {
  const now = options.now ?? new Date();
  const days = await getRetentionDays();
  const lines: RetentionSweepLine[] = [];
  for (const c of RETENTION_CLASSES) {
    const keep = days[c.id] ?? c.defaultDays;
    const cutoffMs = now.getTime() - keep * 86_400_000;
    const iso = new Date(cutoffMs).toISOString();
    const cutoff = c.epochSeconds ? Math.floor(cutoffMs / 1000) : c.dateOnly ? iso.slice(0, 10) : iso;
    let items = 0;
    for (const table of [c.table, ...(c.moreTables ?? [])])
      items += await EXPIRY[table]({
        cutoff,
        dateAttribute: c.dateAttribute,
        ...(c.filter ? { filter: c.filter } : {}),
        dryRun: options.dryRun,
      });
    lines.push({
      id: c.id,
      label: c.label,
      days: keep,
      cutoff: new Date(cutoffMs).toISOString(),
      items,
    });
  }
  const deleted = lines.filter((l) => l.items > 0);
  if (!options.dryRun && deleted.length)
    await appendAudit({
      action: 'retention.swept',
      actor: { kind: 'system', id: 'retention-sweeper' },
      details: Object.fromEntries(deleted.map((l) => [l.id, l.items])),
    });
  return lines;
}
