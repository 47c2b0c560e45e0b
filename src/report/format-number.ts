/** A metric value with three decimals, as tables show it. */
export function formatMetric(value: number): string {
  return value.toFixed(3);
}

/** A duration in seconds or milliseconds, whichever reads better. */
export function formatDuration(milliseconds: number): string {
  return milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(2)} s` : `${Math.round(milliseconds)} ms`;
}
