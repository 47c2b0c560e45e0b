import type { SamplingSettings } from '../contracts/interpreter-call.js';
import type { InterpreterPrice } from '../cost/interpreter-price.js';
import type { Program } from '../program/program.js';
import type { PlannedProgramRun, RunPlan } from '../store/run-plan.js';
import { resolveBaseSeed } from './resolve-base-seed.js';
import type { AdaptiveOptions } from './run-adaptive.js';
import { sequentialErrorRateOf } from './run-sequential.js';
import type { SequentialOptions } from './sequential-outcome.js';

/** A program with the ids of the interpreters it runs on. */
export interface ProgramOnInterpreters {
  readonly program: Program;
  readonly interpreterIds: readonly string[];
}

/** What a suite will sample: each program on each of its interpreters, with the seed, cases and settings it uses. */
export function planRun(
  programs: readonly ProgramOnInterpreters[],
  options: {
    readonly seed?: number;
    readonly defaultSettings?: SamplingSettings;
    readonly adaptive?: AdaptiveOptions;
    /** `--sequential`; programs with `sequential` in their file are sequential without it. */
    readonly sequential?: SequentialOptions;
    /** The run is a shard: it draws its part of the whole plan, never sequentially. */
    readonly sharded?: boolean;
    /** The interpreters' prices, kept with the plan (see `RunPlan.prices`). */
    readonly prices?: Readonly<Record<string, InterpreterPrice>>;
  },
): RunPlan {
  const programRuns: PlannedProgramRun[] = [];
  for (const { program, interpreterIds } of programs) {
    const errorRate =
      options.sharded || options.adaptive ? undefined : sequentialErrorRateOf(program, options.sequential);
    for (const interpreterId of new Set(interpreterIds)) {
      programRuns.push({
        program: program.name,
        interpreterId,
        programHash: program.hash,
        seed: resolveBaseSeed(program, options.seed),
        samplesPerCase: program.sampling.samples,
        cases: program.cases.map((testCase) => testCase.id),
        // As the engine merges them (see runProgram).
        settings: { ...options.defaultSettings, ...program.sampling.settings },
        ...(errorRate !== undefined ? { sequential: { errorRate } } : {}),
        ...(program.agent?.simulatedUser?.interpreter !== undefined
          ? { userInterpreter: program.agent.simulatedUser.interpreter }
          : {}),
      });
    }
  }
  return {
    programRuns,
    ...(options.prices && Object.keys(options.prices).length > 0 ? { prices: options.prices } : {}),
    ...(options.adaptive
      ? {
          adaptive: {
            targetWidth: options.adaptive.targetWidth,
            ...(options.adaptive.budget !== undefined ? { budget: options.adaptive.budget } : {}),
          },
        }
      : {}),
  };
}
