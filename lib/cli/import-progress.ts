import type { ImportProgress } from '../imports/run-import';

const n = (v: number) => Math.round(v).toLocaleString('en');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const PHASES: Record<ImportProgress['phase'], string> = {
  reading: 'reading',
  orders: 'orders',
  customers: 'customers',
  finishing: 'finishing',
  done: 'done',
};

/**
 * How far an import is, its speed and what is left, from progress reports: reading is measured by bytes of the file
 * (lines/s, ETA from bytes left at the rate so far), the orders and customers passes by buckets done. Pure apart
 * from the clock passed in.
 */
export class ImportMeter {
  private phase: ImportProgress['phase'] | undefined;
  private phaseStarted = 0;
  private linesAtPhase = 0;
  private storedAtPhase = 0;
  private customersAtPhase = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Notes where a phase starts. Call it with every update, also those not shown: piped output prints a line every few
   * seconds, and a phase first seen at a print would measure its rate from then (0 lines/s).
   */
  track(p: ImportProgress): void {
    if (p.phase === this.phase) return;
    this.phase = p.phase;
    this.phaseStarted = this.now();
    this.linesAtPhase = p.linesRead;
    this.storedAtPhase = p.ordersStored;
    this.customersAtPhase = p.customersDone;
  }

  /** Share done of the current phase (0–1), rate (per second) and seconds left. */
  measure(p: ImportProgress): { share: number; rate: string; eta: number } {
    this.track(p);
    const t = this.now();
    const seconds = Math.max(0.001, (t - this.phaseStarted) / 1000);
    if (p.phase === 'reading') {
      const share = p.sizeBytes ? p.bytesRead / p.sizeBytes : 1;
      const perSecond = (p.linesRead - this.linesAtPhase) / seconds;
      const bytesPerSecond = p.bytesRead / seconds;
      return {
        share,
        rate: `${n(perSecond)} lines/s`,
        eta: bytesPerSecond > 0 ? (p.sizeBytes - p.bytesRead) / bytesPerSecond : Infinity,
      };
    }
    const share = p.phase === 'done' || !p.buckets ? 1 : p.bucketsDone / p.buckets;
    const rate =
      // A dry run stores nothing: its orders pass is measured in buckets.
      p.phase === 'orders' && p.ordersStored > 0
        ? `${n((p.ordersStored - this.storedAtPhase) / seconds)} orders/s`
        : p.phase === 'customers'
          ? `${n((p.customersDone - this.customersAtPhase) / seconds)} customers/s`
          : p.phase === 'done'
            ? 'finished'
            : `${p.bucketsDone}/${p.buckets} buckets`;
    return {
      share,
      rate,
      eta: share > 0 ? (seconds / share) * (1 - share) : Infinity,
    };
  }

  /** One line for a terminal, redrawn in place: `orders  [#####-----]  48 %  6,120 orders/s  ETA 1 min 02 s`. */
  bar(p: ImportProgress, width = 28): string {
    const { share, rate, eta } = this.measure(p);
    const filled = Math.min(width, Math.round(share * width));
    const rejected = p.linesRejected ? `  ${n(p.linesRejected)} rejected` : '';
    return (
      `${PHASES[p.phase].padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` +
      `${String(Math.floor(share * 100)).padStart(3)} %  ${rate}  ETA ${duration(eta)}  ` +
      `${n(p.linesRead)} lines${rejected}`
    );
  }

  /** A plain line for logs and pipes. */
  line(p: ImportProgress): string {
    const { share, rate, eta } = this.measure(p);
    return (
      `  ${PHASES[p.phase]}: ${Math.floor(share * 100)} % (${n(p.linesRead)} lines read, ${n(p.linesRejected)} rejected, ` +
      `${n(p.ordersStored)} orders stored; ${rate}, ETA ${duration(eta)})`
    );
  }
}
