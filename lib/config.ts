import path from 'node:path';
import { z } from 'zod';
import { isCurrency } from './money/currency';
import { isTimeZone } from './time/store-time';

/**
 * Every environment variable the product reads, validated once. Documented in docs/configuration.md;
 * tests/unit/config.test.ts keeps the two in step.
 */
const bool = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got "${v}")` });
      return z.NEVER;
    });

const int = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = /^\d{1,9}$/.test(v.trim()) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max} (got "${v}")`,
        });
        return z.NEVER;
      }
      return n;
    });

/** A size in bytes: a whole number, up to 1 TiB (more digits than `int` takes, for sizes in gigabytes). */
const bytes = (name: string, fallback: number, min: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = /^\d{1,13}$/.test(v.trim()) ? Number(v) : NaN;
      if (!Number.isSafeInteger(n) || n < min || n > 2 ** 40) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number of bytes from ${min} to ${2 ** 40} (got "${v}")`,
        });
        return z.NEVER;
      }
      return n;
    });

const url = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      let parsed: URL | undefined;
      try {
        parsed = new URL(v);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || /\s/.test(v)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an http(s) URL (got "${v}")` });
        return z.NEVER;
      }
      return v.replace(/\/+$/, '');
    });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const envSchema = z.object({
  EMBEDDED: bool('EMBEDDED', true),
  /** The store's currency (ISO 4217): every amount is integer minor units of it. */
  STORE_CURRENCY: z
    .string()
    .refine(isCurrency, 'STORE_CURRENCY must be an ISO 4217 currency code such as EUR, USD or JPY')
    .default('EUR'),
  /** The store's time zone (IANA): its days, weeks (from Monday), "today" and the nightly schedule. */
  STORE_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'STORE_TIMEZONE must be an IANA time zone such as Europe/Berlin or America/New_York')
    .default('UTC'),
  DATA_DIR: z.string().default('.data'),
  PORT: int('PORT', 3000, 1, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: url('PUBLIC_URL'),
  /** Where new alerts are POSTed (optional), signed with ALERT_WEBHOOK_SECRET when set; from ALERT_WEBHOOK_MIN_SEVERITY up. */
  ALERT_WEBHOOK_URL: url('ALERT_WEBHOOK_URL'),
  ALERT_WEBHOOK_SECRET: optionalString,
  ALERT_WEBHOOK_MIN_SEVERITY: z.enum(['info', 'warning', 'critical']).default('info'),
  DYNAMODB_PORT: int('DYNAMODB_PORT', 0, 0, 65535),
  KINESIS_PORT: int('KINESIS_PORT', 0, 0, 65535),
  AWS_REGION: optionalString,
  AWS_ENDPOINT_URL_DYNAMODB: url('AWS_ENDPOINT_URL_DYNAMODB'),
  AWS_ENDPOINT_URL_KINESIS: url('AWS_ENDPOINT_URL_KINESIS'),
  TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{0,40}$/, 'TABLE_PREFIX may hold only letters, digits, _ . - (at most 40)')
    .default('cp_'),
  EVENTS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,128}$/, 'EVENTS_STREAM must be 3–128 letters, digits, _ . -')
    .default('customer-pulse-events'),
  EVENTS_STREAM_SHARDS: int('EVENTS_STREAM_SHARDS', 4, 1, 500),
  AUTH_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'AUTH_SECRET must be at least 32 characters',
  }),
  DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must be at least 8 characters').default('pulse-demo-2026'),
  DEMO_API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{24,128}$/, 'DEMO_API_KEY must be 24–128 letters, digits, _ or -')
    .default('cp_demo_storefront_key_0123456789'),
  PSEUDONYM_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'PSEUDONYM_KEY must be at least 32 characters',
  }),
  CONSENT_DEFAULT_GRANTED: optionalString.refine(
    (v) =>
      v === undefined ||
      /^(analytics|personalization|ai_processing|marketing)(,(analytics|personalization|ai_processing|marketing))*$/.test(
        v,
      ),
    {
      message:
        'CONSENT_DEFAULT_GRANTED must be a comma-separated list of analytics, personalization, ai_processing, marketing',
    },
  ),
  ANALYZER: z
    .enum(['statistical', 'bedrock'], { message: 'ANALYZER must be statistical or bedrock' })
    .default('statistical'),
  BEDROCK_MODEL: z
    .string()
    .regex(/^[A-Za-z0-9_.:/-]{3,200}$/, 'BEDROCK_MODEL must be haiku, sonnet or a Bedrock model id')
    .default('haiku'),
  BEDROCK_FALLBACK_MODEL: optionalString.refine(
    (v) => v === undefined || /^[A-Za-z0-9_.:/-]{3,200}$/.test(v),
    {
      message: 'BEDROCK_FALLBACK_MODEL must be haiku, sonnet or a Bedrock model id',
    },
  ),
  BEDROCK_TIMEOUT_MS: int('BEDROCK_TIMEOUT_MS', 20_000, 100, 600_000),
  BEDROCK_PRICES: optionalString,
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url('AWS_ENDPOINT_URL_BEDROCK_RUNTIME'),
  ANALYSIS_SCHEDULE: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'ANALYSIS_SCHEDULE must be a time of day as HH:MM (24 h)')
    .default('02:00'),
  /** Overrides STORE_TIMEZONE for the nightly schedule only (kept for installs that set it before). */
  ANALYSIS_TIMEZONE: optionalString.refine((tz) => tz === undefined || isTimeZone(tz), {
    message: 'ANALYSIS_TIMEZONE must be an IANA time zone such as Europe/Berlin',
  }),
  ANALYSIS_CONCURRENCY: int('ANALYSIS_CONCURRENCY', 8, 1, 256),
  INSIGHT_TTL_HOURS: int('INSIGHT_TTL_HOURS', 36, 1, 24 * 365),
  /** A cart worth at least this (minor units) left at a session's end raises a `cart_abandoned` alert. */
  CART_ABANDON_MINOR: int('CART_ABANDON_MINOR', 10_000, 1, 100_000_000),
  SEED: z.string().min(1).default('customer-pulse'),
  SEED_CUSTOMERS: int('SEED_CUSTOMERS', 2000, 1, 1_000_000),
  SEED_ON_START: bool('SEED_ON_START', true),
  /** The largest order-history file the API accepts (POST /api/v1/imports and …/uploads); 2 GiB by default. */
  IMPORT_MAX_BYTES: bytes('IMPORT_MAX_BYTES', 2 * 1024 ** 3, 1),
  /** Storefront traffic `npm start` simulates in embedded mode (events per second; 0: none), so Live is alive. */
  SIMULATE_RATE: int('SIMULATE_RATE', 5, 0, 1_000),
  WORKER: bool('WORKER', true),
  WORKER_HEARTBEAT_SECONDS: int('WORKER_HEARTBEAT_SECONDS', 10, 1, 3600),
});

type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'AWS_REGION'> {
  AWS_REGION: string;
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  publicUrl: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment; throws ConfigError with one sentence per bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`PORT=`) means "not set" for every key alike, so it takes the default.
  const given = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      return i.message.startsWith(name) ? i.message : `${name}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}.`);
  }
  const e = result.data;
  if (!e.EMBEDDED) {
    const missing = [
      ...(e.AWS_REGION ? [] : ['AWS_REGION is required when EMBEDDED=false']),
      ...(e.AUTH_SECRET ? [] : ['AUTH_SECRET (32+ random characters) is required when EMBEDDED=false']),
      ...(e.PSEUDONYM_KEY ? [] : ['PSEUDONYM_KEY (32+ random characters) is required when EMBEDDED=false']),
    ];
    if (missing.length) throw new ConfigError(`Invalid configuration: ${missing.join('; ')}.`);
  }
  return {
    ...e,
    AWS_REGION: e.AWS_REGION ?? 'us-east-1',
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
  };
}

let cached: Config | undefined;

/** The process configuration, validated on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests and CLIs that change process.env before use. */
export function resetConfig(): void {
  cached = undefined;
}
