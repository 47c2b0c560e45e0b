/** What a masked secret is replaced with. */
export const mask = '***';

/**
 * Known values shorter than this are not masked by value: masking two or three characters wherever they occur
 * would garble ordinary text, and no real key is that short.
 */
const shortestKnownSecret = 8;

/** Names of headers whose values are credentials: `authorization`, `x-api-key`, `x-auth-token`. */
const secretName = /key|token|secret|passw(or)?d|auth|credential|signature/i;

/** `scheme://user:password@`: everything between `//` and `@` is the userinfo. */
const urlUserinfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@'"<>]+@/gi;

/**
 * `?key=…`, `&api_key=…`, `;sig=…`: a query parameter whose name says it holds a credential. The value ends where
 * the URL ends in prose, before a closing bracket or a comma: keys do not hold them, and messages wrap URLs in them.
 */
const queryCredential =
  /([?&;])((?:api[_-]?)?key|apikey|(?:access|auth|id|refresh|session)?[_-]?token|secret|client[_-]?secret|password|passwd|pwd|sig|signature|x-amz-(?:signature|credential|security-token))=[^&#\s"'<>)\]},;]*/gi;

/**
 * `OPENAI_API_KEY=…`, `"api_key": "…"`, `x-api-key: …`, `password=…`: a named value, as environment assignments, JSON
 * bodies and header lines write it. Bare `key` and `token` are left to URLs, where they are unambiguous.
 */
const namedCredential =
  /\b([\w-]*?(?:api[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|client[_-]?secret|secret[_-]?key|password|passwd))(["']?\s*[:=]\s*["']?)(?!\*\*\*)[^\s"'&#,;)\]}<>]+/gi;

/**
 * A bearer token wherever it appears, and a basic one after `Authorization:` (alone, `Basic` is an ordinary word).
 */
const authorizationToken = /\b(bearer|authorization["']?\s*[:=]\s*["']?basic)(\s+)[A-Za-z0-9._~+/-]{8,}=*/gi;

/**
 * Keys with a recognisable shape, each kept to its prefix so that a reader still sees which kind of key it was:
 * OpenAI and Anthropic (`sk-`, `sk-proj-`, `sk-ant-`; a digit is required so that words such as `sk-learn-…` stay),
 * Google (`AIza`), GitHub (`ghp_`, `github_pat_`), Hugging Face (`hf_`), Groq (`gsk_`), xAI (`xai-`), AWS access keys
 * (`AKIA`), Slack (`xoxb-`), and JSON Web Tokens (`eyJ…`, three parts).
 */
const keyShapes: readonly RegExp[] = [
  /\b(sk-(?:ant-|proj-)?)(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,}/g,
  /\b(AIza)[0-9A-Za-z_-]{30,}/g,
  /\b(gh[pousr]_|github_pat_)[A-Za-z0-9_]{20,}/g,
  /\b(hf_|gsk_|xai-)[A-Za-z0-9]{20,}/g,
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\b(xox[abposr]-)[A-Za-z0-9-]{10,}/g,
  /\b(eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g,
];

/** The forms in which a known value may be echoed: as given, URL-encoded, and escaped inside a JSON string. */
function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

/**
 * The text with credentials masked (`***`), keeping what a reader needs to debug: scheme, host, port, path, model
 * names and the names of parameters and headers. Masked are the values in `knownSecrets` (such as the API key an
 * interpreter sends, wherever a server echoes it; values under 8 characters are left alone), the userinfo of URLs
 * (`http://***@host/`), query parameters named like credentials (`key`, `api_key`, `token`, `sig`, …), named values
 * such as `OPENAI_API_KEY=…` or `"password": "…"`, bearer and basic tokens, and keys of a well-known shape
 * (`sk-…`, `sk-ant-…`, `AIza…`), which keep their prefix. Masking twice changes nothing.
 */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  // Shapes first: a known value masked first could cut a longer key in two, and leave the shapes unrecognised.
  let redacted = text
    .replace(urlUserinfo, `$1${mask}@`)
    .replace(queryCredential, `$1$2=${mask}`)
    .replace(namedCredential, `$1$2${mask}`)
    .replace(authorizationToken, `$1$2${mask}`);
  for (const shape of keyShapes) redacted = redacted.replace(shape, `$1${mask}`);
  // The longest first, so that a key containing another known value is masked whole.
  const known = knownSecrets
    .filter((secret) => secret.length >= shortestKnownSecret)
    .flatMap(spellings)
    .sort((a, b) => b.length - a.length);
  for (const secret of known) redacted = redacted.replaceAll(secret, mask);
  return redacted;
}

/** The values of the headers among `headers` that carry credentials (`authorization`, `x-api-key`, …). */
export function secretsInHeaders(headers: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) => {
    if (!secretName.test(name)) return [];
    // `Bearer abc…`: the token alone is the secret, wherever it is echoed without its scheme.
    const token = value.replace(/^\s*(bearer|basic)\s+/i, '').trim();
    return token === value.trim() ? [token] : [token, value.trim()];
  });
}

/** The user and password of a URL, decoded, when it carries them. */
export function secretsInURL(url: string): string[] {
  if (!URL.canParse(url)) return [];
  const { username, password } = new URL(url);
  return [username, password].filter((part) => part !== '').map(decodeURIComponent);
}

/**
 * Names of environment variables that hold credentials: `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`,
 * `GOOGLE_GENERATIVE_AI_API_KEY`, `OPENAI_COMPATIBLE_API_KEY`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `DB_PASSWORD`.
 */
const credentialVariable =
  /(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|SECRET_KEY|ACCESS_KEY|PASSWORD|PASSWD|PAT|CREDENTIALS?)$/i;

/** Values registered by the interpreters set up in this process: keys, credential headers, URL credentials. */
const registered = new Set<string>();

/**
 * Registers values as secrets of this process, masked wherever `knownSecrets()` is used: in what the store keeps,
 * and in the files a program reads. Interpreters register the keys and credential headers they send; values under
 * 8 characters are never masked (see `redactSecrets`).
 */
export function registerKnownSecrets(values: Iterable<string | undefined>): void {
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= shortestKnownSecret && !registered.has(trimmed)) {
      registered.add(trimmed);
      known = undefined;
    }
  }
}

/** `knownSecrets()` as last computed; cleared when a value is registered. */
let known: { readonly secrets: string[]; readonly spellings: string[] } | undefined;

/** The values of environment variables named like credentials (`*_API_KEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, …). */
export function secretsInEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  return Object.entries(env).flatMap(([name, value]) => {
    const trimmed = value?.trim();
    return credentialVariable.test(name) && trimmed && trimmed.length >= shortestKnownSecret && !/\s/.test(trimmed)
      ? [trimmed]
      : [];
  });
}

/**
 * Every secret this process knows of: those registered, and those in credential variables of the environment as it
 * was at the first call (reading the environment is slow, and this is called for every sample the store writes).
 */
export function knownSecrets(): string[] {
  return knownNow().secrets;
}

function knownNow(): { readonly secrets: string[]; readonly spellings: string[] } {
  if (known) return known;
  environmentSecrets ??= secretsInEnvironment();
  const secrets = [...new Set([...registered, ...environmentSecrets])];
  known = { secrets, spellings: knownSpellings(secrets) };
  return known;
}

let environmentSecrets: string[] | undefined;

/** The spellings of known values, longest first, so that a key containing another is masked whole. */
function knownSpellings(secrets: readonly string[]): string[] {
  return secrets
    .filter((secret) => secret.length >= shortestKnownSecret)
    .flatMap(spellings)
    .sort((a, b) => b.length - a.length);
}

function maskSpellings(text: string, spelled: readonly string[]): string {
  let redacted = text;
  for (const secret of spelled) if (redacted.includes(secret)) redacted = redacted.replaceAll(secret, mask);
  return redacted;
}

/**
 * The text with each known value masked (`***`), as given, URL-encoded or JSON-escaped; nothing else changes, so
 * that model output and prompts keep their meaning.
 */
export function redactKnownSecrets(text: string, secrets?: readonly string[]): string {
  return maskSpellings(text, secrets === undefined ? knownNow().spellings : knownSpellings(secrets));
}

/**
 * A copy of a JSON-like value (plain objects, arrays, strings, numbers…) with each known secret masked in every
 * string in it, keys included. For what is written to the store.
 */
export function redactKnownSecretsDeep<Value>(value: Value, secrets?: readonly string[]): Value {
  const spelled = secrets === undefined ? knownNow().spellings : knownSpellings(secrets);
  if (spelled.length === 0) return value;
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return maskSpellings(item, spelled);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype) {
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [maskSpellings(key, spelled), walk(entry)]));
    }
    return item;
  };
  return walk(value) as Value;
}
