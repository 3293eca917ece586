import { PROMPT_VERSIONS } from '../analysis/analyzers/analyzer-config';
import {
  readDefaultAnalyzerSetting,
  type DefaultAnalyzerSetting,
} from '../analysis/analyzers/default-analyzer-store';
import { getConfig } from '../config';
import type { Experiment } from './experiment';
import { getExperiment } from './get-experiment';

/** The analyzer the configuration names (ANALYZER, BEDROCK_MODEL, the newest prompt) while nobody has promoted one. */
export interface ConfiguredAnalyzer {
  analyzer: 'statistical' | 'bedrock';
  bedrockModel: string;
  promptVersion: string;
}

export interface ExperimentPage {
  experiment: Experiment;
  /** The promoted default analyzer, if someone promoted one. */
  defaultAnalyzerSetting: DefaultAnalyzerSetting | undefined;
  configuredAnalyzer: ConfiguredAnalyzer;
}

/**
 * What an experiment's page paints first: the definition and the product's default analyzer (promoted, else
 * configured); the browser then reads the results and keeps both current. Undefined when there is no such
 * experiment. Here rather than in the page because the page may not read the configuration or the stores itself.
 */
export async function getExperimentPage(key: string): Promise<ExperimentPage | undefined> {
  const [experiment, setting] = await Promise.all([getExperiment(key), readDefaultAnalyzerSetting()]);
  if (!experiment) return undefined;
  const config = getConfig();
  return {
    experiment,
    defaultAnalyzerSetting: setting,
    configuredAnalyzer: {
      analyzer: config.ANALYZER,
      bedrockModel: config.BEDROCK_MODEL,
      promptVersion: PROMPT_VERSIONS[0],
    },
  };
}
