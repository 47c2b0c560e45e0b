/** A metric value with three decimals, as tables show it. */
export function formatMetric(value: number): string {
  return value.toFixed(3);
}

/** A duration in seconds or milliseconds, whichever reads better. */
export function formatDuration(milliseconds: number): string {
  return milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(2)} s` : `${Math.round(milliseconds)} ms`;
}

/**
 * Dollars with two significant digits below a dollar (`$0.0033`, `$0.50`, `$0.000012`) and cents above (`$12.34`);
 * `$0` for nothing. Never in exponent notation, however small.
 */
export function formatDollars(dollars: number): string {
  if (dollars === 0) return '$0';
  const size = Math.abs(dollars);
  const decimals = size >= 1 ? 2 : Math.min(12, Math.max(2, Math.ceil(-Math.log10(size)) + 1));
  return `${dollars < 0 ? '−' : ''}$${size.toFixed(decimals)}`;
}

/** A count of tokens with thousands separated (`12,345`); a mean with one decimal (`41.5`). */
export function formatTokens(tokens: number): string {
  return Number.isInteger(tokens)
    ? tokens.toLocaleString('en-US')
    : tokens.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** Seconds as `formatDuration` shows them (`850 ms`, `1.20 s`), with a tenth of a millisecond below 10 ms (`0.4 ms`). */
export function formatSeconds(seconds: number): string {
  const milliseconds = seconds * 1000;
  if (milliseconds === 0 || milliseconds >= 10) return formatDuration(milliseconds);
  return `${milliseconds.toFixed(1)} ms`;
}

/** Dollars as a user wrote them, in cents at least: a budget of 0.5 is `$0.50`, of 0.001 `$0.001`. */
export function formatBudget(dollars: number): string {
  return `$${Number.isInteger(Math.round(dollars * 1e6) / 1e4) ? dollars.toFixed(2) : String(dollars)}`;
}
