'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';
import type { ExperimentListResponse } from '@/lib/experiments/api-contract';
import { EXPERIMENT_STATUSES } from '@/lib/experiments/experiment';
import { useExperiments } from '@/lib/client/use-experiments';
import { STATUS_LABEL } from './experiment-format';
import { ExperimentsTable } from './experiments-table';
import { emptyListMessage, parseStatusFilter, statusSearch, type StatusFilter } from './list-params';

/** The experiments list; its status filter lives in the URL, so a filtered view can be shared or reloaded. */
export function ExperimentsClient({
  canWrite,
  initial,
}: {
  canWrite: boolean;
  /** The server's first page, for the filter it was rendered with. */
  initial?: { status: StatusFilter; data: ExperimentListResponse };
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const status = parseStatusFilter(searchParams.get('status'));
  const [navigating, startTransition] = useTransition();
  const query = useExperiments(status, initial?.status === status ? initial.data : undefined);
  const items = query.data?.experiments ?? [];

  const onStatus = (value: string) =>
    startTransition(() =>
      router.replace(`${pathname}${statusSearch(parseStatusFilter(value))}`, { scroll: false }),
    );

  return (
    <section className="card" aria-busy={navigating || query.isFetching}>
      <header className="card-header">
        <h2 data-testid="experiment-count">
          {query.data
            ? `${items.length.toLocaleString('en')} ${items.length === 1 ? 'experiment' : 'experiments'}`
            : 'Experiments'}
        </h2>
        <label className="inline-label">
          Status
          <select value={status} onChange={(e) => onStatus(e.target.value)} aria-label="Status filter">
            <option value="">All statuses</option>
            {EXPERIMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
      </header>
      {query.error ? (
        <p className="error" role="alert">
          Could not load the experiments: {query.error.message}
        </p>
      ) : null}
      {query.isPending && !query.error ? <p className="muted">Loading experiments…</p> : null}
      {query.isSuccess && items.length === 0 ? (
        <div className="empty" role="status" data-testid="experiments-empty">
          {emptyListMessage(status, canWrite)}
        </div>
      ) : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <ExperimentsTable items={items} />
        </div>
      ) : null}
      <p className="muted">
        The decision is the statistics&apos; reading now: a sequential test that stays valid however often
        this page is looked at, with p-values corrected for every variant and metric compared.
      </p>
    </section>
  );
}
