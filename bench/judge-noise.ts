// Judge-noise benchmark: on suites of judged samples with a judge of known call-to-call spread, how much wider the
// mean score's interval is than without the judge's noise, against what the variance decomposition predicts, and
// the judge's share of the variance as measured from its repeated calls.
// Run: npx tsx bench/judge-noise.ts [--reps 400]
import { parseArgs } from 'node:util';
import type { CaseOutcomes } from '../src/stats/case-outcomes.js';
import { verdictVariance } from '../src/stats/judge-noise/index.js';
import { metricValue } from '../src/stats/metric-value.js';
import { createSeededRandom } from '../src/stats/seeded-random.js';

const { values } = parseArgs({ options: { reps: { type: 'string' } } });
const reps = Number(values.reps ?? 400);

/** Case means on [0.5 − w/2, 0.5 + w/2], outputs ± 0.1 around them, a judge ± `spread` per call, r calls. */
function judgedSuite(
  random: () => number,
  cases: number,
  n: number,
  r: number,
  spread: number,
  judged: boolean,
  width: number,
): CaseOutcomes[] {
  return Array.from({ length: cases }, (_, index) => {
    const caseMean = 0.5 - width / 2 + width * random();
    const scores: number[] = [];
    const judgeVariances: (number | undefined)[] = [];
    for (let j = 0; j < n; j++) {
      const output = caseMean + 0.2 * (random() - 0.5);
      const answers = Array.from({ length: r }, () => output + (random() < 0.5 ? -spread : spread));
      scores.push(judged ? answers.reduce((sum, value) => sum + value, 0) / r : output);
      judgeVariances.push(judged ? verdictVariance(answers) : undefined);
    }
    return { caseId: `c${index}`, n, c: 0, scores, errors: 0, drawn: n, ...(judged ? { judgeVariances } : {}) };
  });
}

console.log(
  '| cases × n | r | judge spread | case-mean range | width ratio measured | predicted | judge share measured | true |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [cases, n, r, spread, width] of [
  [30, 20, 3, 0.2, 0.1],
  [30, 20, 1, 0.2, 0.1],
  [30, 20, 5, 0.3, 0.1],
  [50, 10, 3, 0.2, 0.4],
] as const) {
  const random = createSeededRandom(1);
  let widthWith = 0;
  let widthWithout = 0;
  let share = 0;
  for (let rep = 0; rep < reps; rep++) {
    const a = metricValue({ name: 'mean-score' }, judgedSuite(random, cases, n, r, spread, true, width));
    const b = metricValue({ name: 'mean-score' }, judgedSuite(random, cases, n, r, spread, false, width));
    if (!a.defined || !b.defined || !a.interval || !b.interval) throw new Error('undefined mean score');
    widthWith += a.interval.upper - a.interval.lower;
    widthWithout += b.interval.upper - b.interval.lower;
    share += a.noise?.judge?.share ?? 0;
  }
  const between = width ** 2 / 12;
  const output = 0.2 ** 2 / 12;
  const judge = spread ** 2 / r;
  const predicted = Math.sqrt((between + (output + judge) / n) / (between + output / n));
  const trueShare = judge / n / (between + (output + judge) / n);
  const judgeMeasured = r > 1 ? (share / reps).toFixed(3) : 'not measured (r = 1)';
  console.log(
    `| ${cases} × ${n} | ${r} | ±${spread} | ${width} | ${(widthWith / widthWithout).toFixed(3)} | ${predicted.toFixed(3)} | ${judgeMeasured} | ${trueShare.toFixed(3)} |`,
  );
}
