import type { ProgramRun } from '../../src/engine/program-run.js';
import { runProgram } from '../../src/engine/run-program.js';
import { createSimInterpreter } from '../../src/interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../../src/interpreters/sim/sim-profile.js';
import type { Program } from '../../src/program/program.js';

/**
 * Runs a program on the simulator in this process, as `informal test` would with no store: the profile the
 * program's `model "sim:…"` names, else `sim:medium`. Programs that name another interpreter run on the simulator too.
 */
export function runOnSim(program: Program): Promise<ProgramRun> {
  const named = program.defaultInterpreter?.startsWith('sim:') ? program.defaultInterpreter.slice(4) : 'medium';
  const profile = simProfiles[named] ?? simProfiles.medium;
  if (!profile) throw new Error('the simulator has no medium profile');
  return runProgram(program, { interpreter: createSimInterpreter(profile), concurrency: 4 });
}
