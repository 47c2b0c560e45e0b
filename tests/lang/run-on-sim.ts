import type { ProgramRun } from '../../src/contracts/program-run.js';
import type { JudgeInterpreter } from '../../src/engine/judge-runtime.js';
import { runProgram } from '../../src/engine/run-program.js';
import { createSimInterpreter } from '../../src/interpreters/sim/sim-interpreter.js';
import { type SimProfile, simProfiles } from '../../src/interpreters/sim/sim-profile.js';
import type { Program } from '../../src/program/program.js';

/** The simulator profile an interpreter id names (`sim:large`), else `sim:medium`. */
function profileOf(interpreter: string | undefined): SimProfile {
  const named = interpreter?.startsWith('sim:') ? interpreter.slice(4) : 'medium';
  const profile = simProfiles[named] ?? simProfiles.medium;
  if (!profile) throw new Error('the simulator has no medium profile');
  return profile;
}

/**
 * Runs a program on the simulator in this process, as `informal test` would with no store: the profile the
 * program's `model "sim:…"` names, else `sim:medium`. Programs that name another interpreter run on the simulator
 * too, and so do judges and simulated users that name their own model. The run keeps every sample, for the tests
 * to read.
 */
export function runOnSim(program: Program): Promise<ProgramRun> {
  const judgeInterpreters = new Map<string, JudgeInterpreter>();
  for (const judge of program.judges) {
    if (judge.interpreter !== undefined) {
      judgeInterpreters.set(judge.name, { interpreter: createSimInterpreter(profileOf(judge.interpreter)) });
    }
  }
  const user = program.agent?.simulatedUser;
  return runProgram(program, {
    interpreter: createSimInterpreter(profileOf(program.defaultInterpreter)),
    concurrency: 4,
    keepSamples: 'all',
    judgeInterpreters,
    ...(user?.interpreter !== undefined
      ? { simulatedUserInterpreter: { interpreter: createSimInterpreter(profileOf(user.interpreter)) } }
      : {}),
  });
}
