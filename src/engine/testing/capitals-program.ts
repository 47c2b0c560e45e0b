import { createSimInterpreter } from '../../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../../interpreters/sim/sim-profile.js';
import { compileProgram } from '../../program/load-program.js';
import type { Program } from '../../program/program.js';

const capitals = [
  'case "fr" { country: "France" } -> "Paris"',
  'case "jp" { country: "Japan" } -> "Tokyo"',
  'case "ca" { country: "Canada" } -> "Ottawa"',
];

/** The program `capitals` (an exact verifier, base seed 5) with its first `cases` cases and `samples` samples each. */
export function capitalsProgram(samples: number, cases = 3): Program {
  const source = [
    'prog 1',
    'program capitals',
    'input country: string',
    'prompt "Capital of {{ country }}?"',
    'verify exact(expected)',
    ...capitals.slice(0, cases),
    `sample ${samples} seed 5`,
    '',
  ].join('\n');
  return compileProgram(source, 'capitals.prog').program as Program;
}

/** The simulator's medium profile: some answers right, some wrong. */
export const mediumSim = createSimInterpreter(simProfiles.medium as NonNullable<typeof simProfiles.medium>);
