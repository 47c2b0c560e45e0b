import type { SimProfile } from './sim-profile.js';

/** How a simulated agent errs when it does not make the next reference action: the weight of each kind of error. */
export interface SimToolErrorWeights {
  /** Another of the offered tools. */
  readonly wrongTool: number;
  /** The right tool with a field changed or left out. */
  readonly wrongArguments: number;
  /** An answer in text before the actions are done. */
  readonly giveUp: number;
  /** The previous call once more. */
  readonly loop: number;
}

/**
 * How well a simulated model uses tools, besides the case's difficulty (which sets how often a turn makes the next
 * reference action). The built-in profiles set it; a profile without it gets `defaultToolSkill`.
 */
export interface SimToolSkill {
  /** The probability that the turn after a tool error makes the right call (it read the error and fixed it). */
  readonly recovery: number;
  /** The probability of making two independent reference actions in one turn, when parallel calls are allowed. */
  readonly parallel: number;
  /** The mix of errors of a turn that errs. */
  readonly errors: SimToolErrorWeights;
}

/** The tool skill of a profile that does not set one: middling recovery, and errors of every kind. */
export const defaultToolSkill: SimToolSkill = {
  recovery: 0.75,
  parallel: 0.3,
  errors: { wrongTool: 0.25, wrongArguments: 0.4, giveUp: 0.2, loop: 0.15 },
};

/** The tool skill of a profile: its own, or the default. */
export function toolSkillOf(profile: SimProfile): SimToolSkill {
  return profile.tools ?? defaultToolSkill;
}
