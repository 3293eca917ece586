import type { Insight } from '@/lib/analysis/insight-store';
import { ageLabel, STALE_LABEL, TRIGGER_LABEL } from './insight-format';
import { costLabel } from './run-format';

const ANALYZER_LABEL: Record<Insight['analyzer'], string> = {
  statistical: 'statistical template',
  bedrock: 'Amazon Bedrock',
};

/** Who wrote the insight, with what, at what cost, how old it is and whether it is still current. */
export function InsightMeta({
  insight,
  ageSeconds,
  staleReason,
}: {
  insight: Insight;
  ageSeconds: number;
  staleReason: keyof typeof STALE_LABEL | null;
}) {
  const created = new Date(insight.createdAt);
  return (
    <div className="insight-meta muted" data-testid="insight-meta">
      <p>
        <time
          dateTime={insight.createdAt}
          title={`${created.toISOString().replace('T', ' ').slice(0, 19)} UTC`}
        >
          Updated <span data-testid="insight-age">{ageLabel(ageSeconds)}</span>
        </time>{' '}
        (<span data-testid="insight-trigger">{TRIGGER_LABEL[insight.trigger]}</span>)
        {staleReason ? (
          <>
            {' '}
            ·{' '}
            <span className="stale-note" data-testid="insight-stale">
              {STALE_LABEL[staleReason]}
            </span>
          </>
        ) : null}
      </p>
      <p data-testid="insight-analyzer">
        Written by {ANALYZER_LABEL[insight.analyzer]}
        {insight.modelId ? (
          <>
            {' '}
            · model <code>{insight.modelId}</code>
          </>
        ) : null}{' '}
        · prompt <code>{insight.promptVersion}</code>
        {insight.costUsd > 0 ? <> · cost {costLabel(insight.costUsd)}</> : null}
      </p>
      {insight.fallbackReason ? (
        <p data-testid="insight-fallback">Language model answer not used: {insight.fallbackReason}</p>
      ) : null}
      {insight.skippedModel ? <p>Language model not asked: {insight.skippedModel}</p> : null}
    </div>
  );
}
