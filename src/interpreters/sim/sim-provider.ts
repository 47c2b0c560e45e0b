import { suggest } from '../../lang/suggest.js';
import type { InterpreterProvider } from '../interpreter-provider.js';
import { createSimInterpreter } from './sim-interpreter.js';
import { simProfiles } from './sim-profile.js';

/** `sim` and `sim:<profile>`: the offline simulator. */
export const simProvider: InterpreterProvider = {
  name: 'sim',
  summary: `the offline simulator; profiles ${Object.keys(simProfiles).join(', ')}`,
  async create(model) {
    const profile = simProfiles[model || 'medium'];
    if (profile) return { ok: true, interpreter: createSimInterpreter(profile, model ? `sim:${model}` : 'sim') };
    const names = Object.keys(simProfiles);
    const guess = suggest(model, names);
    return {
      ok: false,
      error: {
        message: `unknown simulator profile \`${model}\` in \`sim:${model}\``,
        hint: guess
          ? `did you mean \`sim:${guess}\`?`
          : `the profiles are ${names.map((name) => `sim:${name}`).join(', ')}`,
      },
    };
  },
};
