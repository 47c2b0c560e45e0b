/** Where requests under a base URL go, and the credentials the base URL carried. */
export interface ServerEndpoint {
  /** The base URL with `path` appended to its path, its query kept, and its user and password taken out. */
  readonly url: URL;
  /** `Basic …` from the base URL's user and password, when it carries them; a bearer key wins over it. */
  readonly basicAuthorization?: string;
}

/**
 * The URL of `path` (such as `/chat/completions`) under a server's base URL. The path goes before the base URL's
 * query, which is kept (`?api-version=…` for Azure), and user and password move from the URL into a basic
 * authorization header: fetch refuses URLs with credentials, and node:http would send them only if told.
 */
export function serverEndpoint(baseURL: string, path: string): ServerEndpoint {
  const url = new URL(baseURL);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  if (user === '' && password === '') return { url };
  return { url, basicAuthorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}
