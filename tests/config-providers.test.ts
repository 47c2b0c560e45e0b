import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProgramFile } from '../src/vitest/run-program-file.js';
import { runVitest, testsByName } from '../src/vitest/testing/run-vitest.js';
import { useOpenAICompatibleServers } from './support/openai-compatible-server.js';
import { repoRoot, runCli, runCliAsync } from './support/run-cli.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

const serve = useOpenAICompatibleServers(afterEach);

/** The package as a project's config imports it, and the AI SDK provider package the config builds models with. */
const informalEntry = JSON.stringify(join(repoRoot, 'dist/index.js'));
const compatibleEntry = JSON.stringify(createRequire(import.meta.url).resolve('@ai-sdk/openai-compatible'));

/** A config that adds `aiSdkProvider`s named `names`, each building chat models on the server at `baseURL`. */
const configWithProviders = (baseURL: string, ...names: string[]) =>
  [
    `import { aiSdkProvider, defineConfig } from ${informalEntry};`,
    `import { createOpenAICompatible } from ${compatibleEntry};`,
    'export default defineConfig({',
    '  providers: [',
    ...names.map(
      (name) =>
        `    aiSdkProvider({ name: '${name}', model: (id) => createOpenAICompatible({ name: '${name}', baseURL: '${baseURL}' }).chatModel(id) }),`,
    ),
    '  ],',
    '});',
    '',
  ].join('\n');

// Every case's expected output is its word: the server repeats the word the prompt names.
const program = generatedProgram('echo', 2, 2);
const repeatWord = (request: { messages?: readonly { content: unknown }[] }) =>
  /Repeat (\w+)\./.exec(JSON.stringify(request.messages))?.[1] ?? 'nothing';

describe('interpreter providers from informal.config.ts', () => {
  it('runs `informal test` on a provider the config adds, against its server', async () => {
    const server = await serve({ answer: repeatWord });
    const folder = tempFolder({ 'p.prog': program, 'informal.config.ts': configWithProviders(server.url, 'myllm') });
    const result = await runCliAsync(['test', 'p.prog', '--interpreter', 'myllm:test-model', '--store', 's.sqlite'], {
      cwd: folder,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('on myllm:test-model');
    expect(server.chatCount).toBe(4);
    expect(server.chatRequests().every((request) => request.model === 'test-model')).toBe(true);
  });

  it('lets a provider of the config replace a built-in one of the same name', async () => {
    const server = await serve({ answer: repeatWord });
    const folder = tempFolder({ 'p.prog': program, 'informal.config.ts': configWithProviders(server.url, 'openai') });
    // No OPENAI_API_KEY: the built-in `openai:` would refuse to start; the config's own needs none.
    const { OPENAI_API_KEY: _key, ...env } = process.env;
    const result = await runCliAsync(['test', 'p.prog', '--interpreter', 'openai:test-model', '--no-cache'], {
      cwd: folder,
      env,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('on openai:test-model');
    expect(server.chatCount).toBe(4);
  });

  it('lists the config’s providers when an id names an unknown one', () => {
    const folder = tempFolder({
      'p.prog': program,
      'informal.config.ts': configWithProviders('http://127.0.0.1:9/v1', 'myllm'),
    });
    const result = runCli(['test', 'p.prog', '--interpreter', 'zzz:test-model'], { cwd: folder });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown interpreter provider `zzz`');
    expect(result.stderr).toContain('`myllm:…`');
    expect(result.stderr).toContain('`sim:…`');
  });

  it('rejects a malformed provider in one line naming the setting, without a stack trace', () => {
    const folder = tempFolder({
      'p.prog': program,
      'informal.config.ts': `import { aiSdkProvider } from ${informalEntry};\nexport default { providers: [{ name: 'My LLM', summary: 'mine', create: 'no' }, aiSdkProvider] };\n`,
    });
    const result = runCli(['test', 'p.prog'], { cwd: folder });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '  - `providers.0.name`: a provider name is lower-case letters, digits and dashes, starting with a letter\n',
    );
    expect(result.stderr).toContain('  - `providers.0.create`: expected a function `create(model, options)`\n');
    expect(result.stderr).toContain('  - `providers.1`: expected an interpreter provider, such as `aiSdkProvider(');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reaches the vitest plugin’s runner: a program file runs on the config’s provider', async () => {
    const server = await serve({ answer: repeatWord });
    const folder = tempFolder({ 'p.prog': program, 'informal.config.ts': configWithProviders(server.url, 'myllm') });
    const summary = await runProgramFile('p.prog', { cwd: folder, interpreter: 'myllm:test-model', store: false });
    expect(summary.run.interpreterId).toBe('myllm:test-model');
    expect(summary.errors).toBe(0);
    expect(summary.status).toBe('passed');
    expect(server.chatCount).toBe(4);
  });

  it('reaches the vitest plugin: its programs run on a provider of the config', () => {
    // The simulator under another name: a child vitest blocks nothing here, but a loopback server would need this
    // process's event loop, which waiting for the child holds.
    const plugin = JSON.stringify(join(repoRoot, 'dist/vitest/index.js'));
    const folder = tempFolder({
      'vitest.config.mjs': `import { informal } from ${plugin};\nexport default { plugins: [informal({ interpreter: 'mine:perfect', store: false })] };\n`,
      'informal.config.mjs': [
        `import { builtinProviders } from ${informalEntry};`,
        "const sim = builtinProviders.find((provider) => provider.name === 'sim');",
        "export default { providers: [{ name: 'mine', summary: 'the simulator, renamed', create: (model, options) => sim.create(model, options) }] };",
        '',
      ].join('\n'),
      'words.prog': generatedProgram('words', 3, 4, 'expect pass@1 >= 0.9'),
    });
    const run = runVitest(folder);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const tests = testsByName(run.report ?? { success: false, numTotalTests: 0, numFailedTests: 0, testResults: [] });
    expect(tests.get('words [mine:perfect] > expect pass@1 >= 0.9')?.status).toBe('passed');
  });
});
