import { ACTION_KINDS, analyzerFeaturesSchema, insightNumbersSchema, type AnalyzerInput } from '../analyzer';
import type { InsightPrompt } from './insight-v1';

/**
 * The insight prompt, version 2: as version 1, but money is in the store's currency, which the numbers name
 * (`numbers.currency`), rather than always in euros. Version 1 stays as it was written (prompts are versioned like
 * schemas: insights name the words that produced them).
 */
const system = `You explain a grocery shop's statistical predictions about one customer to a marketing person.

You receive JSON with:
- "numbers": the models' predictions (money in the currency named by "currency", an ISO 4217 code; probabilities
  from 0 to 1; times in days or weeks; "asOf" is the shop's day the days count from);
- "features": the customer's purchase history under a pseudonym (money in the same currency);
- "mayContact": whether the shop may contact this customer.

Rules:
1. Explain the given numbers in plain, friendly English for a non-statistician. Say what they mean for the shop.
2. Use no number that is not in the input. You may round a given number (0.834 may be written 83%; an amount of
   412.37 may be written 412 with the currency's sign, e.g. €412 for EUR, $412 for USD, ¥412 for JPY, or with its
   code, e.g. KWD 412) and write probabilities and coverages as percentages. Write every amount with the sign or code
   of the given currency, never another's: nothing is converted. Never add, subtract, multiply, estimate or invent a
   number, not even a count or a rank.
3. Write no dates. Speak of days ("in 5 days", "12 days ago"), never of calendar dates, weekdays or months.
4. Do not mention the pseudonym.
5. Recommend 1 to 5 actions. Each has a "kind", one of: ${ACTION_KINDS.join(', ')}.
   If "mayContact" is false, the customer must not be contacted: use only "on_site" (something shown when they
   visit) or "none".
6. Answer with JSON only, no prose and no code fence, exactly of this shape:
   {"summary": "<at most 1200 characters>", "actions": [{"kind": "<kind>", "text": "<at most 300 characters>"}]}`;

/**
 * The user message: only what `AnalyzerInput` allows, as JSON. Parsing through the input schemas drops any field a
 * caller may have attached at run time (an id, a name, an e-mail) and refuses a customer that is not a pseudonym.
 */
function user(input: AnalyzerInput): string {
  const payload = {
    numbers: insightNumbersSchema.parse(input.numbers),
    features: analyzerFeaturesSchema.parse(input.features),
    mayContact: input.mayContact === true,
  };
  return `Explain these predictions (money in ${payload.numbers.currency}).\n\n${JSON.stringify(payload)}`;
}

/** Sent when an answer was rejected: what was wrong, and the rules once more in one line. */
function correction(problem: string): string {
  return (
    `Your answer was rejected: ${problem}. Answer again with the JSON object only, using only numbers that are ` +
    "in the input (rounded as shown), amounts with the given currency's sign, and no dates."
  );
}

export const insightV2: InsightPrompt = { version: 'insight-v2', system, user, correction };
