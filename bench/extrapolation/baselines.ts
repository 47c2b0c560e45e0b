import { betaPassAtK, fitBetaBinomial, fitPowerLaw } from '../../src/stats/extrapolation/index.js';

/** The plain two-parameter beta-binomial fitted by maximum likelihood: pass@K = 1 − B(α, β + K)/B(α, β). */
export function betaBinomialBaseline(cases: { n: number; c: number }[], ks: number[]): number[] {
  if (cases.every(({ c }) => c === 0)) return ks.map(() => 0);
  const { alpha, beta } = fitBetaBinomial(cases);
  return ks.map((k) => betaPassAtK(alpha, beta, k));
}

/** The least-squares power law on −log pass@k (Brown et al. 2024); 0 when no case succeeded. */
export function powerLawBaseline(cases: { n: number; c: number }[], ks: number[]): number[] {
  const law = fitPowerLaw(cases);
  return ks.map((k) => law.predict(k));
}
