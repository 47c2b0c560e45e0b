const bars = '▁▂▃▄▅▆▇█';

/** Values in [0, 1] as a row of block characters, one per value, on an absolute scale so rows can be compared. */
export function sparkline(values: readonly number[]): string {
  return values
    .map((value) => bars[Math.min(bars.length - 1, Math.max(0, Math.round(value * (bars.length - 1))))])
    .join('');
}
