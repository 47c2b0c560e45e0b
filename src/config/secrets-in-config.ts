import { secretsInHeaders, secretsInURL } from '../util/redact-secrets.js';
import type { InformalConfig } from './informal-config.js';

/** Names of settings that hold a credential: `apiKey`, `api_key`, `token`, `password`, `secret`. */
const credentialSetting = /^(?:api[_-]?key|key|token|access[_-]?token|auth[_-]?token|password|secret)$/i;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The credentials a config holds, to be masked wherever the run writes or reports text: the user and password of
 * every base URL, the values of credential headers (`authorization`, `x-api-key`, …) and of settings named like a
 * credential (`apiKey`, `token`, `password`) in the interpreters' settings.
 */
export function secretsInConfig(config: InformalConfig): string[] {
  const found: string[] = [];
  if (config.baseURL) found.push(...secretsInURL(config.baseURL));
  for (const entry of Object.values(config.interpreters ?? {})) {
    if (typeof entry === 'string') continue;
    if (entry.baseURL) found.push(...secretsInURL(entry.baseURL));
    const settings = entry.settings ?? {};
    for (const [name, value] of Object.entries(settings)) {
      if (typeof value === 'string' && credentialSetting.test(name)) found.push(value);
      if (typeof value === 'string' && name === 'baseURL') found.push(...secretsInURL(value));
      if (name === 'headers' && isRecord(value)) {
        const headers = Object.fromEntries(
          Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
        );
        found.push(...secretsInHeaders(headers));
      }
    }
  }
  return found;
}
