import { loadConfig } from '../config/load-config.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { formatMetric } from '../report/format-number.js';
import { metaEvaluateProgram } from '../runner/meta-evaluate-program.js';
import type { KappaEstimate } from '../stats/cohens-kappa.js';
import type { RankCorrelation } from '../stats/rank-correlation.js';
import type { CommandIo } from './command-io.js';

export interface MetaEvalCommandOptions {
  readonly labels: string;
  readonly judge?: string;
  readonly interpreter?: string;
  readonly baseUrl?: string;
  readonly threshold?: number;
  readonly store?: string;
  /** Commander's `--no-cache`: false when given. */
  readonly cache: boolean;
  readonly config?: string;
  readonly concurrency?: number;
  readonly json?: boolean;
}

const interval = (estimate: { lower: number; upper: number }) =>
  `[${formatMetric(estimate.lower)}, ${formatMetric(estimate.upper)}]`;

function describeRho(rho: RankCorrelation): string {
  return rho.defined ? `${formatMetric(rho.estimate)}  ${interval(rho)}` : `undefined: ${rho.reason}`;
}

function describeKappa(kappa: KappaEstimate): string {
  if (!kappa.defined) return `undefined: ${kappa.reason}`;
  return `${formatMetric(kappa.estimate)}  ${interval(kappa)}  agreement ${formatMetric(kappa.observedAgreement)}, by chance ${formatMetric(kappa.chanceAgreement)}`;
}

/**
 * `informal meta-eval <program> --labels <file>`: checks a program's verifier, or one of its judges, against outputs
 * people scored. Prints Spearman's ρ, Cohen's κ at the pass threshold, the mean absolute error and each judge's
 * noise; exits 0 when it ran, 2 when it could not.
 */
export async function metaEvalCommand(file: string, options: MetaEvalCommandOptions, io: CommandIo): Promise<number> {
  const loadedConfig = await loadConfig(io.cwd, options.config);
  if (!loadedConfig.ok) {
    io.stderr(`error: the config ${loadedConfig.error.file} has problems:\n`);
    for (const problem of loadedConfig.error.problems) io.stderr(`  - ${problem}\n`);
    return 2;
  }
  const result = await metaEvaluateProgram({
    cwd: io.cwd,
    file,
    labels: options.labels,
    config: loadedConfig.config,
    readCache: options.cache,
    ...(options.judge !== undefined ? { judge: options.judge } : {}),
    ...(options.interpreter !== undefined ? { interpreter: options.interpreter } : {}),
    ...(options.baseUrl !== undefined ? { baseURL: options.baseUrl } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.store !== undefined ? { store: options.store } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  if (!result.ok) {
    for (const diagnostic of result.loaded?.diagnostics ?? [])
      io.stderr(`${renderDiagnostic(diagnostic, result.loaded?.source ?? '')}\n\n`);
    for (const error of result.errors)
      io.stderr(`error: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
    return 2;
  }
  const { evaluation, program, subject, judges } = result;
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          version: 1,
          program: { name: program.name, file: program.file },
          subject,
          labels: options.labels,
          judges,
          threshold: evaluation.threshold,
          items: evaluation.items,
          errors: evaluation.errors,
          spearman: evaluation.spearman,
          kappa: evaluation.kappa,
          meanAbsoluteError: evaluation.meanAbsoluteError,
          judgeNoise: evaluation.judges,
          rows: evaluation.rows.map((row) => ({
            id: row.id,
            label: row.label,
            score: row.score.value,
            status: row.score.status,
            ...(row.score.explanation !== undefined ? { explanation: row.score.explanation } : {}),
          })),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const on = judges.map((judge) => `${judge.name} on ${judge.interpreterId}, ${judge.samples} per verdict`).join('; ');
  const lines = [
    `Meta-evaluation of ${subject === 'verify' ? 'the verifier' : subject} of ${program.name} (${program.file})${on ? `: ${on}` : ''}`,
    `against ${evaluation.items} labelled outputs in ${options.labels}; pass at score ≥ ${evaluation.threshold}`,
    '',
    `  Spearman ρ         ${describeRho(evaluation.spearman)}`,
    `  Cohen's κ          ${describeKappa(evaluation.kappa)}`,
    `  mean |score − label|  ${evaluation.meanAbsoluteError === null ? 'n/a' : formatMetric(evaluation.meanAbsoluteError)}`,
    ...evaluation.judges.map(
      (judge) =>
        `  judge ${judge.judge} noise  spread ${judge.meanSpread === null ? 'n/a' : formatMetric(judge.meanSpread)}, agreement ${judge.meanAgreement === null ? 'n/a' : formatMetric(judge.meanAgreement)} across ${judge.samplesPerVerdict} answers per verdict`,
    ),
    `  errors             ${evaluation.errors} of ${evaluation.items} rows (left out of the figures)`,
  ];
  for (const row of evaluation.rows.filter((candidate) => candidate.score.status !== 'scored').slice(0, 5))
    lines.push(`    ${row.id}: ${row.score.explanation ?? row.score.status}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
