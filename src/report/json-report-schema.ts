import { z } from 'zod';

/** A source range: character offsets into the program's file. */
const spanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

/** The type of a score in the report: a verifier's verdict with the scores it was computed from. */
export interface JsonReportScore {
  value: number | null;
  status: 'scored' | 'unscored' | 'error';
  explanation?: string | undefined;
  name?: string | undefined;
  expression?: string | undefined;
  span?: { start: number; end: number } | undefined;
  parts?: JsonReportScore[] | undefined;
}

/** A score: `value` in [0, 1] when `status` is `scored`, `null` otherwise; `parts` is the verification tree. */
export const jsonReportScoreSchema: z.ZodType<JsonReportScore> = z.lazy(() =>
  z
    .object({
      value: z.number().min(0).max(1).nullable(),
      status: z.enum(['scored', 'unscored', 'error']),
      explanation: z.string().optional(),
      name: z.string().optional(),
      expression: z.string().optional(),
      span: spanSchema.optional(),
      parts: z.array(jsonReportScoreSchema).optional(),
    })
    .refine((score) => (score.status === 'scored') === (score.value !== null), {
      message: 'a scored score has a value; an unscored or error score has null',
    }),
);

const messageSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });
const warningSchema = z.object({
  type: z.enum(['unsupported-setting', 'other']),
  setting: z.string().optional(),
  message: z.string(),
});

/** The steps of one sample: what was sent and what came back. */
const traceSchema = z.object({
  sampleIndex: z.number().int().min(0),
  steps: z.array(
    z.object({
      name: z.string(),
      messages: z.array(messageSchema),
      text: z.string(),
      outputProblem: z.string().optional(),
      finishReason: z.enum(['stop', 'length', 'content-filter', 'error', 'other']),
      usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).optional(),
      error: z.object({ message: z.string(), isRetryable: z.boolean() }).optional(),
    }),
  ),
});

const sampleSchema = z.object({
  index: z.number().int().min(0),
  seed: z.number().int(),
  output: z.unknown(),
  success: z.boolean(),
  cached: z.boolean(),
  score: jsonReportScoreSchema,
  latencyMs: z.number().min(0),
});

const caseSchema = z.object({
  id: z.string(),
  n: z.number().int().min(0),
  c: z.number().int().min(0),
  errors: z.number().int().min(0),
  meanScore: z.number().min(0).max(1).nullable(),
  trace: traceSchema.optional(),
  samples: z.array(sampleSchema),
});

const programSchema = z.object({
  file: z.string(),
  name: z.string(),
  description: z.string().optional(),
  hash: z.string(),
  interpreter: z.object({ id: z.string(), description: z.string() }),
  seed: z.number().int(),
  settings: z.object({
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
  status: z.enum(['passed', 'failed', 'partial']),
  durationMs: z.number().min(0),
  adaptive: z
    .object({
      reason: z.string(),
      batches: z.number().int().min(0),
      widths: z.array(z.object({ metric: z.unknown(), width: z.number() }).passthrough()),
    })
    .optional(),
  metrics: z.record(z.string(), z.number().nullable()),
  expectations: z.array(
    z.object({
      text: z.string(),
      met: z.boolean(),
      observed: z.number().nullable(),
      undefinedReason: z.string().optional(),
      location: z.string(),
    }),
  ),
  warnings: z.array(warningSchema),
  cases: z.array(caseSchema),
});

/**
 * The JSON report, version 1, as `--reporter json` writes it (docs/json-report.md). Later versions of informal may
 * add fields to version 1; a field that changes meaning or goes away raises the version.
 */
export const jsonReportSchema = z.object({
  version: z.literal(1),
  tool: z.object({ name: z.literal('informal'), version: z.string() }),
  status: z.enum(['passed', 'failed', 'error', 'interrupted']),
  runId: z.string().optional(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().min(0),
  errors: z.array(z.object({ message: z.string(), hint: z.string().optional() })),
  diagnostics: z.array(
    z.object({
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
  summary: z.object({
    programs: z.number().int().min(0),
    passed: z.number().int().min(0),
    failed: z.number().int().min(0),
    samples: z.number().int().min(0),
    errors: z.number().int().min(0),
  }),
});

/** The JSON report, as read back. */
export type JsonReport = z.infer<typeof jsonReportSchema>;
