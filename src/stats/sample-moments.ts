import { CompensatedSum } from './compensated-sum.js';

/** Refuses lists that are too short or hold non-finite values; `what` names the list in the message. */
export function checkValues(what: string, values: readonly number[], minimum: number): void {
  if (values.length < minimum) {
    throw new RangeError(`${what}: needs at least ${minimum} values, got ${values.length}`);
  }
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new RangeError(`${what}: value ${index} is not a finite number (${value})`);
  });
}

/** The arithmetic mean, by compensated summation. The list must be non-empty. */
export function mean(values: readonly number[]): number {
  const sum = new CompensatedSum();
  for (const value of values) sum.add(value);
  return sum.value / values.length;
}

/** The unbiased sample variance Σ(x − x̄)²/(m − 1), by the two-pass method. The list needs two values or more. */
export function sampleVariance(values: readonly number[]): number {
  const center = mean(values);
  const sum = new CompensatedSum();
  for (const value of values) sum.add((value - center) ** 2);
  return sum.value / (values.length - 1);
}
