import { getConfig } from '../../config';
import type { Analyzer, AnalyzerInput, AnalyzerResult } from './analyzer';
import { DEFAULT_NEXT_PURCHASE_COVERAGE, DEFAULT_TIMING_MODEL, type AnalyzerConfig } from './analyzer-config';
import { createBedrockAnalyzer } from './bedrock-analyzer';
import { readDefaultAnalyzerSetting } from './default-analyzer-store';
import { promptFor } from './prompts/registry';
import { statisticalAnalyzer } from './statistical-analyzer';

export { createBedrockAnalyzer, type BedrockAnalyzerOptions } from './bedrock-analyzer';

/** How long a process trusts the stored default before reading it again (a promotion reaches every process). */
const DEFAULT_ANALYZER_CACHE_MS = 5_000;

// Bedrock analyzers are made once per process and kept, because their circuit breakers must see consecutive calls.
let envBedrock: Analyzer | undefined;
const configured = new Map<string, Analyzer>();
let resolved: { at: number; analyzer: Analyzer } | undefined;
let loading: Promise<Analyzer> | undefined;
let handle: Analyzer | undefined;
const handles = new WeakSet<Analyzer>();

/** The analyzer `ANALYZER` names (with BEDROCK_MODEL): the default when nobody has promoted one. */
function envAnalyzer(): Analyzer {
  if (getConfig().ANALYZER !== 'bedrock') return statisticalAnalyzer;
  envBedrock ??= createBedrockAnalyzer();
  return envBedrock;
}

/**
 * The analyzer that runs `config`, made once per process and kept: the statistical templates (with the config's
 * window coverage) or Claude on Bedrock with the config's model and prompt. `fallbackModel` as for
 * createBedrockAnalyzer (undefined: BEDROCK_FALLBACK_MODEL; null: none — an experiment arm measures its own model).
 */
export function analyzerFor(
  config: AnalyzerConfig,
  options: { fallbackModel?: string | null } = {},
): Analyzer {
  if (config.provider === 'statistical') {
    const coverage = config.nextPurchaseCoverage ?? DEFAULT_NEXT_PURCHASE_COVERAGE;
    const timing = config.timing ?? DEFAULT_TIMING_MODEL;
    if (coverage === DEFAULT_NEXT_PURCHASE_COVERAGE && timing === DEFAULT_TIMING_MODEL)
      return statisticalAnalyzer;
    const key = `statistical:${coverage}:${timing}`;
    let analyzer = configured.get(key);
    if (!analyzer) {
      analyzer = { ...statisticalAnalyzer, nextPurchaseCoverage: coverage, timing };
      configured.set(key, analyzer);
    }
    return analyzer;
  }
  const fallback = options.fallbackModel === undefined ? 'configured' : (options.fallbackModel ?? 'none');
  const key = `bedrock:${config.model}:${config.promptVersion}:${fallback}`;
  let analyzer = configured.get(key);
  if (!analyzer) {
    analyzer = createBedrockAnalyzer({
      model: config.model,
      prompt: promptFor(config.promptVersion),
      ...(options.fallbackModel !== undefined ? { fallbackModel: options.fallbackModel } : {}),
    });
    configured.set(key, analyzer);
  }
  return analyzer;
}

/**
 * The product's default analyzer now: the one promoted from an experiment (stored, read at most every
 * DEFAULT_ANALYZER_CACHE_MS per process), else the one `ANALYZER` names.
 */
export async function getDefaultAnalyzer(now = Date.now()): Promise<Analyzer> {
  if (resolved && now - resolved.at < DEFAULT_ANALYZER_CACHE_MS) return resolved.analyzer;
  loading ??= (async () => {
    try {
      const setting = await readDefaultAnalyzerSetting();
      const analyzer = setting ? analyzerFor(setting.config) : envAnalyzer();
      resolved = { at: Date.now(), analyzer };
      return analyzer;
    } finally {
      loading = undefined;
    }
  })();
  return loading;
}

/** After a promotion in this process: the next call reads the stored default at once. */
export function forgetDefaultAnalyzer(): void {
  resolved = undefined;
}

/**
 * The product's default analyzer, for callers that cannot wait: a handle that resolves the stored default (see
 * getDefaultAnalyzer) each time it explains. Its `name` is the default as last read in this process (`ANALYZER`
 * before the first read), so code that decides by the name — who may be sent to a language model — must ask
 * `resolveAnalyzer()` first. Building it checks the `ANALYZER` configuration at once (a bad BEDROCK_PRICES throws).
 */
export function getAnalyzer(): Analyzer {
  envAnalyzer();
  if (!handle) {
    const made: Analyzer = {
      get name() {
        return (resolved?.analyzer ?? envAnalyzer()).name;
      },
      get nextPurchaseCoverage() {
        return (resolved?.analyzer ?? envAnalyzer()).nextPurchaseCoverage;
      },
      get timing() {
        return (resolved?.analyzer ?? envAnalyzer()).timing;
      },
      async explain(input: AnalyzerInput): Promise<AnalyzerResult> {
        return (await getDefaultAnalyzer()).explain(input);
      },
    };
    handles.add(made);
    handle = made;
  }
  return handle;
}

/** The concrete analyzer behind `analyzer`: the stored default for the getAnalyzer() handle, itself otherwise. */
export async function resolveAnalyzer(analyzer: Analyzer): Promise<Analyzer> {
  return handles.has(analyzer) ? getDefaultAnalyzer() : analyzer;
}

/** For tests and CLIs that change the configuration: every analyzer and the default are built afresh. */
export function resetAnalyzer(): void {
  envBedrock = undefined;
  configured.clear();
  resolved = undefined;
  handle = undefined;
}
