import type { InterpreterSetupError } from '../../contracts/interpreter-provider.js';
import { redactSecrets, secretsInHeaders, secretsInURL } from '../../util/redact-secrets.js';
import { serverEndpoint } from './server-endpoint.js';

/** How to probe a server. */
export interface ReachabilityOptions {
  /** Sent as a bearer token when given, as the chat requests will be. */
  readonly apiKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** How long to wait for an answer, in milliseconds. Defaults to 3,000. */
  readonly timeoutMs?: number;
  /** The environment variable of the key, named when the server refuses it. */
  readonly keyVariable?: string;
}

/**
 * Checks, before any sample runs, that an OpenAI-compatible server answers at `baseURL`: one GET of
 * `{baseURL}/models` with a short time limit. Any HTTP answer counts as reachable (some servers do not list
 * models), except 401/403, which means the key is missing or wrong. Returns a setup error naming the URL, its
 * credentials masked, or undefined when the server answered.
 */
export async function checkReachable(
  baseURL: string,
  options: ReachabilityOptions = {},
): Promise<InterpreterSetupError | undefined> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const { url, basicAuthorization } = serverEndpoint(baseURL, '/models');
  const shownURL = redactSecrets(baseURL, [
    ...(options.apiKey ? [options.apiKey] : []),
    ...secretsInURL(baseURL),
    ...secretsInHeaders(options.headers),
  ]);
  const fixURL = `start the server, or pass its URL with --base-url (\`baseURL\` in the config)`;
  let status: number;
  try {
    const response = await fetch(url, {
      headers: {
        ...(basicAuthorization ? { authorization: basicAuthorization } : {}),
        ...options.headers,
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
    const reason = timedOut
      ? `no answer within ${timeoutMs} ms`
      : typeof cause?.code === 'string'
        ? cause.code
        : error instanceof Error
          ? error.message
          : String(error);
    return {
      message: `cannot reach the server at ${shownURL} (${redactSecrets(reason)})`,
      hint: `is it running? ${fixURL}`,
    };
  }
  if (status === 401 || status === 403) {
    return {
      message: `the server at ${shownURL} refused the key (HTTP ${status})`,
      hint: options.keyVariable ? `set ${options.keyVariable} to a key the server accepts` : 'check the API key',
    };
  }
  return undefined;
}
