import { afterEach, describe, expect, it } from 'vitest';
import { getAnalyzer, resetAnalyzer } from '@/lib/analysis/analyzers/get-analyzer';
import { resetConfig } from '@/lib/config';

const NAMES = ['ANALYZER', 'BEDROCK_MODEL', 'BEDROCK_PRICES'] as const;
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

function setEnv(values: Partial<Record<(typeof NAMES)[number], string>>) {
  for (const name of NAMES) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
  resetConfig();
  resetAnalyzer();
}

afterEach(() => setEnv(saved));

describe('getAnalyzer', () => {
  it('is the statistical analyzer unless ANALYZER=bedrock', () => {
    setEnv({});
    expect(getAnalyzer().name).toBe('statistical');
  });

  it('keeps one Bedrock analyzer per process, so its circuit breakers see every call', () => {
    setEnv({ ANALYZER: 'bedrock', BEDROCK_MODEL: 'sonnet' });
    const bedrock = getAnalyzer();
    expect(bedrock.name).toBe('bedrock');
    expect(getAnalyzer()).toBe(bedrock);
    resetAnalyzer();
    expect(getAnalyzer()).not.toBe(bedrock);
  });

  it('refuses to build the Bedrock analyzer with a malformed BEDROCK_PRICES, naming it', () => {
    setEnv({ ANALYZER: 'bedrock', BEDROCK_PRICES: '{"haiku": 1}' });
    expect(() => getAnalyzer()).toThrow(/^BEDROCK_PRICES must map model ids/);
  });
});
