import type { CountMetric } from '../../program/program.js';
import type { NamedCaseCounts } from '../../stats/case-counts.js';
import { checkLevel } from '../../stats/normal-interval.js';
import type { AdaptivePlanRequest } from './adaptive-plan-request.js';
import type { AdaptiveBatchItem, AdaptiveStep } from './adaptive-step.js';
import { type BetaPrior, betaPosterior, checkPrior, jeffreysPrior } from './beta-prior.js';
import { expectedVarianceCurve } from './estimator-variance.js';
import { GainQueue } from './gain-queue.js';
import { type MetricWidth, samplingWidth, zOf } from './sampling-width.js';

/** The request with its defaults filled in and its arguments checked. */
interface Settings {
  readonly metrics: readonly CountMetric[];
  readonly cases: readonly NamedCaseCounts[];
  readonly targetWidth: number;
  readonly cap: number;
  readonly budget: number;
  readonly level: number;
  readonly prior: BetaPrior;
  readonly largestK: number;
  readonly initialSamples: number;
  /** Each case's cost of a sample relative to the others', in case order; all 1 when costs are not given. */
  readonly weights: readonly number[];
}

/**
 * The adaptive planner: given where a run stands, says which cases to sample next and how many times, or that the
 * run is done and why. Pure and deterministic: the same request always gives the same answer.
 *
 * What it narrows. For each metric (pass@k or pass^k) it narrows the *sampling* interval of the suite value over
 * the fixed set of cases (`samplingWidth`): Var = (1/m²) Σ_i Var(est_i | p_i, n_i), each term the exact variance
 * of the unbiased estimator under Binomial(n_i, p_i) averaged over the case's Beta posterior of p_i. More samples
 * per case shrink only this part; the between-case variance in the over-cases interval does not shrink with them.
 *
 * How. First every case is brought to `initialSamples` (at least the largest k, so every metric is defined). Then
 * the run is done when every metric's width is at most `targetWidth`, when the budget is spent, or when every
 * case has `maxSamplesPerCase`. Otherwise it allocates a batch greedily, one sample at a time, to the case whose
 * next sample most reduces the summed variance of the metrics still wider than the target (the posterior held
 * fixed). Cases whose p is near 0 or 1, or that already have many samples, gain little and get few. The batch
 * ends when the projected variances all meet the target (but not before `minimumBatchSize`), or at
 * `maximumBatchSize`, the remaining budget, or the caps.
 *
 * Throws a RangeError for a request out of range, and when the budget cannot give every case max k samples.
 */
export function planAdaptiveBatch(request: AdaptivePlanRequest): AdaptiveStep {
  const settings = checkRequest(request);
  const { cases, cap, budget } = settings;
  const drawn = cases.reduce((sum, { n }) => sum + n, 0);
  const remaining = budget - drawn;

  const initial = planInitialBatch(settings, remaining);
  if (initial !== undefined) return initial;

  const widths = currentWidths(settings);
  if (widths.every(({ width }) => width <= settings.targetWidth))
    return { kind: 'done', reason: 'target-reached', widths };
  if (remaining <= 0) return { kind: 'done', reason: 'budget-spent', widths };
  if (cases.every(({ n }) => n >= cap)) return { kind: 'done', reason: 'caps-reached', widths };

  const m = cases.length;
  const limit = Math.min(remaining, request.maximumBatchSize ?? Math.max(m, drawn));
  const minimum = Math.min(limit, request.minimumBatchSize ?? m);
  const more = allocateGreedily(settings, limit, minimum);
  return sampleStep('adaptive', cases, more, widths);
}

/**
 * The batch that brings every case up to its first samples, or undefined when they all have them. Lowers the
 * number (not below max k) when the budget cannot pay for it.
 */
function planInitialBatch(settings: Settings, remaining: number): AdaptiveStep | undefined {
  const { cases, cap, largestK } = settings;
  const need = (target: number) => cases.reduce((sum, { n }) => sum + Math.max(0, target - n), 0);
  let target = Math.min(settings.initialSamples, cap);
  while (target > largestK && need(target) > remaining) target--;
  const needed = need(target);
  if (needed === 0) return undefined;
  if (needed > remaining) {
    const drawn = cases.reduce((sum, { n }) => sum + n, 0);
    throw new RangeError(
      `adaptive sampling: a budget of ${settings.budget} samples cannot give each of the ${cases.length} cases the ` +
        `${largestK} samples that k = ${largestK} needs; it needs at least ${drawn + needed} ` +
        `(raise the budget, or lower k)`,
    );
  }
  const more = cases.map(({ n }) => Math.max(0, target - n));
  const defined = cases.every(({ n }) => n >= largestK);
  return sampleStep('initial', cases, more, defined ? currentWidths(settings) : []);
}

/**
 * Places up to `limit` samples, one at a time, where they most reduce the variance of the metrics still above
 * the target (per dollar, when samples of the cases cost differently); returns the extra samples per case, in case
 * order.
 */
function allocateGreedily(settings: Settings, limit: number, minimum: number): number[] {
  const { cases, metrics, cap, prior } = settings;
  const m = cases.length;
  // Σ_i Var_i must fall to m² (w / 2z)² for the width to reach w.
  const targetSum = m * m * (settings.targetWidth / (2 * zOf(settings.level))) ** 2;
  const curves = cases.map(({ n, c }) =>
    metrics.map((metric) => expectedVarianceCurve(metric, betaPosterior(prior, n, c))),
  );
  const planned = cases.map(({ n }) => n);
  const now = curves.map((caseCurves, position) => caseCurves.map((curve) => curve(planned[position] as number)));
  const next = curves.map((caseCurves, position) =>
    caseCurves.map((curve) => curve((planned[position] as number) + 1)),
  );
  const sums = metrics.map((_, metric) => now.reduce((sum, values) => sum + (values[metric] as number), 0));
  let active = metrics.map((_, metric) => metric).filter((metric) => (sums[metric] as number) > targetSum);

  const gain = (position: number) => {
    let total = 0;
    for (const metric of active) total += (now[position]?.[metric] as number) - (next[position]?.[metric] as number);
    return total / (settings.weights[position] as number);
  };
  const queue = new GainQueue();
  const rebuild = () => {
    queue.clear();
    for (let position = 0; position < m; position++) {
      if ((planned[position] as number) < cap) queue.push(position, gain(position));
    }
  };
  rebuild();

  let size = 0;
  let filling = false;
  while (size < limit) {
    if (active.length === 0 || filling) {
      if (size >= minimum) break;
      if (!filling) {
        // The projection says the target is met; fill the minimum batch where it still helps all metrics most.
        filling = true;
        active = metrics.map((_, metric) => metric);
        rebuild();
      }
    }
    const position = queue.pop();
    if (position === undefined) break;
    const count = (planned[position] as number) + 1;
    planned[position] = count;
    size++;
    const caseNow = now[position] as number[];
    const caseNext = next[position] as number[];
    const caseCurves = curves[position] as ((n: number) => number)[];
    for (let metric = 0; metric < metrics.length; metric++) {
      sums[metric] = (sums[metric] as number) - (caseNow[metric] as number) + (caseNext[metric] as number);
      caseNow[metric] = caseNext[metric] as number;
      caseNext[metric] = (caseCurves[metric] as (n: number) => number)(count + 1);
    }
    const stillAbove = filling ? active : active.filter((metric) => (sums[metric] as number) > targetSum);
    if (stillAbove.length < active.length && stillAbove.length > 0) {
      active = stillAbove;
      rebuild();
    } else {
      active = stillAbove;
      if (count < cap) queue.push(position, gain(position));
    }
  }
  return planned.map((count, position) => count - (cases[position] as NamedCaseCounts).n);
}

function currentWidths(settings: Settings): MetricWidth[] {
  const options = { level: settings.level, prior: settings.prior };
  return settings.metrics.map((metric) => samplingWidth(metric, settings.cases, options));
}

function sampleStep(
  phase: 'initial' | 'adaptive',
  cases: readonly NamedCaseCounts[],
  more: readonly number[],
  widths: readonly MetricWidth[],
): AdaptiveStep {
  const batch: AdaptiveBatchItem[] = [];
  let size = 0;
  cases.forEach(({ caseId }, position) => {
    const count = more[position] as number;
    if (count > 0) batch.push({ caseId, more: count });
    size += count;
  });
  return { kind: 'sample', phase, batch, size, widths };
}

function checkRequest(request: AdaptivePlanRequest): Settings {
  const { metrics, cases, targetWidth } = request;
  if (metrics.length === 0)
    throw new RangeError('adaptive sampling: needs at least one metric to narrow, such as pass@1');
  for (const metric of metrics) {
    if (metric.name !== 'pass@k' && metric.name !== 'pass^k') {
      throw new RangeError(`adaptive sampling: can narrow pass@k and pass^k, not ${String(metric.name)}`);
    }
    if (!Number.isInteger(metric.k) || metric.k < 1) {
      throw new RangeError(`adaptive sampling: k must be a positive integer, got ${metric.k}`);
    }
  }
  if (cases.length === 0) throw new RangeError('adaptive sampling: needs at least one case');
  const seen = new Set<string>();
  for (const { caseId, n, c } of cases) {
    if (seen.has(caseId)) throw new RangeError(`adaptive sampling: case "${caseId}" appears twice`);
    seen.add(caseId);
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(c) || c < 0 || c > n) {
      throw new RangeError(`adaptive sampling: case "${caseId}" needs integers 0 ≤ c ≤ n, got n = ${n}, c = ${c}`);
    }
  }
  if (!(targetWidth > 0 && Number.isFinite(targetWidth))) {
    throw new RangeError(`adaptive sampling: the target width must be a positive number, got ${targetWidth}`);
  }
  const largestK = Math.max(...metrics.map(({ k }) => k));
  const cap = request.maxSamplesPerCase ?? Number.POSITIVE_INFINITY;
  if (request.maxSamplesPerCase !== undefined && !(Number.isInteger(cap) && cap >= largestK)) {
    throw new RangeError(
      `adaptive sampling: the samples per case must be an integer of at least k = ${largestK}, got ${cap}`,
    );
  }
  const budget = request.budget ?? Number.POSITIVE_INFINITY;
  if (request.budget !== undefined && !(Number.isInteger(budget) && budget >= 0)) {
    throw new RangeError(`adaptive sampling: the budget must be a whole number of samples, got ${budget}`);
  }
  checkPositiveInteger('initialSamples', request.initialSamples);
  checkPositiveInteger('minimumBatchSize', request.minimumBatchSize);
  checkPositiveInteger('maximumBatchSize', request.maximumBatchSize);
  const level = request.level ?? 0.95;
  checkLevel(level);
  const prior = request.prior ?? jeffreysPrior;
  checkPrior(prior);
  return {
    metrics,
    cases,
    targetWidth,
    cap,
    budget,
    level,
    prior,
    largestK,
    initialSamples: Math.max(largestK, request.initialSamples ?? 10),
    weights: costWeights(cases, request.sampleCosts),
  };
}

/**
 * Each case's cost of a sample relative to the others', in case order: a case without a known cost gets the mean of
 * the known ones, and a free case the cheapest priced one's (a sample is never worth infinitely many). All 1 without
 * costs, or when every known cost is 0.
 */
function costWeights(
  cases: readonly NamedCaseCounts[],
  costs: Readonly<Record<string, number>> | undefined,
): readonly number[] {
  const known = cases.flatMap(({ caseId }) => {
    const cost = costs?.[caseId];
    return cost !== undefined && Number.isFinite(cost) && cost >= 0 ? [cost] : [];
  });
  const positive = known.filter((cost) => cost > 0);
  if (positive.length === 0) return cases.map(() => 1);
  const meanCost = known.reduce((sum, cost) => sum + cost, 0) / known.length;
  const cheapest = Math.min(...positive);
  return cases.map(({ caseId }) => {
    const cost = costs?.[caseId];
    const found = cost !== undefined && Number.isFinite(cost) && cost >= 0 ? cost : meanCost;
    return Math.max(found, cheapest) / meanCost;
  });
}

function checkPositiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new RangeError(`adaptive sampling: ${name} must be a positive integer, got ${value}`);
  }
}
