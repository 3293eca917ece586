import { analyzerLabel } from './experiment-format';
import type { DefaultAnalyzerView } from './experiment-view';
import type { AnalyzerConfig } from '@/lib/experiments/experiment';

/** The page's view of the default analyzer: a promoted one (with its origin), else what the configuration names. */
export function defaultAnalyzerView(
  setting:
    | {
        config: AnalyzerConfig;
        setAt: string;
        setBy: string;
        source?: { experimentKey: string; variant: string };
      }
    | undefined,
  configured: { analyzer: 'statistical' | 'bedrock'; bedrockModel: string; promptVersion: string },
): DefaultAnalyzerView {
  if (setting)
    return {
      label: analyzerLabel(setting.config),
      experimentKey: setting.source?.experimentKey ?? null,
      variant: setting.source?.variant ?? null,
      setAt: setting.setAt,
      setBy: setting.setBy,
    };
  const config: AnalyzerConfig =
    configured.analyzer === 'bedrock'
      ? { provider: 'bedrock', model: configured.bedrockModel, promptVersion: configured.promptVersion }
      : { provider: 'statistical' };
  return { label: analyzerLabel(config), experimentKey: null, variant: null, setAt: null, setBy: null };
}
