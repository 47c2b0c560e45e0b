import { createHash } from 'node:crypto';

/** Distinct scores whose repeats are counted; beyond, new scores are stored inline. */
const trackedScores = 4_096;

/** The `score_json` of a result whose score is stored once in `score_texts`: `#` and the hash of its JSON. */
export function scoreReference(hash: string): string {
  return `#${hash}`;
}

/** The hash a reference names, or undefined for a score stored inline (its JSON, which starts with `{`). */
export function referencedScore(stored: string): string | undefined {
  return stored.startsWith('#') ? stored.slice(1) : undefined;
}

/**
 * Stores a repeated score once: the first time a score's JSON is seen it is written inline, as a unique score
 * (a judge's explanation) is; from the second time on, the results refer to one row of `score_texts`. Memory is
 * bounded: at most `trackedScores` distinct scores are counted.
 */
export class ScoreTexts {
  readonly #seen = new Map<string, string | undefined>();

  /**
   * What a result's `score_json` holds for `json`, and the `score_texts` row to write with it when this is the
   * score's second appearance.
   */
  store(json: string): { readonly stored: string; readonly row?: readonly [string, string] } {
    if (!this.#seen.has(json)) {
      if (this.#seen.size < trackedScores) this.#seen.set(json, undefined);
      return { stored: json };
    }
    const known = this.#seen.get(json);
    if (known !== undefined) return { stored: scoreReference(known) };
    const hash = createHash('sha256').update(json).digest('base64url').slice(0, 22);
    this.#seen.set(json, hash);
    return { stored: scoreReference(hash), row: [hash, json] };
  }
}
