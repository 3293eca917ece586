'use client';
import { memo } from 'react';
import type { StreamHealth } from '@/lib/live/get-stream-health';
import {
  STATUS_TEXT,
  backlogLabel,
  deadLettersLabel,
  iteratorAgeLabel,
  shardsLabel,
  workersLabel,
} from './health-format';

/** One line on how far behind the stream's consumers are: status, backlog, iterator age, dead letters. */
export const StreamHealthStrip = memo(function StreamHealthStrip({
  health,
  error,
}: {
  health: StreamHealth | undefined;
  error: string | undefined;
}) {
  return (
    <section className="health-strip" aria-label="Stream health" data-testid="stream-health">
      {health ? (
        <>
          <span className={`status-badge status-${health.status}`} data-testid="stream-status">
            {STATUS_TEXT[health.status]}
          </span>
          <span className="health-fact">
            <span className="health-label">Consumer backlog</span> {backlogLabel(health)}
          </span>
          <span className="health-fact">
            <span className="health-label">Iterator age</span> {iteratorAgeLabel(health)}
          </span>
          <span className="health-fact">
            <span className="health-label">Dead letters</span> {deadLettersLabel(health)}
          </span>
          <span className="health-fact muted">
            {shardsLabel(health)} · {workersLabel(health)}
          </span>
          {health.problems.length ? (
            <ul className="health-problems">
              {health.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <span className="muted">Reading the stream&rsquo;s health…</span>
      )}
      {error ? (
        <span className="error" role="alert">
          Could not read the stream health: {error}
        </span>
      ) : null}
    </section>
  );
});
