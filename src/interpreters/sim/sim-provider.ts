import type { InterpreterProvider, InterpreterSetupError } from '../../contracts/interpreter-provider.js';
import { suggest } from '../../lang/suggest.js';
import { createSimInterpreter } from './sim-interpreter.js';
import { type SimProfile, simProfiles } from './sim-profile.js';

/** `sim:<profile>,worse=<d>`: the profile, and by how much every case's success probability is lowered. */
function parseSimModel(model: string): { name: string; worse: number } | { problem: string } {
  const [name = '', ...parameters] = model.split(',');
  let worse = 0;
  for (const parameter of parameters) {
    const match = /^worse=(\d*\.?\d+)$/.exec(parameter.trim());
    const value = match ? Number(match[1]) : Number.NaN;
    if (!(value >= 0 && value <= 1)) return { problem: parameter };
    worse = value;
  }
  return { name, worse };
}

/**
 * `sim` and `sim:<profile>`: the offline simulator. `sim:<profile>,worse=<d>` lowers every case's success
 * probability by d (0 to 1) and draws other samples: a worse model, for testing regressions against a baseline.
 */
export const simProvider: InterpreterProvider = {
  name: 'sim',
  summary: `the offline simulator; profiles ${Object.keys(simProfiles).join(', ')}; add ,worse=<d> to lower every case's success probability by d`,
  async create(model) {
    const problem = checkSimModel(model);
    if (problem) return { ok: false, error: problem };
    const parsed = parseSimModel(model) as { name: string; worse: number };
    const profile = simProfiles[parsed.name || 'medium'] as SimProfile;
    return { ok: true, interpreter: createSimInterpreter(profile, model ? `sim:${model}` : 'sim', parsed.worse) };
  },
  checkModel: checkSimModel,
};

/** What is wrong with `sim:<model>`: an unknown parameter or profile; undefined when it names a simulator. */
function checkSimModel(model: string): InterpreterSetupError | undefined {
  const parsed = parseSimModel(model);
  if ('problem' in parsed) {
    return {
      message: `unknown simulator parameter \`${parsed.problem}\` in \`sim:${model}\``,
      hint: 'the one parameter is worse=<d>, d between 0 and 1, such as sim:medium,worse=0.1',
    };
  }
  if (simProfiles[parsed.name || 'medium']) return undefined;
  const names = Object.keys(simProfiles);
  const guess = suggest(parsed.name, names);
  return {
    message: `unknown simulator profile \`${parsed.name}\` in \`sim:${model}\``,
    hint: guess
      ? `did you mean \`sim:${guess}\`?`
      : `the profiles are ${names.map((name) => `sim:${name}`).join(', ')}`,
  };
}
