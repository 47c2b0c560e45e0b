import { z } from 'zod';
import { intervalSchema } from './json-report-interval-schema.js';
import { budgetSchema, programSpendSchema, runSpendSchema } from './json-report-spend-schema.js';

/** Attempts per case, or `unbounded` where the suite may never be solved (JSON has no Infinity). */
const attemptsSchema = z.union([z.number().min(0), z.literal('unbounded')]);

/** A source range: character offsets into the program's file. */
const spanSchema = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) });

/** Tokens of a call or of a sum of calls: the totals, and the parts of them the backend reported. */
const usageSchema = z.strictObject({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number().int().min(0).optional(),
  cacheWriteTokens: z.number().int().min(0).optional(),
  reasoningTokens: z.number().int().min(0).optional(),
});

/** What a judge said about one output over its samples (`judge` on a judge's score). */
const judgeVerdictsSchema = z.strictObject({
  judge: z.string(),
  interpreterId: z.string(),
  values: z.array(z.number().min(0).max(1).nullable()),
  mean: z.number().min(0).max(1).nullable(),
  spread: z.number().min(0).nullable(),
  agreement: z.number().min(0).max(1).nullable(),
  usage: usageSchema.optional(),
  latencyMs: z.number().min(0).optional(),
});

/** The type of a score in the report: a verifier's verdict with the scores it was computed from. */
export interface JsonReportScore {
  value: number | null;
  status: 'scored' | 'unscored' | 'error';
  explanation?: string | undefined;
  name?: string | undefined;
  expression?: string | undefined;
  span?: { start: number; end: number } | undefined;
  parts?: JsonReportScore[] | undefined;
  judge?: z.infer<typeof judgeVerdictsSchema> | undefined;
}

/**
 * A score in a verification tree. A part made by arithmetic (the `a + b` of `(a + b) / 2`) may hold a value outside
 * [0, 1]; the score of a sample never does (`jsonReportScoreSchema`).
 */
const scoreNodeSchema: z.ZodType<JsonReportScore> = z.lazy(() =>
  z
    .strictObject({
      value: z.number().nullable(),
      status: z.enum(['scored', 'unscored', 'error']),
      explanation: z.string().optional(),
      name: z.string().optional(),
      expression: z.string().optional(),
      span: spanSchema.optional(),
      parts: z.array(scoreNodeSchema).optional(),
      judge: judgeVerdictsSchema.optional(),
    })
    .refine((score) => (score.status === 'scored') === (score.value !== null), {
      message: 'a scored score has a value; an unscored or error score has null',
    }),
);

/** A score: `value` in [0, 1] when `status` is `scored`, `null` otherwise; `parts` is the verification tree. */
export const jsonReportScoreSchema: z.ZodType<JsonReportScore> = scoreNodeSchema.refine(
  (score) => score.value === null || (score.value >= 0 && score.value <= 1),
  { message: "a sample's score lies in [0, 1]" },
);

const toolCallSchema = z.strictObject({ id: z.string(), name: z.string(), arguments: z.string() });

/** A message sent: system, user, assistant (with the tools it called) or a tool's result. */
const messageSchema = z.union([
  z.strictObject({
    role: z.enum(['system', 'user', 'assistant']),
    content: z.string(),
    toolCalls: z.array(toolCallSchema).optional(),
  }),
  z.strictObject({
    role: z.literal('tool'),
    content: z.string(),
    toolCallId: z.string(),
    toolName: z.string(),
    isError: z.boolean().optional(),
  }),
]);
const finishReasonSchema = z.enum(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other']);
const traceErrorSchema = z.strictObject({ message: z.string(), isRetryable: z.boolean() });
const agentEndSchema = z.enum(['answer', 'max-turns', 'max-tokens', 'user-max-turns', 'error']);

/** One turn of a trajectory: the interpreter's, a tool call's result, or the simulated user's message. */
const turnSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('model'),
    text: z.string(),
    toolCalls: z.array(toolCallSchema),
    finishReason: finishReasonSchema,
    usage: usageSchema.optional(),
    latencyMs: z.number().min(0),
    error: traceErrorSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('tool'),
    callId: z.string(),
    name: z.string(),
    arguments: z.unknown(),
    result: z.unknown().optional(),
    error: z.string().optional(),
    latencyMs: z.number().min(0),
  }),
  z.strictObject({
    kind: z.literal('user'),
    text: z.string(),
    usage: usageSchema.optional(),
    latencyMs: z.number().min(0),
    error: traceErrorSchema.optional(),
  }),
]);

/** An agent step's trajectory. */
const trajectorySchema = z.strictObject({
  ended: agentEndSchema,
  modelTurns: z.number().int().min(0),
  state: z.unknown().optional(),
  expectedState: z.unknown().optional(),
  turns: z.array(turnSchema),
});

/** An agent program's figures over its samples' trajectories. */
const agentFiguresSchema = z.strictObject({
  samples: z.number().int().min(1),
  turnsPerSample: z.number().min(0),
  toolCallsPerSample: z.number().min(0),
  toolErrorRate: z.number().min(0).max(1).nullable(),
  userTurnsPerSample: z.number().min(0),
  ended: z.strictObject({
    answer: z.number().int().min(0),
    'max-turns': z.number().int().min(0),
    'max-tokens': z.number().int().min(0),
    'user-max-turns': z.number().int().min(0),
    error: z.number().int().min(0),
  }),
});
const warningSchema = z.strictObject({
  type: z.enum(['unsupported-setting', 'other']),
  setting: z.string().optional(),
  message: z.string(),
});

/** The steps of one sample: what was sent and what came back. */
const traceSchema = z.strictObject({
  sampleIndex: z.number().int().min(0),
  steps: z.array(
    z.strictObject({
      name: z.string(),
      messages: z.array(messageSchema),
      text: z.string(),
      outputProblem: z.string().optional(),
      finishReason: finishReasonSchema,
      usage: usageSchema.optional(),
      error: traceErrorSchema.optional(),
      agent: trajectorySchema.optional(),
    }),
  ),
});

const sampleSchema = z.strictObject({
  index: z.number().int().min(0),
  seed: z.number().int(),
  output: z.unknown(),
  success: z.boolean(),
  cached: z.boolean(),
  score: jsonReportScoreSchema,
  latencyMs: z.number().min(0),
});

const caseSchema = z.strictObject({
  id: z.string(),
  n: z.number().int().min(0),
  c: z.number().int().min(0),
  errors: z.number().int().min(0),
  drawn: z.number().int().min(0),
  meanScore: z.number().min(0).max(1).nullable(),
  trace: traceSchema.optional(),
  samples: z.array(sampleSchema),
});

/** Whether a failed or met expectation is clear at this sample size, and what would decide it. */
const significanceSchema = z.strictObject({
  verdict: z.enum(['significant', 'uncertain']),
  samplesPerCase: z.number().int().min(1).optional(),
  casesNeeded: z.number().int().min(1).optional(),
  note: z.string().optional(),
  judgeShare: z.number().min(0).max(1).optional(),
});

const expectationSchema = z.strictObject({
  text: z.string(),
  caseId: z.string().optional(),
  met: z.boolean(),
  observed: z.number().nullable(),
  undefinedReason: z.string().optional(),
  interval: intervalSchema.optional(),
  significance: significanceSchema.optional(),
  /**
   * In a sequential run: `pass` or `fail` once decided (at round `decidedAt`, with the confidence sequence
   * `interval`), `undecided` when the cap came first (not met, and not a pass), or `not-sequential` with the reason
   * (checked on all samples drawn).
   */
  sequential: z
    .union([
      z.strictObject({
        decision: z.enum(['pass', 'fail', 'undecided']),
        decidedAt: z.number().int().min(1).optional(),
        interval: z.strictObject({ lower: z.number().min(0).max(1), upper: z.number().min(0).max(1) }),
      }),
      z.strictObject({ decision: z.literal('not-sequential'), reason: z.string() }),
    ])
    .optional(),
  location: z.string(),
});

/** How a sequential run ended (see `SequentialOutcome`). */
const sequentialSchema = z.strictObject({
  end: z.enum(['decided', 'cap-reached', 'stopped', 'stalled', 'nothing-to-decide']),
  errorRate: z.number().gt(0).lt(1),
  expectationErrorRate: z.number().gt(0).lt(1),
  roundSize: z.number().int().min(0),
  rounds: z.number().int().min(0),
  cap: z.number().int().min(1),
});

const metricChangeSchema = z.strictObject({
  metric: z.string(),
  baseline: z.number(),
  current: z.number(),
  difference: z.number(),
  lower: z.number(),
  upper: z.number(),
  pValue: z.number().min(0).max(1),
  cases: z.number().int().min(0),
  change: z.enum(['regression', 'improvement', 'unchanged']),
});

const baselineSchema = z.strictObject({
  status: z.enum(['regressed', 'improved', 'unchanged', 'not-comparable']),
  alpha: z.number().gt(0).lt(1),
  programChanged: z.boolean(),
  changes: z.array(metricChangeSchema),
  note: z.string().optional(),
});

/** Per named judge: its verdicts and how noisy its answers were. */
const judgeNoiseSchema = z.strictObject({
  judge: z.string(),
  interpreterId: z.string(),
  verdicts: z.number().int().min(0),
  samplesPerVerdict: z.number().int().min(0),
  meanSpread: z.number().min(0).nullable(),
  meanAgreement: z.number().min(0).max(1).nullable(),
  varianceShare: z.number().min(0).max(1).optional(),
});

const adaptiveSchema = z.strictObject({
  reason: z.enum(['target-reached', 'budget-spent', 'caps-reached', 'stopped', 'stalled']),
  batches: z.number().int().min(0),
  widths: z.array(
    z.strictObject({
      metric: z.strictObject({ name: z.enum(['pass@k', 'pass^k']), k: z.number().int().min(1) }),
      estimate: z.number(),
      standardError: z.number().min(0),
      width: z.number().min(0),
      level: z.number().gt(0).lt(1),
    }),
  ),
});

const programSchema = z.strictObject({
  file: z.string(),
  name: z.string(),
  description: z.string().optional(),
  hash: z.string(),
  interpreterName: z.string(),
  interpreter: z.strictObject({ id: z.string(), description: z.string() }),
  seed: z.number().int(),
  settings: z.strictObject({
    temperature: z.number().optional(),
    topP: z.number().optional(),
    maxTokens: z.number().optional(),
  }),
  samplesPerCase: z.number().int().min(0),
  planned: z.number().int().min(0),
  shard: z
    .string()
    .regex(/^\d+\/\d+$/)
    .optional(),
  interrupted: z.boolean(),
  cacheHits: z.number().int().min(0),
  status: z.enum(['passed', 'failed', 'undetermined', 'partial']),
  durationMs: z.number().min(0),
  adaptive: adaptiveSchema.optional(),
  sequential: sequentialSchema.optional(),
  metrics: z.record(z.string(), z.number().nullable()),
  intervals: z.record(z.string(), intervalSchema.nullable()),
  suiteK: z
    .strictObject({
      q: z.number().gt(0).lt(1),
      estimate: attemptsSchema,
      lower: attemptsSchema.optional(),
      upper: attemptsSchema.optional(),
      level: z.number().gt(0).lt(1).optional(),
      cappedMean: z
        .strictObject({
          budget: z.number().int().min(1),
          estimate: z.number().min(0),
          lower: z.number().min(0),
          upper: z.number().min(0),
          beyondSamples: z.boolean(),
        })
        .optional(),
    })
    .optional(),
  passAtKCurve: z.array(z.strictObject({ k: z.number().int().min(1), value: z.number().min(0).max(1) })),
  expectations: z.array(expectationSchema),
  baseline: baselineSchema.optional(),
  judges: z.array(judgeNoiseSchema).optional(),
  agent: agentFiguresSchema.optional(),
  spend: programSpendSchema.optional(),
  warnings: z.array(warningSchema),
  cases: z.array(caseSchema),
});

const suiteKEstimateSchema = z.strictObject({
  estimate: attemptsSchema,
  lower: attemptsSchema,
  upper: attemptsSchema,
  beyondSamples: z.boolean(),
});

/** A further interpreter against the first a program ran on: pass@1's difference paired over cases. */
const interpreterComparisonSchema = z.strictObject({
  file: z.string(),
  programName: z.string(),
  reference: z.string(),
  interpreter: z.string(),
  cases: z.number().int().min(0),
  metric: z.literal('pass@1'),
  referenceValue: z.number().min(0).max(1).nullable(),
  value: z.number().min(0).max(1).nullable(),
  difference: z
    .strictObject({
      estimate: z.number().min(-1).max(1),
      lower: z.number(),
      upper: z.number(),
      level: z.number().gt(0).lt(1),
      standardError: z.number().min(0),
      pValue: z.number().min(0).max(1),
    })
    .optional(),
  significant: z.boolean(),
  reason: z.string().optional(),
  suiteK: z
    .strictObject({
      q: z.number().gt(0).lt(1),
      level: z.number().gt(0).lt(1),
      reference: suiteKEstimateSchema,
      interpreter: suiteKEstimateSchema,
      ratio: z.strictObject({ estimate: attemptsSchema, lower: attemptsSchema, upper: attemptsSchema }),
      fewer: z.enum(['reference', 'interpreter', 'neither']),
    })
    .optional(),
});

/** A program on an interpreter left unrun after `--bail` stopped the suite. */
const notRunSchema = z.strictObject({ file: z.string(), programName: z.string(), interpreter: z.string() });

/**
 * The JSON report, version 1, as `--reporter json` writes it (docs/json-report.md). Every object is strict: a field
 * the schema does not describe fails it. Later versions of informal may add fields to version 1 (and to this
 * schema); a field that changes meaning or goes away raises the version.
 */
export const jsonReportSchema = z.strictObject({
  version: z.literal(1),
  tool: z.strictObject({ name: z.literal('informal'), version: z.string() }),
  status: z.enum(['passed', 'failed', 'error', 'interrupted']),
  runId: z.string().optional(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().min(0),
  errors: z.array(z.strictObject({ message: z.string(), hint: z.string().optional() })),
  diagnostics: z.array(
    z.strictObject({
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
      file: z.string(),
      span: spanSchema,
      hint: z.string().optional(),
      line: z.number().int().min(1),
      column: z.number().int().min(1),
    }),
  ),
  programs: z.array(programSchema),
  interpreterComparisons: z.array(interpreterComparisonSchema).optional(),
  notRun: z.array(notRunSchema).optional(),
  baselineWritten: z.string().optional(),
  spend: runSpendSchema.optional(),
  budget: budgetSchema.optional(),
  summary: z.strictObject({
    programs: z.number().int().min(0),
    passed: z.number().int().min(0),
    failed: z.number().int().min(0),
    undetermined: z.number().int().min(0),
    /** Expectations a sequential run left undecided at its cap; present when a program ran sequentially. */
    undecided: z.number().int().min(0).optional(),
    notRun: z.number().int().min(0),
    regressed: z.number().int().min(0),
    samples: z.number().int().min(0),
    errors: z.number().int().min(0),
  }),
});

/** The JSON report, as read back. */
export type JsonReport = z.infer<typeof jsonReportSchema>;
