import { z } from 'zod';
import { intervalSchema } from './json-report-interval-schema.js';

/**
 * What some calls used and cost. `cost` counts calls served from the store too (what drawing them costs), `newCost`
 * only those made anew (what the run paid); both are `null` when no call had a price.
 */
const tallySchema = z.strictObject({
  calls: z.number().int().min(0),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cachedInputTokens: z.number().int().min(0),
  cacheWriteTokens: z.number().int().min(0),
  reasoningTokens: z.number().int().min(0),
  seconds: z.number().min(0),
  cost: z.number().min(0).nullable(),
  newCost: z.number().min(0).nullable(),
  unpricedCalls: z.number().int().min(0),
});

/** A figure with its interval, or `null` with the reason it has no value. */
const figureSchema = z.strictObject({
  value: z.number().nullable(),
  interval: intervalSchema.optional(),
  reason: z.string().optional(),
});

/** The price of an interpreter: dollars per million tokens (and per hour), and where it came from. */
const priceSchema = z.strictObject({
  source: z.enum(['catalogue', 'config', 'simulated', 'free']),
  label: z.string(),
  inputPerMillion: z.number().min(0),
  outputPerMillion: z.number().min(0),
  cachedInputPerMillion: z.number().min(0).optional(),
  cacheWritePerMillion: z.number().min(0).optional(),
  perHour: z.number().min(0).optional(),
});

/** pass@k at one k with the dollars of k attempts per case, and the cases solved per dollar. */
const costPointSchema = z.strictObject({
  k: z.number().int().min(1),
  passAtK: z.number().min(0).max(1),
  cost: z.number().min(0),
  solvedPerDollar: figureSchema,
});

/** A program's spend on one interpreter: its tallies, the figures with intervals, and the cost curve of pass@k. */
export const programSpendSchema = z.strictObject({
  price: priceSchema.nullable(),
  program: tallySchema,
  user: tallySchema,
  judges: tallySchema,
  costPerSample: figureSchema,
  costPerSuccess: figureSchema,
  costToSuccess: figureSchema,
  tokensPerSample: figureSchema,
  latency: z.strictObject({ mean: figureSchema, p50: figureSchema, p95: figureSchema, p99: figureSchema }),
  passAtKCost: z.strictObject({
    points: z.array(costPointSchema),
    best: costPointSchema.optional(),
    reason: z.string().optional(),
  }),
});

/** The whole run's tallies: its programs' own calls, their simulated users', their judges', and all. */
export const runSpendSchema = z.strictObject({
  program: tallySchema,
  user: tallySchema,
  judges: tallySchema,
  total: tallySchema,
});

/** The run's budget (`--max-cost`): dollars, what the new calls spent, and whether it stopped the run. */
export const budgetSchema = z.strictObject({
  dollars: z.number().min(0),
  spent: z.number().min(0),
  reached: z.boolean(),
});
