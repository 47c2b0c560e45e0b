import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { valueToText } from '../../lang/render-template.js';
import { hashToUint31, hashToUnit, mixToUnit } from '../../util/stable-hash.js';
import type { SimProfile } from './sim-profile.js';

/** How often a simulated judge gets a verdict backwards, and how much it wobbles otherwise. */
export interface SimJudgeNoise {
  readonly flip: number;
  readonly spread: number;
}

/**
 * A profile's noise as a judge: a stronger simulated model (a higher mean success probability) is a more reliable
 * judge. The perfect profile never errs.
 */
export function simJudgeNoise(profile: SimProfile): SimJudgeNoise {
  const ability = (1 - profile.zeroMass) * (profile.alpha / (profile.alpha + profile.beta));
  return { flip: 0.3 * (1 - ability), spread: 0.15 * (1 - ability) };
}

const normalise = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The true quality the simulated judge tries to see: 1 when the output equals the case's reference value (after
 * normalising case and spaces), 0 when it does not; without a reference, a stable pseudo-quality of the text.
 */
export function simTrueQuality(output: unknown, expected: unknown): number {
  const text = valueToText(output);
  if (expected === undefined) return Math.round(hashToUnit('sim-quality', text) * 100) / 100;
  return normalise(text) === normalise(valueToText(expected)) ? 1 : 0;
}

/**
 * The simulator acting as a judge: the true quality of the output, reversed with probability `flip` and blurred by
 * Gaussian noise of width `spread`, clamped to [0, 1] and rounded to two decimals. Seeded like every sample; at
 * temperature 0 it is greedy and never reverses. Answers JSON when asked for structured output.
 */
export function simJudgeAnswer(profile: SimProfile, call: InterpreterCall, seed: number): string {
  const judge = call.origin.judge as { name: string; output: unknown };
  const quality = simTrueQuality(judge.output, call.origin.expected);
  const { flip, spread } = simJudgeNoise(profile);
  const base = hashToUint31('sim-judge', judge.name, valueToText(judge.output));
  const greedy = call.settings.temperature === 0;
  const reversed = !greedy && mixToUnit(base, seed) < flip;
  // Box–Muller from two further draws of the same seed.
  const u1 = Math.max(1e-12, mixToUnit(base, seed + 1));
  const u2 = mixToUnit(base, seed + 2);
  const noise = greedy ? 0 : spread * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  const value = Math.round(Math.min(1, Math.max(0, (reversed ? 1 - quality : quality) + noise)) * 100) / 100;
  const reason = value >= 0.5 ? 'the output meets the rubric' : 'the output falls short of the rubric';
  return call.responseFormat ? JSON.stringify({ score: value, reason }) : `${reason}. Score: ${value}`;
}
