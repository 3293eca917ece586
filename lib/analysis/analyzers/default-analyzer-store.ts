import { z } from 'zod';
import { getItem, putItem } from '../../db/items';
import { analyzerConfigSchema, type AnalyzerConfig } from './analyzer-config';

/**
 * The product's default analyzer, when someone chose one (by promoting an experiment's winner): one item in
 * `analysis_runs` under the fixed key `runId = settings:default-analyzer` (kind `settings`, no `startedAt`, so it is
 * never in the `by_kind` index the runs are listed through). Without it the `ANALYZER` variable decides.
 */
const KEY = { runId: 'settings:default-analyzer' };

export const defaultAnalyzerSettingSchema = z.object({
  config: analyzerConfigSchema,
  setAt: z.string(),
  /** Who chose it: a user's e-mail or an API key id. */
  setBy: z.string(),
  /** The experiment whose winner it is, when it was promoted. */
  source: z.object({ experimentKey: z.string(), variant: z.string() }).optional(),
  reason: z.string().optional(),
});
export type DefaultAnalyzerSetting = z.infer<typeof defaultAnalyzerSettingSchema>;

export async function readDefaultAnalyzerSetting(): Promise<DefaultAnalyzerSetting | undefined> {
  const item = await getItem('analysis_runs', KEY, { consistent: true });
  return item ? defaultAnalyzerSettingSchema.parse(item) : undefined;
}

export async function writeDefaultAnalyzerSetting(setting: DefaultAnalyzerSetting): Promise<void> {
  const checked = defaultAnalyzerSettingSchema.parse(setting);
  await putItem('analysis_runs', { ...KEY, kind: 'settings', ...checked });
}

export type { AnalyzerConfig };
