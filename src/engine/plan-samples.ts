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
import { inShard } from './shard.js';

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

/** What a run draws, in order: cases × samples, with their seeds; for a single prompt, each case's prompt too. */
export interface SamplePlan {
  readonly samples: readonly PlannedSample[];
  /** By case id; empty for a program of several steps. */
  readonly prompts: ReadonlyMap<string, CasePrompt>;
}

/** Renders the messages of the program's first step (a prompt step) for one case. */
export function renderMessages(program: Program, testCase: ProgramCase): Message[] {
  return program.messages.map((message) => ({
    role: message.role,
    content: renderTemplate(message.parts, testCase.inputs),
  }));
}

/**
 * Plans a run: every case's samples (or those `samplesByCase` names), in case order, keeping the run's shard. Each
 * sample's seed is derived from the program's hash, the case, its index and the run's base seed, so reruns, shards
 * and resumed runs draw the same samples.
 */
export function planSamples(run: ProgramRunSetup): SamplePlan {
  const { program, options } = run;
  const prompts = new Map<string, CasePrompt>();
  const samples: PlannedSample[] = [];
  let position = 0;
  for (const testCase of program.cases) {
    const seedBase = caseSeedBase(program.hash, testCase.id, run.baseSeed);
    const range = options.samplesByCase
      ? options.samplesByCase.get(testCase.id)
      : { from: 0, to: program.sampling.samples };
    if (!run.single) {
      // Later steps' prompts depend on earlier outputs: their keys are known only as the sample runs.
      if (!range) continue;
      for (let index = range.from; index < range.to; index++, position++) {
        if (inShard(position, options.shard))
          samples.push({ testCase, index, seed: mixToUint31(seedBase, index), key: '' });
      }
      continue;
    }
    const prompt = casePrompt(run, testCase);
    prompts.set(testCase.id, prompt);
    if (!range) continue;
    for (let index = range.from; index < range.to; index++, position++) {
      if (!inShard(position, options.shard)) continue;
      const seed = mixToUint31(seedBase, index); // as deriveSeed, with the case's part computed once
      samples.push({ testCase, index, seed, key: cacheKey(prompt.keyPrefix, seed) });
    }
  }
  return { samples, prompts };
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
