import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';

/** ln C(n, c). */
export function logBinomialCoefficient(n: number, c: number): number {
  return gammaln(n + 1) - gammaln(c + 1) - gammaln(n - c + 1);
}

/**
 * The log probability of c successes in n attempts when the success probability p follows Beta(α, β):
 * ln C(n, c) + ln B(c + α, n − c + β) − ln B(α, β).
 */
export function logBetaBinomialMass(n: number, c: number, alpha: number, beta: number): number {
  return logBinomialCoefficient(n, c) + betaln(c + alpha, n - c + beta) - betaln(alpha, beta);
}

/**
 * E[1 − (1 − p)^k] for p ~ Beta(α, β): 1 − B(α, β + k)/B(α, β), in log space so that it stays accurate for
 * k up to 10^9 and tiny α. Also the pass@k of a case after c successes in n attempts, with α + c and β + n − c.
 */
export function betaPassAtK(alpha: number, beta: number, k: number): number {
  return -Math.expm1(betaln(alpha, beta + k) - betaln(alpha, beta));
}
