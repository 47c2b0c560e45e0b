import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChatCompletionRequest, useOpenAICompatibleServers } from './support/openai-compatible-server.js';
import { programFolder } from './support/report-programs.js';
import { runCliAsync } from './support/run-cli.js';
import { generatedProgram } from './support/temp-folder.js';

const serve = useOpenAICompatibleServers(afterEach);

/** Every value that must not reach a store, a report or the console; none has the shape of a known kind of key. */
const secrets = {
  compatibleKey: 'compat-key-5d1e9b7c3a',
  openaiKey: 'openai-key-2b8f6d4e0c',
  anthropicKey: 'anthropic-key-9c7a5e3b1d',
  googleKey: 'google-key-4e2c0a8f6b',
  password: 'url-pass-8a6c4e2b0d',
  queryKey: 'query-key-1f3b5d7a9c',
  header: 'header-key-7e5c3a1f9d',
};

/** The word a prompt `Repeat <word>.` asks for. */
const askedWord = (request: ChatCompletionRequest) =>
  /Repeat (\w+)\./.exec(String(request.messages?.at(-1)?.content))?.[1] ?? '';

/** Every file the store left beside itself (the database, its write-ahead log), as text. */
const storeBytes = (store: string) =>
  readdirSync(dirname(store))
    .map((name) => readFileSync(join(dirname(store), name), 'latin1'))
    .join('\n');

describe('secrets in stores, reports and logs', () => {
  it('keeps keys, URL credentials and credential headers out of everything `informal test` writes, even when echoed', async () => {
    const { compatibleKey, password, queryKey, header } = secrets;
    const echoed = `Incorrect API key provided: ${compatibleKey}; x-api-key ${header}; from http://proxy-user:${password}@127.0.0.1/v1?api_key=${queryKey}`;
    const status = (code: number) =>
      ({
        type: 'status',
        status: code,
        headers: { 'retry-after-ms': '1' },
        body: JSON.stringify({ error: { message: echoed } }),
      }) as const;
    // Of every eight calls: the key refused for one, a bad request for another, a retried server error for a third,
    // a wrong answer for a fourth.
    const server = await serve({
      apiKey: compatibleKey,
      reply: (request, index) =>
        [undefined, status(401), status(400), status(503), { type: 'answer', text: 'wrong' } as const][index % 8] ?? {
          type: 'answer',
          text: askedWord(request),
        },
    });
    const { folder, store } = programFolder({
      // The wrong answers fail the expectation, so that every report lists the failed samples, errors among them.
      'echo.prog': generatedProgram('echo', 4, 6, 'expect pass@1 >= 0.99'),
      'informal.config.mjs': `export default {
        retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
        interpreters: { proxy: { id: 'openai-compatible:test-model', settings: { headers: { 'x-api-key': '${header}' } } } },
      };`,
    });
    const baseURL = `${server.url.replace('//', `//proxy-user:${password}@`)}?api_key=${queryKey}`;
    const env = {
      ...process.env,
      OPENAI_COMPATIBLE_API_KEY: compatibleKey,
      OPENAI_API_KEY: secrets.openaiKey,
      ANTHROPIC_API_KEY: secrets.anthropicKey,
      GOOGLE_GENERATIVE_AI_API_KEY: secrets.googleKey,
    };
    const reports = ['json=r/report.json', 'junit=r/junit.xml', 'html=r/report.html', 'markdown=r/summary.md'];
    const test = await runCliAsync(
      [
        'test',
        'echo.prog',
        ...['--interpreter', 'proxy', '--base-url', baseURL, '--store', store, '--reporter', 'verbose'],
        ...['json', 'junit', 'markdown'].flatMap((name) => ['--reporter', name]),
        ...reports.flatMap((report) => ['--output-file', report]),
      ],
      { cwd: folder, env },
    );
    // 1: the wrong answers fail the expectation; the run itself went through.
    expect(test.status, test.stderr).toBe(1);
    const exported = await runCliAsync(['export', '--store', store], { cwd: folder, env });

    const written: Record<string, string> = {
      store: storeBytes(store),
      stdout: test.stdout,
      stderr: test.stderr,
      export: exported.stdout + exported.stderr,
      ...Object.fromEntries(
        reports
          .map((report) => report.split('=') as [string, string])
          .map(([name, path]) => [name, readFileSync(join(folder, path), 'utf8')]),
      ),
    };
    expect(Object.keys(written)).toEqual(['store', 'stdout', 'stderr', 'export', 'json', 'junit', 'html', 'markdown']);
    for (const [where, text] of Object.entries(written)) {
      // Markdown escapes the hyphens of a key (`compat\-key…`): it would leak as much, so it is looked for too.
      const unescaped = text.replaceAll('\\', '');
      for (const [name, secret] of Object.entries(secrets)) {
        expect(text.includes(secret) || unescaped.includes(secret), `${name} in ${where}`).toBe(false);
      }
    }

    // The credentials reached the server, and the server's echoes reached the store and the reports, masked.
    expect(server.requests.at(-1)).toMatchObject({
      path: `/v1/chat/completions?api_key=${queryKey}`,
      headers: { authorization: `Bearer ${compatibleKey}`, 'x-api-key': header },
    });
    const report = JSON.parse(readFileSync(join(folder, 'r/report.json'), 'utf8'));
    expect(report.programs[0].interpreter.description).toBe(
      `test-model on the OpenAI-compatible server at http://***@127.0.0.1:${server.port}/v1?api_key=***`,
    );
    expect(test.stdout).toContain(
      'refused the key (HTTP 401: Incorrect API key provided: ***; x-api-key ***; from http://***@127.0.0.1/v1?api_key=***)',
    );
    expect(exported.stdout).toContain('refused the request (HTTP 400: Incorrect API key provided: ***');

    // The command is stored, masked; the reports carry the masked errors.
    expect(written.store).toContain(`"--base-url","http://***@127.0.0.1:${server.port}/v1?api_key=***"`);
    for (const where of ['junit', 'html'] as const) expect(written[where]).toContain('x-api-key ***');
  });

  it('masks configured keys that a prompt file holds: in the store, every report, the output and the export', async () => {
    const configKey = 'config-token-3c5e7a9b1d';
    const headerKey = 'config-header-6b4d2f0a8c';
    const { folder, store } = programFolder({
      // Bare values, without a name that would mark them as credentials: only knowing them can mask them.
      'prompt.md': `Repeat {{ word }}. Context: ${secrets.openaiKey} ${secrets.anthropicKey} ${configKey} ${headerKey}`,
      'keys.prog': `prog 1
program keys
input word: string
prompt from "./prompt.md"
verify exact(expected)
case "a" { word: "alpha" } -> "never said"
case "b" { word: "beta" } -> "never said"
sample 4 seed 1
expect pass@1 >= 0.99
`,
      'informal.config.mjs': `export default {
        interpreters: {
          unused: { id: 'openai-compatible:m', baseURL: 'http://127.0.0.1:9/v1', settings: { apiKey: '${configKey}', headers: { authorization: 'Bearer ${headerKey}' } } },
        },
      };`,
    });
    const env = { ...process.env, OPENAI_API_KEY: secrets.openaiKey, ANTHROPIC_API_KEY: secrets.anthropicKey };
    const reports = ['json=r/report.json', 'junit=r/junit.xml', 'html=r/report.html', 'markdown=r/summary.md'];
    const test = await runCliAsync(
      [
        ...['test', 'keys.prog', '--interpreter', 'sim:small', '--store', store, '--reporter', 'verbose'],
        ...['json', 'junit', 'markdown'].flatMap((name) => ['--reporter', name]),
        ...reports.flatMap((report) => ['--output-file', report]),
      ],
      { cwd: folder, env },
    );
    expect(test.status, test.stderr).toBe(1);
    const exported = await runCliAsync(['export', '--store', store], { cwd: folder, env });
    const written: Record<string, string> = {
      store: storeBytes(store),
      output: test.stdout + test.stderr,
      export: exported.stdout + exported.stderr,
      ...Object.fromEntries(
        reports
          .map((report) => report.split('=') as [string, string])
          .map(([name, path]) => [name, readFileSync(join(folder, path), 'utf8')]),
      ),
    };
    for (const [where, text] of Object.entries(written)) {
      const unescaped = text.replaceAll('\\', '');
      for (const [name, secret] of Object.entries({ ...secrets, configKey, headerKey })) {
        expect(text.includes(secret) || unescaped.includes(secret), `${name} in ${where}`).toBe(false);
      }
    }
    // The prompt was read and stored, masked where the keys stood.
    expect(exported.stdout).toContain('Repeat alpha. Context: *** *** *** ***');
  });

  it('sends the calls and the key of an openai: interpreter to the baseURL of its config entry', async () => {
    const server = await serve({
      apiKey: secrets.openaiKey,
      reply: (request) => ({ type: 'answer', text: askedWord(request) }),
    });
    const { folder, store } = programFolder({
      'echo.prog': generatedProgram('echo', 2, 1),
      'informal.config.mjs': `export default { interpreters: { gateway: { id: 'openai:test-model', baseURL: '${server.url}' } } };`,
    });
    const env = { ...process.env, OPENAI_API_KEY: secrets.openaiKey };
    const test = await runCliAsync(['test', 'echo.prog', '--interpreter', 'gateway', '--store', store], {
      cwd: folder,
      env,
    });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(server.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(2);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${secrets.openaiKey}`);
  });

  it('refuses a baseURL on an interpreter that talks to no server, naming the setting', async () => {
    const { folder, store } = programFolder({
      'echo.prog': generatedProgram('echo', 1, 1),
      'informal.config.mjs': `export default { interpreters: { fake: { id: 'sim:large', baseURL: 'http://127.0.0.1:9/v1' } } };`,
    });
    const test = await runCliAsync(['test', 'echo.prog', '--interpreter', 'fake', '--store', store], { cwd: folder });
    expect(test.status).toBe(2);
    expect(test.stderr + test.stdout).toContain('`interpreters.fake.baseURL`: `sim:` interpreters talk to no server');
  });
});
