import { getConfig } from '../config';
import type { Analyzer } from './analyzer';
import { createBedrockAnalyzer } from './bedrock-analyzer';
import { statisticalAnalyzer } from './statistical-analyzer';

export { createBedrockAnalyzer, type BedrockAnalyzerOptions } from './bedrock-analyzer';

let bedrock: Analyzer | undefined;

/**
 * The analyzer `ANALYZER` names. The Bedrock one is made once per process and kept, because its circuit breakers
 * must see consecutive calls to do their job. (Whether a given customer may be sent to it at all, the
 * `ai_processing` consent, is the caller's question.)
 */
export function getAnalyzer(): Analyzer {
  if (getConfig().ANALYZER !== 'bedrock') return statisticalAnalyzer;
  bedrock ??= createBedrockAnalyzer();
  return bedrock;
}

/** For tests and CLIs that change the configuration: the next getAnalyzer() builds afresh. */
export function resetAnalyzer(): void {
  bedrock = undefined;
}
