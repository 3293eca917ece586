import { narrativeSchema, type AnalyzerInput, type Narrative } from './analyzer';
import { unmatchedNumbers } from './number-check';

/**
 * From a language model's text to a narrative we may show, or the reason it may not be shown (which is also what
 * the model is told when asked once more). Pure.
 */

/** Action kinds that contact the customer, allowed only with the `marketing` purpose (`mayContact`). */
const CONTACTING_KINDS: ReadonlySet<string> = new Set(['reminder', 'win_back', 'retain']);

/**
 * Calendar dates, which the narratives must not write: the models count days from `asOf`, so a date would be a number
 * the model computed. Month names leave out "May", which is far more often the verb.
 */
const DATE =
  /\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}(\/\d{2,4})?|(January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)/;

/**
 * The JSON object in an answer: the whole text, or the body of a ```json (or bare ```) fence, which models add despite
 * being asked not to. Anything else (prose, an object inside a sentence, an array, truncated JSON) is malformed and
 * earns the one retry. Undefined when there is no such object.
 */
export function extractJsonObject(text: string): Record<string, unknown> | undefined {
  const candidates = [text.trim()];
  const fence = /```(?:json)?[ \t]*\n?([\s\S]*?)```/i.exec(text);
  if (fence) candidates.push(fence[1]!.trim());
  for (const candidate of candidates) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

export type Verdict =
  | { ok: true; narrative: Narrative }
  | { ok: false; kind: 'malformed' | 'numbers' | 'dates' | 'contact'; problem: string };

export function judgeAnswer(text: string, input: AnalyzerInput): Verdict {
  const json = extractJsonObject(text);
  if (!json) return { ok: false, kind: 'malformed', problem: 'the answer was not a JSON object' };
  const parsed = narrativeSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return { ok: false, kind: 'malformed', problem: `the JSON does not match the schema (${issues})` };
  }
  const narrative = parsed.data;
  const dated = [narrative.summary, ...narrative.actions.map((a) => a.text)]
    .map((text) => DATE.exec(text)?.[0])
    .find((match) => match !== undefined);
  if (dated)
    return { ok: false, kind: 'dates', problem: `dates are not allowed, speak of days instead (${dated})` };
  const unmatched = unmatchedNumbers(narrative, input);
  if (unmatched.length) {
    return {
      ok: false,
      kind: 'numbers',
      problem: `these numbers are not in the given data: ${[...new Set(unmatched)].join(', ')}`,
    };
  }
  if (!input.mayContact) {
    const contacting = narrative.actions.filter((a) => CONTACTING_KINDS.has(a.kind)).map((a) => a.kind);
    if (contacting.length) {
      return {
        ok: false,
        kind: 'contact',
        problem: `the customer may not be contacted, but actions of kind ${[...new Set(contacting)].join(', ')} were given`,
      };
    }
  }
  return { ok: true, narrative };
}
