import type { SimToolSkill } from './sim-tool-skill.js';

/**
 * How hard the simulator finds a program's cases. Each case's success probability p is 0 with probability
 * `zeroMass` (a case the simulated model can never solve) and otherwise drawn from Beta(`alpha`, `beta`).
 * Small `alpha` puts many cases near p = 0, which gives the slowly rising pass@k curves real models show.
 */
export interface SimProfile {
  readonly name: string;
  readonly alpha: number;
  readonly beta: number;
  readonly zeroMass: number;
  /** How it uses tools as an agent (recovery from tool errors, parallel calls, the mix of its errors). */
  readonly tools?: SimToolSkill;
}

/** The built-in profiles, from a weak to a strong simulated model. `sim` alone means `sim:medium`. */
export const simProfiles: Readonly<Record<string, SimProfile>> = {
  small: {
    name: 'small',
    alpha: 0.35,
    beta: 1.4,
    zeroMass: 0.15,
    tools: { recovery: 0.55, parallel: 0.1, errors: { wrongTool: 0.3, wrongArguments: 0.3, giveUp: 0.25, loop: 0.15 } },
  },
  medium: {
    name: 'medium',
    alpha: 0.9,
    beta: 0.6,
    zeroMass: 0.05,
    tools: { recovery: 0.75, parallel: 0.3, errors: { wrongTool: 0.25, wrongArguments: 0.4, giveUp: 0.2, loop: 0.15 } },
  },
  large: {
    name: 'large',
    alpha: 1.6,
    beta: 0.35,
    zeroMass: 0.02,
    tools: { recovery: 0.9, parallel: 0.5, errors: { wrongTool: 0.2, wrongArguments: 0.5, giveUp: 0.15, loop: 0.15 } },
  },
  // `medium` after RL: surer on the cases it still solves (higher pass@1), but it has given up on more of them, so
  // its pass@k falls below `medium`'s at large k. The same cases are unsolvable for both, and more for this one.
  'medium-rl': {
    name: 'medium-rl',
    alpha: 2.5,
    beta: 0.4,
    zeroMass: 0.25,
    tools: { recovery: 0.8, parallel: 0.3, errors: { wrongTool: 0.2, wrongArguments: 0.4, giveUp: 0.3, loop: 0.1 } },
  },
  perfect: {
    name: 'perfect',
    alpha: 1,
    beta: 1e-9,
    zeroMass: 0,
    tools: { recovery: 1, parallel: 0.5, errors: { wrongTool: 0.25, wrongArguments: 0.25, giveUp: 0.25, loop: 0.25 } },
  },
};
