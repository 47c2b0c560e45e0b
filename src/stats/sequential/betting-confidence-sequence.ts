import { addToHedgedCapital, defaultClip, type HedgedCapital, startHedgedCapital } from './hedged-capital.js';
import { thresholdSide } from './threshold-side.js';

/** The bounds of a confidence sequence after its last observation. */
export interface SequenceBounds {
  /** The least grid value no test has rejected, minus one grid step (never below 0). */
  readonly lower: number;
  /** The greatest grid value no test has rejected, plus one grid step (never above 1). */
  readonly upper: number;
}

/**
 * A confidence sequence for the mean of observations in [0, 1] (Waudby-Smith and Ramdas 2023): the values m of a
 * grid whose hedged capital (see `HedgedCapital`) never reached 2/α on either side, over every prefix of
 * `rounds` (the running intersection), each round a number or the observations that share one bet. With probability at least 1 − α it holds the mean at every time at
 * once. Reported as the hull of the surviving grid, widened by a step so the grid never makes it narrower; an
 * empty hull (possible only by chance, with probability below α) is reported as the last survivor's neighbourhood.
 */
export function bettingConfidenceSequence(
  rounds: readonly (number | readonly number[])[],
  alpha: number,
  gridSize = 1000,
  clip = defaultClip,
): SequenceBounds {
  const step = 1 / gridSize;
  let lower = 1;
  let upper = 0;
  for (let index = 0; index <= gridSize; index++) {
    const m = index * step;
    let capital: HedgedCapital = startHedgedCapital(m);
    let rejected = false;
    for (const round of rounds) {
      capital = addToHedgedCapital(capital, round, clip);
      if (thresholdSide(capital, alpha) !== 'open') {
        rejected = true;
        break;
      }
    }
    if (rejected) continue;
    lower = Math.min(lower, m);
    upper = Math.max(upper, m);
  }
  if (lower > upper) {
    const all = rounds.flat();
    const mean = all.reduce((sum, x) => sum + x, 0) / Math.max(all.length, 1);
    return { lower: Math.max(0, mean - step), upper: Math.min(1, mean + step) };
  }
  return { lower: Math.max(0, lower - step), upper: Math.min(1, upper + step) };
}
