import type { CachedStep } from '../contracts/sample-store.js';
import { redactKnownSecretsDeep } from '../util/redact-secrets.js';

/** A step as `samples.step_json` holds it: an output equal to the text is not written twice. */
type StoredStepBody = Omit<CachedStep, 'output'> & { readonly output?: unknown; readonly outputIsText?: true };

/**
 * The `step_json` of a cached step, with the secrets the process knows masked (see `redactKnownSecretsDeep`). A
 * text step's output is its text: it is kept once, as `outputIsText`, so that a large answer is stored once.
 */
export function stepToJson(step: CachedStep): string {
  const masked = redactKnownSecretsDeep(step);
  if (typeof masked.output !== 'string' || masked.output !== masked.text) return JSON.stringify(masked);
  const { output: _output, ...rest } = masked;
  return JSON.stringify({ ...rest, outputIsText: true } satisfies StoredStepBody);
}

/** A cached step read back from its `step_json`, written by any version of the store. */
export function stepFromJson(json: string): CachedStep {
  const stored = JSON.parse(json) as StoredStepBody;
  if (stored.outputIsText !== true) return stored as CachedStep;
  const { outputIsText: _marker, ...rest } = stored;
  return { ...rest, output: rest.text };
}
