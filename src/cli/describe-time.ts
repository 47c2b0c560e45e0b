/** A moment as `2026-11-27 05:30 UTC`: the same on every machine, and in the run ids' time zone. */
export function describeTime(milliseconds: number): string {
  return `${new Date(milliseconds).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
