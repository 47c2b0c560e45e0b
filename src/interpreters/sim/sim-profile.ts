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
}

/** The built-in profiles, from a weak to a strong simulated model. `sim` alone means `sim:medium`. */
export const simProfiles: Readonly<Record<string, SimProfile>> = {
  small: { name: 'small', alpha: 0.35, beta: 1.4, zeroMass: 0.15 },
  medium: { name: 'medium', alpha: 0.9, beta: 0.6, zeroMass: 0.05 },
  large: { name: 'large', alpha: 1.6, beta: 0.35, zeroMass: 0.02 },
  // `medium` after RL: surer on the cases it still solves (higher pass@1), but it has given up on more of them, so
  // its pass@k falls below `medium`'s at large k. The same cases are unsolvable for both, and more for this one.
  'medium-rl': { name: 'medium-rl', alpha: 2.5, beta: 0.4, zeroMass: 0.25 },
  perfect: { name: 'perfect', alpha: 1, beta: 1e-9, zeroMass: 0 },
};
