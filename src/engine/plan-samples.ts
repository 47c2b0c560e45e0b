import { cacheKey } from '../contracts/cache-key.js';
import type { InterpreterCall, Message } from '../contracts/interpreter-call.js';
import { renderTemplate } from '../lang/render-template.js';
import type { Program, ProgramCase } from '../program/program.js';
import { mixToUint31 } from '../util/stable-hash.js';
import { type CachedPrompt, cachedPrompt } from './cached-call.js';
import { caseSeedBase } from './derive-seed.js';
import { estimateTokens } from './interpret-step.js';
import { otherAnswers } from './other-answers.js';
import type { ProgramRunSetup } from './program-run-setup.js';
import { inShard, type Shard } from './shard.js';

/** One sample the run is to draw. */
export interface PlannedSample {
  readonly testCase: ProgramCase;
  readonly index: number;
  readonly seed: number;
  /** Its cache key; empty for a program of several steps, whose keys are known only as the sample runs. */
  readonly key: string;
}

/** The prompt of one case of a single-prompt program, rendered once for all its samples. */
export interface CasePrompt extends CachedPrompt {
  /** The call every sample of the case makes; only the seed differs. */
  readonly call: InterpreterCall;
  /** Tokens the call is expected to use, for rate limits. */
  readonly estimate: number;
}

/**
 * What a run draws, in order: cases × samples, with their seeds; for a single prompt, each case's prompt too. The
 * samples themselves are made a chunk at a time (`chunks`), so that a plan of millions of samples takes no memory.
 */
export interface SamplePlan {
  /** Samples planned in all (within the run's shard). */
  readonly planned: number;
  /** Samples planned by case id, for the cases that have any. */
  readonly plannedByCase: ReadonlyMap<string, number>;
  /** By case id; empty for a program of several steps. */
  readonly prompts: ReadonlyMap<string, CasePrompt>;
  /** The planned samples in plan order, in chunks of at most `size`. */
  chunks(size: number): Generator<PlannedSample[]>;
}

/** Renders the messages of the program's first step (a prompt step) for one case. */
export function renderMessages(program: Program, testCase: ProgramCase): Message[] {
  return program.messages.map((message) => ({
    role: message.role,
    content: renderTemplate(message.parts, testCase.inputs),
  }));
}

/** Positions in [0, end) that fall in the shard. */
function inShardBefore(end: number, shard: Shard | undefined): number {
  if (!shard) return end;
  const offset = shard.index - 1;
  return end > offset ? Math.floor((end - offset - 1) / shard.count) + 1 : 0;
}

/**
 * Plans a run: every case's samples (or those `samplesByCase` names), in case order, keeping the run's shard. Each
 * sample's seed is derived from the program's hash, the case, its index and the run's base seed, so reruns, shards
 * and resumed runs draw the same samples.
 */
export function planSamples(run: ProgramRunSetup): SamplePlan {
  const { program, options } = run;
  const prompts = new Map<string, CasePrompt>();
  const ranges: { readonly testCase: ProgramCase; readonly from: number; readonly to: number; readonly at: number }[] =
    [];
  const plannedByCase = new Map<string, number>();
  let position = 0;
  let planned = 0;
  for (const testCase of program.cases) {
    // Later steps' prompts depend on earlier outputs: their keys are known only as the sample runs.
    if (run.single) prompts.set(testCase.id, casePrompt(run, testCase));
    const range = options.samplesByCase
      ? options.samplesByCase.get(testCase.id)
      : { from: 0, to: program.sampling.samples };
    if (!range || range.to <= range.from) continue;
    const length = range.to - range.from;
    const count = inShardBefore(position + length, options.shard) - inShardBefore(position, options.shard);
    ranges.push({ testCase, from: range.from, to: range.to, at: position });
    if (count > 0) plannedByCase.set(testCase.id, count);
    planned += count;
    position += length;
  }
  function* chunks(size: number): Generator<PlannedSample[]> {
    let chunk: PlannedSample[] = [];
    for (const { testCase, from, to, at } of ranges) {
      const seedBase = caseSeedBase(program.hash, testCase.id, run.baseSeed);
      const prompt = prompts.get(testCase.id);
      for (let index = from; index < to; index++) {
        if (!inShard(at + index - from, options.shard)) continue;
        const seed = mixToUint31(seedBase, index); // as deriveSeed, with the case's part computed once
        chunk.push({ testCase, index, seed, key: prompt ? cacheKey(prompt.keyPrefix, seed) : '' });
        if (chunk.length >= size) {
          yield chunk;
          chunk = [];
        }
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  return { planned, plannedByCase, prompts, chunks };
}

/** The prompt of one case of a single-prompt program. */
function casePrompt(run: ProgramRunSetup, testCase: ProgramCase): CasePrompt {
  const { program, settings } = run;
  const messages = renderMessages(program, testCase);
  const call: InterpreterCall = {
    messages,
    settings,
    ...(program.output?.jsonSchema
      ? { responseFormat: { type: 'json', schema: program.output.jsonSchema, name: program.name } }
      : {}),
    origin: {
      programName: program.name,
      caseId: testCase.id,
      ...(testCase.hasExpected ? { expected: testCase.expected } : {}),
      otherAnswers: otherAnswers(program.cases),
    },
  };
  return {
    ...cachedPrompt(run.interpreter.id, settings, messages),
    call,
    estimate: estimateTokens(messages, settings.maxTokens),
  };
}
