import { insightV1, type InsightPrompt } from './insight-v1';
import { insightV2 } from './insight-v2';

/** Every insight prompt by version (analyzer-config.ts lists the same versions as PROMPT_VERSIONS). */
const PROMPTS: Readonly<Record<string, InsightPrompt>> = {
  [insightV1.version]: insightV1,
  [insightV2.version]: insightV2,
};

/** The prompt of this version; a version nobody wrote is a programming error (configs are parsed before). */
export function promptFor(version: string): InsightPrompt {
  const prompt = PROMPTS[version];
  if (!prompt) throw new RangeError(`There is no insight prompt ${version}.`);
  return prompt;
}
