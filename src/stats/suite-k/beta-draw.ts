/**
 * The natural logarithm of a Gamma(shape, 1) draw, by Marsaglia and Tsang's method (2000, "A simple method for
 * generating gamma variables"): for shape < 1 a Gamma(shape + 1) draw times U^(1/shape), kept in logs so that the
 * tiny values a small shape gives do not underflow. `random` is uniform on [0, 1).
 */
export function logGammaDraw(shape: number, random: () => number): number {
  if (shape < 1) {
    const u = Math.max(random(), Number.MIN_VALUE);
    return logGammaDraw(shape + 1, random) + Math.log(u) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // A standard normal by Box–Muller.
      const radius = Math.sqrt(-2 * Math.log(Math.max(random(), Number.MIN_VALUE)));
      x = radius * Math.cos(2 * Math.PI * random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = Math.max(random(), Number.MIN_VALUE);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return Math.log(d * v);
  }
}

/** A Beta(a, b) draw as X/(X + Y) with X, Y Gamma draws, in logs: exact down to the smallest double. */
export function betaDraw(a: number, b: number, random: () => number): number {
  const logX = logGammaDraw(a, random);
  const logY = logGammaDraw(b, random);
  const high = Math.max(logX, logY);
  return Math.exp(logX - (high + Math.log(Math.exp(logX - high) + Math.exp(logY - high))));
}
