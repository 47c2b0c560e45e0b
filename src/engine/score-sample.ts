import { type Score, scored, scoreError } from '../contracts/score.js';
import type { StepTrace, Trace } from '../contracts/trace.js';
import type { ProgramCase } from '../program/program.js';
import type { Verifier } from '../verifiers/verifier.js';

/**
 * The score of one sample: an `error` when the interpreter failed, 0 when its output is not of the program's type
 * (the interpreter's failure to follow the program), else the verifier's score. A verifier that throws or rejects
 * gives an `error` score. Only the verifier is waited for.
 */
export function scoreSample(
  verifier: Verifier,
  testCase: ProgramCase,
  steps: readonly StepTrace[],
  trace: Trace,
): Score | Promise<Score> {
  const step = steps[steps.length - 1] as StepTrace;
  if (step.error) return scoreError(`the interpreter failed: ${step.error.message}`);
  if (step.outputProblem) return scored(0, { name: 'output', explanation: step.outputProblem });
  return verify(verifier, testCase, steps, trace);
}

async function verify(
  verifier: Verifier,
  testCase: ProgramCase,
  steps: readonly StepTrace[],
  trace: Trace,
): Promise<Score> {
  const step = steps[steps.length - 1] as StepTrace;
  const outputs: Record<string, unknown> = {};
  for (const done of steps) outputs[done.name] = done.output;
  try {
    return await verifier({
      inputs: testCase.inputs,
      output: step.output,
      steps: outputs,
      ...(testCase.hasExpected ? { expected: testCase.expected } : {}),
      trace,
    });
  } catch (error) {
    return scoreError(`the verifier failed: ${(error as Error).message}`);
  }
}
