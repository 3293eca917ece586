import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, parseConfig } from '@/lib/config';

const SECRET = 'x'.repeat(32);

/** The ConfigError parseConfig throws for `env`; fails the test when it does not throw one. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('parseConfig defaults', () => {
  it('runs embedded on port 3000 with 4 shards, prefix cp_ and an absolute data directory', () => {
    const config = parseConfig({});
    expect(config.EMBEDDED).toBe(true);
    expect(config.PORT).toBe(3000);
    expect(config.EVENTS_STREAM_SHARDS).toBe(4);
    expect(config.TABLE_PREFIX).toBe('cp_');
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('treats an empty value as unset', () => {
    const config = parseConfig({
      PORT: '',
      EMBEDDED: '',
      EVENTS_STREAM_SHARDS: '',
      HOST: '',
      DATA_DIR: '',
      SEED: '',
    });
    expect(config.PORT).toBe(3000);
    expect(config.EMBEDDED).toBe(true);
    expect(config.EVENTS_STREAM_SHARDS).toBe(4);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.SEED).toBe('customer-pulse');
  });

  it('refuses numbers that are not plain whole numbers and URLs with spaces', () => {
    expect(configError({ PORT: '1e3' }).message).toContain('PORT must be a whole number');
    expect(configError({ AWS_ENDPOINT_URL_KINESIS: 'http://a b' }).message).toContain(
      'AWS_ENDPOINT_URL_KINESIS must be an http(s) URL',
    );
  });

  it('reads given values and derives the public URL from PORT', () => {
    const config = parseConfig({
      PORT: '8080',
      EMBEDDED: 'no',
      AWS_REGION: 'eu-west-1',
      AUTH_SECRET: SECRET,
      PSEUDONYM_KEY: SECRET,
    });
    expect(config.PORT).toBe(8080);
    expect(config.EMBEDDED).toBe(false);
    expect(config.publicUrl).toBe('http://localhost:8080');
  });
});

describe('parseConfig refuses a bad value with a sentence naming the variable', () => {
  it.each([
    ['PORT', { PORT: 'abc' }, 'PORT must be a whole number from 1 to 65535 (got "abc")'],
    ['PORT', { PORT: '70000' }, 'PORT must be a whole number from 1 to 65535 (got "70000")'],
    [
      'EVENTS_STREAM_SHARDS',
      { EVENTS_STREAM_SHARDS: '0' },
      'EVENTS_STREAM_SHARDS must be a whole number from 1 to 500 (got "0")',
    ],
    ['EMBEDDED', { EMBEDDED: 'maybe' }, 'EMBEDDED must be true or false (got "maybe")'],
    [
      'AWS_ENDPOINT_URL_DYNAMODB',
      { AWS_ENDPOINT_URL_DYNAMODB: 'notaurl' },
      'AWS_ENDPOINT_URL_DYNAMODB must be an http(s) URL (got "notaurl")',
    ],
    ['DEMO_PASSWORD', { DEMO_PASSWORD: 'short' }, 'DEMO_PASSWORD must be at least 8 characters'],
    ['AUTH_SECRET', { AUTH_SECRET: 'too-short' }, 'AUTH_SECRET must be at least 32 characters'],
    ['PSEUDONYM_KEY', { PSEUDONYM_KEY: 'too-short' }, 'PSEUDONYM_KEY must be at least 32 characters'],
    [
      'CONSENT_DEFAULT_GRANTED',
      { CONSENT_DEFAULT_GRANTED: 'analytics,essential' },
      'CONSENT_DEFAULT_GRANTED must be a comma-separated list of analytics, personalization, ai_processing, marketing',
    ],
  ])('%s', (_name, env, sentence) => {
    expect(configError(env).message).toBe(`Invalid configuration: ${sentence}.`);
  });

  it('names every bad variable in one message', () => {
    const { message } = configError({
      PORT: 'abc',
      EMBEDDED: 'maybe',
      DEMO_PASSWORD: 'short',
      AWS_ENDPOINT_URL_KINESIS: 'ftp://kinesis',
    });
    for (const name of ['PORT', 'EMBEDDED', 'DEMO_PASSWORD', 'AWS_ENDPOINT_URL_KINESIS']) {
      expect(message).toContain(name);
    }
    expect(message.split('; ')).toHaveLength(4);
  });
});

describe('parseConfig with EMBEDDED=false', () => {
  it('requires AWS_REGION', () => {
    expect(configError({ EMBEDDED: 'false', AUTH_SECRET: SECRET, PSEUDONYM_KEY: SECRET }).message).toBe(
      'Invalid configuration: AWS_REGION is required when EMBEDDED=false.',
    );
  });

  it('requires AUTH_SECRET', () => {
    expect(configError({ EMBEDDED: 'false', AWS_REGION: 'eu-central-1' }).message).toContain(
      'AUTH_SECRET (32+ random characters) is required when EMBEDDED=false',
    );
  });

  it('requires PSEUDONYM_KEY', () => {
    expect(configError({ EMBEDDED: 'false', AWS_REGION: 'eu-central-1', AUTH_SECRET: SECRET }).message).toBe(
      'Invalid configuration: PSEUDONYM_KEY (32+ random characters) is required when EMBEDDED=false.',
    );
  });

  it('names all three when all are missing', () => {
    expect(configError({ EMBEDDED: 'false' }).message).toBe(
      'Invalid configuration: AWS_REGION is required when EMBEDDED=false; ' +
        'AUTH_SECRET (32+ random characters) is required when EMBEDDED=false; ' +
        'PSEUDONYM_KEY (32+ random characters) is required when EMBEDDED=false.',
    );
  });

  it('accepts all three and keeps the region', () => {
    const config = parseConfig({
      EMBEDDED: 'false',
      AWS_REGION: 'eu-central-1',
      AUTH_SECRET: SECRET,
      PSEUDONYM_KEY: SECRET,
    });
    expect(config.EMBEDDED).toBe(false);
    expect(config.AWS_REGION).toBe('eu-central-1');
    expect(config.AUTH_SECRET).toBe(SECRET);
  });
});

describe('docs/configuration.md', () => {
  const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
  const keys = Object.keys(envSchema.shape);
  /** The first cell of every table row, when it is a backticked variable name. */
  const documentedRows = new Map(
    doc
      .split('\n')
      .map((line) => [/^\|\s*`([A-Z0-9_]+)`\s*\|/.exec(line)?.[1], line] as const)
      .filter((entry): entry is readonly [string, string] => entry[0] !== undefined),
  );

  it.each(keys)('documents %s', (key) => {
    expect(doc).toContain(`\`${key}\``);
    expect(documentedRows.has(key)).toBe(true);
  });

  it('has no table row for a variable the app does not read', () => {
    expect([...documentedRows.keys()].filter((name) => !keys.includes(name))).toEqual([]);
  });

  it('states the default the app really uses', () => {
    const defaults: Record<string, unknown> = { ...parseConfig({}) };
    for (const key of keys) {
      const value = defaults[key];
      if (value === undefined) continue;
      expect(documentedRows.get(key), key).toContain(`\`${String(value)}\``);
    }
  });
});

describe('the store', () => {
  it('defaults to EUR and UTC, and takes any ISO 4217 currency and IANA zone', () => {
    const defaults = parseConfig({});
    expect(defaults.STORE_CURRENCY).toBe('EUR');
    expect(defaults.STORE_TIMEZONE).toBe('UTC');
    const config = parseConfig({ STORE_CURRENCY: 'JPY', STORE_TIMEZONE: 'America/New_York' });
    expect(config.STORE_CURRENCY).toBe('JPY');
    expect(config.STORE_TIMEZONE).toBe('America/New_York');
    expect(config.ANALYSIS_TIMEZONE).toBeUndefined(); // the nightly schedule follows the store
  });

  it('refuses an unknown currency or zone with a sentence naming the variable', () => {
    expect(configError({ STORE_CURRENCY: 'EURO' }).message).toContain(
      'STORE_CURRENCY must be an ISO 4217 currency code',
    );
    expect(configError({ STORE_CURRENCY: 'eur' }).message).toContain('STORE_CURRENCY');
    expect(configError({ STORE_TIMEZONE: 'Mars/Olympus' }).message).toContain(
      'STORE_TIMEZONE must be an IANA time zone',
    );
  });
});
