import { z } from 'zod';

/**
 * Field schemas shared by the envelope and the event properties, so an id or an amount means the same thing in
 * every event.
 */

/** A field's own message for a wrong value, but plain "required" when it is missing altogether. */
export function requiredOr(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : message);
}

/** Ids from our own systems (`cus_000123`, `prd_dairy_01`, `ord_000001_0001`): safe in keys, URLs and logs. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

/**
 * Caps every amount at 10 billion major units: far above any grocery basket, and it keeps a purchase's sum of
 * 500 lines × 999 units from silently losing precision in a way that could make a wrong total look right.
 */
export const MAX_MINOR = 1_000_000_000_000;

/** Money is always an integer count of minor units (cents), never a float, so sums are exact. */
export const minorSchema = z
  .number({ error: requiredOr('must be a number of minor units (e.g. cents)') })
  .int('must be a whole number of minor units (e.g. cents), not a decimal amount')
  .nonnegative('must not be negative')
  .max(MAX_MINOR, `must be at most ${MAX_MINOR} minor units`);

/** Units of one product in one line: a grocery line above 999 is a data error, not a purchase. */
export const quantitySchema = z
  .number()
  .int('must be a whole number of units')
  .min(1, 'must be 1–999')
  .max(999, 'must be 1–999');

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');

/** A count of things (items, events, results): whole and never negative. */
export const countSchema = z.number().int('must be a whole number').nonnegative('must not be negative');

/**
 * A timestamp with its offset or `Z`: without one the instant is ambiguous, and events from different time zones
 * would sort wrongly.
 */
export const datetimeSchema = z.iso.datetime({
  offset: true,
  error: requiredOr(
    'must be an ISO-8601 date-time with a time zone, e.g. 2026-03-14T09:30:00Z or 2026-03-14T10:30:00+01:00',
  ),
});

/**
 * For cross-field rules: run only once every field is valid on its own. A bad line quantity then reports that
 * line, not also a total mismatch that is only its echo.
 */
export function whenFieldsValid(payload: { issues: readonly unknown[] }): boolean {
  return payload.issues.length === 0;
}

/** Experiments tag what they showed; a variant only makes sense inside its experiment. */
export const experimentFields = {
  experimentId: idSchema.optional().describe('experiment that chose what was shown'),
  variant: idSchema.optional().describe('the experiment variant the customer is in; needs experimentId'),
};

export function variantNeedsExperiment(p: { experimentId?: string; variant?: string }): boolean {
  return (p.experimentId === undefined) === (p.variant === undefined);
}
