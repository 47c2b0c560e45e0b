import type { ExpectItem, MetricNode } from '../lang/ast.js';
import { isSpendMetric } from '../stats/metric-reference.js';
import type { Expectation, MetricReference } from './program.js';
import type { DiagnosticSink } from './resolve-context.js';

/** The metric a node names, without its place. */
function metricReference(metric: MetricNode): MetricReference {
  switch (metric.name) {
    case 'pass@k':
    case 'pass^k':
    case 'max@k':
      return { name: metric.name, k: metric.k };
    case 'g-pass@k':
      return { name: 'g-pass@k', k: metric.k, tau: metric.tau };
    case 'attempts':
      return { name: 'attempts', budget: metric.budget };
    case 'suite-k':
      return { name: 'suite-k', quantile: metric.quantile };
    case 'mean-score':
    case 'pass@inf':
    case 'error-rate':
    case 'tokens-per-sample':
      return { name: metric.name };
    case 'cost':
      return { name: 'cost', measure: metric.measure };
    case 'latency':
      return { name: 'latency', statistic: metric.statistic };
    default:
      return metric satisfies never;
  }
}

/** What a threshold of the metric is written in. */
function thresholdHint(metric: MetricNode): string {
  switch (metric.name) {
    case 'attempts':
    case 'suite-k':
      return 'write a number of attempts of at least 1';
    case 'cost':
      return 'write an amount in dollars, such as `0.002`';
    case 'tokens-per-sample':
      return 'write a number of tokens';
    case 'latency':
      return 'write a time in seconds, such as `2.5`';
    default:
      return 'write a threshold between 0 and 1';
  }
}

/**
 * Resolves `expect` lines, for the program or (with `caseId`) for one case: k is at least 1 and at most the
 * sample count, G-Pass's τ lies in (0, 1], an attempts budget is at most samples + 1, and rates lie in [0, 1].
 */
export function resolveExpectations(
  items: readonly ExpectItem[],
  samples: number,
  source: string,
  sink: DiagnosticSink,
  caseId?: string,
): Expectation[] {
  return items.map((item) => {
    const { metric } = item;
    const written = source.slice(metric.span.start, metric.span.end);
    if ('k' in metric) {
      if (metric.k < 1) sink.error('R010', `${written} needs k of at least 1`, metric.span);
      else if (metric.k > samples) {
        sink.error(
          'R010',
          `${written} needs at least ${metric.k} samples per case, and the program draws ${samples}`,
          metric.span,
          `raise the count: \`sample ${metric.k}\` or more`,
        );
      }
    }
    if (metric.name === 'g-pass@k' && !(metric.tau > 0 && metric.tau <= 1)) {
      sink.error(
        'R037',
        `the threshold τ of ${written} must lie in (0, 1]`,
        metric.span,
        `τ is the share of the ${metric.k} attempts that must pass: \`g-pass@${metric.k}[0.5]\` asks for half of them`,
      );
    }
    if (metric.name === 'suite-k' && !(metric.quantile > 0 && metric.quantile < 1)) {
      sink.error(
        'R037',
        `the quantile q of ${written} must lie strictly between 0 and 1`,
        metric.span,
        '`suite_k@0.5` is the median number of attempts per case that solve every case; `suite_k@0.9` is solved 9 times in 10',
      );
    }
    if (metric.name === 'attempts') {
      if (metric.budget < 1) sink.error('R010', `${written} needs a budget of at least 1`, metric.span);
      else if (metric.budget > samples + 1) {
        sink.error(
          'R010',
          `${written} is estimated for budgets up to the sample count + 1 (${samples + 1})`,
          metric.span,
          `raise the count: \`sample ${metric.budget - 1}\` or more`,
        );
      }
    }
    if (item.threshold < 0) {
      sink.error(
        'R037',
        `${written} is never negative, so \`${item.operator} ${item.threshold}\` cannot be meant`,
        item.span,
        thresholdHint(metric),
      );
    } else if (
      metric.name !== 'attempts' &&
      metric.name !== 'suite-k' &&
      !isSpendMetric(metricReference(metric)) &&
      item.threshold > 1
    ) {
      sink.error(
        'R037',
        `${written} lies in [0, 1], so \`${item.operator} ${item.threshold}\` cannot be met as meant`,
        item.span,
        item.threshold <= 100
          ? `write a percentage as a fraction: \`${item.operator} ${Number((item.threshold / 100).toPrecision(12))}\``
          : 'write a threshold between 0 and 1',
      );
    }
    return {
      metric: metricReference(metric),
      operator: item.operator,
      threshold: item.threshold,
      text: source.slice(metric.span.start, item.span.end),
      ...(caseId !== undefined ? { caseId } : {}),
      span: item.span,
    };
  });
}
