/**
 * How long a server asked the client to wait, in milliseconds, from its response headers: `retry-after-ms`
 * (milliseconds, as OpenAI sends) when present, else `retry-after` in seconds or as an HTTP date. Header names
 * are matched in any case. Returns undefined when neither header holds a usable value; never a negative number.
 */
export function parseRetryAfter(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const header = (name: string) =>
    Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.trim() || undefined;

  const milliseconds = header('retry-after-ms');
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds)) return Number(milliseconds);

  const retryAfter = header('retry-after');
  if (retryAfter === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  // An HTTP date names its day and month; Date.parse would take a bare "-3" for a year.
  if (!/[a-z]/i.test(retryAfter)) return undefined;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
