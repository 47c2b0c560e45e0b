/** `count` indices drawn with probabilities proportional to `weights`, with `random` uniform on [0, 1) (one call per index). */
export function drawIndices(weights: Float64Array, count: number, random: () => number): number[] {
  if (count === 0) return [];
  const cumulative = new Float64Array(weights.length);
  let running = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i] as number;
    cumulative[i] = running;
  }
  return Array.from({ length: count }, () => {
    const u = random() * running;
    let low = 0;
    let high = weights.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) > u) high = middle;
      else low = middle + 1;
    }
    return low;
  });
}
