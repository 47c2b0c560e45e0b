import type Database from 'better-sqlite3';
import type { StepKeys } from '../contracts/sample-store.js';
import type { StepTrace, Trace } from '../contracts/trace.js';
import { redactKnownSecretsDeep } from '../util/redact-secrets.js';
import { sumTokenUsage } from '../util/token-usage.js';
import { stepFromJson } from './step-json.js';

/**
 * A result's trace as the store keeps it (`results.trace_json`): each prompt step by name and cache key, each call
 * step with the called program's trace in the same form. Step bodies stay in `samples`, stored once.
 */
export type StoredStep =
  | { readonly name: string; readonly key: string }
  /** An agent step: its trajectory is not one cached call, so the step is kept whole, with its turns' keys. */
  | { readonly name: string; readonly turnKeys: readonly string[]; readonly agentStep: StepTrace }
  | {
      readonly name: string;
      readonly program: string;
      readonly programHash: string;
      readonly seed: number;
      readonly steps: readonly StoredStep[];
    };

/**
 * The `trace_json` of a result: null when the trace is one prompt step whose key is the result's `sample_key`,
 * which the v1 columns already say, so that single-step programs store nothing more.
 */
export function storedTraceJson(steps: readonly StepTrace[], keys: StepKeys | undefined): string | null {
  if (keys === undefined || (keys.length === 1 && typeof keys[0] === 'string')) return null;
  return JSON.stringify(storedSteps(steps, keys));
}

function storedSteps(steps: readonly StepTrace[], keys: StepKeys): StoredStep[] {
  return steps.map((step, index) => {
    const key = keys[index];
    if (step.agent)
      return {
        name: step.name,
        turnKeys: Array.isArray(key) ? key.filter((turnKey) => typeof turnKey === 'string') : [],
        agentStep: redactKnownSecretsDeep(step),
      };
    const child = step.children?.[0];
    if (typeof key === 'string' || key === undefined || !child) return { name: step.name, key: String(key ?? '') };
    return {
      name: step.name,
      program: child.programName,
      programHash: child.programHash,
      seed: child.seed,
      steps: storedSteps(child.steps, key),
    };
  });
}

/** Reads one cached step, with its messages, by key; undefined when the store lacks it (a failed call). */
export type StepReader = (key: string) => StepTrace | undefined;

/** A `StepReader` on `database`: the step from `samples`, its messages from `prompts` through its key's prefix. */
export function stepReader(database: Database.Database): StepReader {
  const statement = database.prepare<[string], { step_json: string; messages_json: string | null }>(
    `SELECT s.step_json, p.messages_json FROM samples s
     LEFT JOIN key_prefixes k ON k.prefix = substr(s.key, 1, instr(s.key, '.') - 1)
     LEFT JOIN prompts p ON p.hash = k.prompt_hash
     WHERE s.key = ?`,
  );
  return (key) => {
    const row = statement.get(key);
    if (!row) return undefined;
    return {
      ...stepFromJson(row.step_json),
      messages: JSON.parse(row.messages_json ?? '[]') as StepTrace['messages'],
    };
  };
}

/** A result's steps as the store gives them back. */
export interface RebuiltSteps {
  readonly steps: StepTrace[];
  /** False when a step's call had failed: it is not in the cache, and so not among `steps`. */
  readonly complete: boolean;
}

/**
 * Rebuilds a result's steps: from `trace_json` when it has one, else the final step alone (`sample_key`, as v1
 * stores keep). Steps the store lacks (failed calls, never cached) are left out; a call step is summed up from its
 * called program's steps as the engine does, with no output when one of those is missing.
 */
export function rebuildSteps(
  traceJson: string | null,
  sampleKey: string,
  read: StepReader,
  context: Pick<Trace, 'interpreterId' | 'caseId' | 'sampleIndex' | 'settings'>,
): RebuiltSteps {
  if (traceJson === null) {
    const step = read(sampleKey);
    return { steps: step ? [step] : [], complete: step !== undefined };
  }
  return rebuild(JSON.parse(traceJson) as StoredStep[], read, context);
}

function rebuild(
  stored: readonly StoredStep[],
  read: StepReader,
  context: Pick<Trace, 'interpreterId' | 'caseId' | 'sampleIndex' | 'settings'>,
): RebuiltSteps {
  const steps: StepTrace[] = [];
  let complete = true;
  for (const entry of stored) {
    if ('agentStep' in entry) {
      steps.push({ ...entry.agentStep, name: entry.name });
      continue;
    }
    if ('key' in entry) {
      const step = read(entry.key);
      if (step) steps.push({ ...step, name: entry.name });
      else complete = false;
      continue;
    }
    const called = rebuild(entry.steps, read, context);
    const childSteps = called.steps;
    complete &&= called.complete;
    const final = called.complete ? childSteps.at(-1) : undefined;
    const child: Trace = {
      programName: entry.program,
      programHash: entry.programHash,
      ...context,
      seed: entry.seed,
      steps: childSteps,
    };
    steps.push({
      name: entry.name,
      messages: [],
      text: final?.text ?? '',
      output: final?.output ?? null,
      ...(final?.outputProblem ? { outputProblem: `${entry.program}: ${final.outputProblem}` } : {}),
      finishReason: final?.finishReason ?? 'error',
      usage: sumTokenUsage(childSteps.map((step) => step.usage)) ?? { inputTokens: 0, outputTokens: 0 },
      latencyMs: childSteps.reduce((sum, step) => sum + step.latencyMs, 0),
      warnings: childSteps.flatMap((step) => step.warnings),
      children: [child],
    });
  }
  return { steps, complete };
}
