/** A judge's answer read as a score, or why it could not be. */
export type ParsedVerdict =
  | { readonly ok: true; readonly value: number; readonly reason?: string }
  | { readonly ok: false; readonly problem: string };

const numberPattern = String.raw`[-+]?(?:\d+(?:\.\d+)?|\.\d+)`;
/** `8/10`, `4 / 5`: a score out of a maximum. */
const fractionPattern = new RegExp(String.raw`(${numberPattern})\s*/\s*(${numberPattern})`, 'g');
/** `score: 0.8`, `Score = 7`, `rating 0.5`. */
const labelledPattern = new RegExp(String.raw`\b(?:score|rating|grade)\b\s*[:=]?\s*(${numberPattern})`, 'gi');
const plainNumber = new RegExp(numberPattern, 'g');

function inUnitRange(value: number, text: string): ParsedVerdict {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    return { ok: false, problem: `the judge's score ${text} is not a number from 0 to 1` };
  }
  return { ok: true, value };
}

function lastMatch(pattern: RegExp, text: string): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = match;
  return last;
}

/**
 * Reads a judge's text as a score in [0, 1]. In order: a JSON object with a numeric `score` (and an optional string
 * `reason`), as judges asked for structured output answer; a fraction such as `8/10`; a labelled number such as
 * `Score: 0.8`; the text's last number. Judges reason before they conclude, so the last match wins. A number
 * outside [0, 1] is refused rather than rescaled: the rubric asked for 0 to 1, and guessing the scale would hide
 * a judge that does not follow it.
 */
export function parseVerdict(text: string): ParsedVerdict {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'the judge gave an empty answer' };
  const json = jsonVerdict(trimmed);
  if (json) return json;
  const fraction = lastMatch(fractionPattern, trimmed);
  if (fraction) {
    const [whole, top, bottom] = fraction as unknown as [string, string, string];
    const denominator = Number(bottom);
    if (denominator > 0) return inUnitRange(Number(top) / denominator, whole);
  }
  const labelled = lastMatch(labelledPattern, trimmed);
  if (labelled) return inUnitRange(Number(labelled[1]), labelled[1] as string);
  const plain = lastMatch(plainNumber, trimmed);
  if (plain) return inUnitRange(Number(plain[0]), plain[0]);
  const shown = trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed;
  return { ok: false, problem: `the judge's answer holds no score: ${JSON.stringify(shown)}` };
}

/** The verdict in a JSON object `{ "score": …, "reason": … }`, possibly inside a fenced code block. */
function jsonVerdict(text: string): ParsedVerdict | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || !('score' in parsed)) return undefined;
  const { score, reason } = parsed as { score: unknown; reason?: unknown };
  if (typeof score !== 'number') {
    return { ok: false, problem: `the judge's "score" is ${JSON.stringify(score)}, not a number` };
  }
  const verdict = inUnitRange(score, String(score));
  return verdict.ok && typeof reason === 'string' ? { ...verdict, reason } : verdict;
}
