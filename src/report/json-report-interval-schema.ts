import { z } from 'zod';

/** A metric's interval (95% unless said otherwise), and how the runner obtained it. */
export const intervalSchema = z.strictObject({
  lower: z.number(),
  upper: z.number(),
  level: z.number().gt(0).lt(1),
  standardError: z.number().min(0),
  method: z.enum(['cases', 'case', 'extrapolation', 'posterior']),
});
