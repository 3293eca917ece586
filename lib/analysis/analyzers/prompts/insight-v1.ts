import { ACTION_KINDS, analyzerFeaturesSchema, insightNumbersSchema, type AnalyzerInput } from '../analyzer';

/**
 * The insight prompt, version 1. A prompt is versioned like a schema: the version is stored with every insight it
 * wrote, so a change of wording is a new file (insight-v2.ts) rather than an edit here, and insights can be traced to
 * the words that produced them.
 */
const system = `You explain a grocery shop's statistical predictions about one customer to a marketing person.

You receive JSON with:
- "numbers": the models' predictions (money in EUR, probabilities from 0 to 1, times in days or weeks);
- "features": the customer's purchase history under a pseudonym;
- "mayContact": whether the shop may contact this customer.

Rules:
1. Explain the given numbers in plain, friendly English for a non-statistician. Say what they mean for the shop.
2. Use no number that is not in the input. You may round a given number (0.834 may be written 83%, 412.37 may be
   written €412) and write probabilities and coverages as percentages. Never add, subtract, multiply, estimate or
   invent a number, not even a count or a rank.
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
  return `Explain these predictions.\n\n${JSON.stringify(payload)}`;
}

/** Sent when an answer was rejected: what was wrong, and the rules once more in one line. */
function correction(problem: string): string {
  return (
    `Your answer was rejected: ${problem}. Answer again with the JSON object only, using only numbers that are ` +
    'in the input (rounded as shown) and no dates.'
  );
}

/** What every insight prompt version provides (the next version implements the same shape). */
export interface InsightPrompt {
  version: string;
  system: string;
  user(input: AnalyzerInput): string;
  correction(problem: string): string;
}

export const insightV1: InsightPrompt = { version: 'insight-v1', system, user, correction };
