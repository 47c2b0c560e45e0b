import type { JudgeVerdicts, Score } from '../contracts/score.js';
import type { Trace } from '../contracts/trace.js';
import { cohensKappa, type KappaEstimate } from '../stats/cohens-kappa.js';
import { type RankCorrelation, spearman } from '../stats/rank-correlation.js';
import { hashToUint31 } from '../util/stable-hash.js';
import { addJudgeVerdict, type JudgeTallies, judgeNoiseOf } from './judge-tallies.js';
import type { Verifier } from './verifier.js';

/** An output with a human's score for it: one row of a labels file. */
export interface LabelledOutput {
  /** Names the row in reports; also fixes the seeds of any judge asked about it. */
  readonly id: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The output being judged. */
  readonly output: unknown;
  /** The case's reference value, when the verifier uses one. */
  readonly expected?: unknown;
  /** The human score in [0, 1]. */
  readonly label: number;
}

/** How noisy one judge was across the rows: the mean spread and agreement of its samples. */
export interface JudgeNoise {
  readonly judge: string;
  readonly interpreterId: string;
  readonly verdicts: number;
  readonly samplesPerVerdict: number;
  readonly meanSpread: number | null;
  readonly meanAgreement: number | null;
  /**
   * The share of the variance of the program's mean score that this judge's call-to-call noise accounts for
   * (`judgeVarianceComponents`); absent where it was asked once per verdict, or from meta-evaluation.
   */
  readonly varianceShare?: number;
}

/** A verifier checked against human labels. */
export interface MetaEvaluation {
  readonly items: number;
  /** Rows whose score was an error (or unscored): left out of the figures, counted here. */
  readonly errors: number;
  /** The pass threshold for κ: a score and a label pass at or above it. */
  readonly threshold: number;
  readonly spearman: RankCorrelation;
  readonly kappa: KappaEstimate;
  /** Mean |score − label| over the scored rows; null when none was scored. */
  readonly meanAbsoluteError: number | null;
  /** For each judge in the verifier, its noise across its own samples. */
  readonly judges: readonly JudgeNoise[];
  readonly rows: readonly { readonly id: string; readonly label: number; readonly score: Score }[];
}

/** Every judge verdict in a score tree, depth first. */
export function judgeVerdictsIn(score: Score): JudgeVerdicts[] {
  const found: JudgeVerdicts[] = [];
  const visit = (node: Score) => {
    if (node.judge) found.push(node.judge);
    for (const part of node.parts ?? []) visit(part);
  };
  visit(score);
  return found;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Mean spread and agreement per judge over the verdicts found in the scores. */
export function judgeNoise(scores: readonly Score[]): JudgeNoise[] {
  const tallies: JudgeTallies = new Map();
  for (const score of scores) for (const verdict of judgeVerdictsIn(score)) addJudgeVerdict(tallies, verdict);
  return judgeNoiseOf([[...tallies.values()]]);
}

/**
 * Meta-evaluation: runs a verifier (a judge, or any composition) on outputs that humans scored, and measures how
 * well it agrees with them: Spearman's ρ between scores and labels, Cohen's κ of pass/fail at `threshold`, the mean
 * absolute error, and each judge's own noise across its samples. Rows are verified `concurrency` at a time; each row
 * gets a fixed seed from its id, so a rerun asks a cached judge nothing new.
 */
export async function metaEvaluate(
  verifier: Verifier,
  rows: readonly LabelledOutput[],
  options: { readonly programName: string; readonly threshold: number; readonly concurrency?: number },
): Promise<MetaEvaluation> {
  const scores = new Array<Score>(rows.length);
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const index = next++;
      const row = rows[index] as LabelledOutput;
      const trace: Trace = {
        programName: options.programName,
        programHash: '',
        interpreterId: '',
        caseId: row.id,
        sampleIndex: 0,
        seed: hashToUint31('meta-evaluation', row.id),
        settings: {},
        steps: [],
      };
      try {
        scores[index] = await verifier({
          inputs: row.inputs,
          output: row.output,
          steps: { main: row.output },
          ...(row.expected !== undefined ? { expected: row.expected } : {}),
          trace,
        });
      } catch (error) {
        scores[index] = {
          value: null,
          status: 'error',
          explanation: `the verifier failed: ${(error as Error).message}`,
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, rows.length)) }, worker));

  const paired = rows.flatMap((row, index) => {
    const score = scores[index] as Score;
    return score.status === 'scored' && score.value !== null ? [{ label: row.label, value: score.value }] : [];
  });
  const { threshold } = options;
  return {
    items: rows.length,
    errors: rows.length - paired.length,
    threshold,
    spearman: spearman(
      paired.map((pair) => pair.value),
      paired.map((pair) => pair.label),
    ),
    kappa: cohensKappa(
      paired.map((pair) => pair.value >= threshold),
      paired.map((pair) => pair.label >= threshold),
    ),
    meanAbsoluteError: mean(paired.map((pair) => Math.abs(pair.value - pair.label))),
    judges: judgeNoise(scores),
    rows: rows.map((row, index) => ({ id: row.id, label: row.label, score: scores[index] as Score })),
  };
}
