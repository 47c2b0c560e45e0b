import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from './support/openai-compatible-server.js';
import { retailSuite } from './support/retail-suite.js';
import { runCliAsync } from './support/run-cli.js';
import { scriptedRetailAgent } from './support/scripted-agent.js';

interface Turn {
  readonly kind: string;
  readonly name?: string;
  readonly error?: string;
  readonly result?: unknown;
}

interface ExportLine {
  readonly caseId: string;
  readonly step: { readonly error?: unknown; readonly agent?: { readonly modelTurns: number; readonly turns: Turn[] } };
  readonly steps: readonly unknown[];
}

/** Runs the suite on `interpreter` and checks every sample's trajectory against the script and the server's count. */
async function runAgainst(
  server: OpenAICompatibleServer,
  folder: string,
  interpreterArgs: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const before = server.chatCount;
  const run = await runCliAsync(['test', 'support.prog', ...interpreterArgs, '--store', 's.sqlite'], {
    cwd: folder,
    env,
  });
  // The scripted agent changes nothing, so the cases that need changes fail: exit 1, never a crash (2).
  expect(run.status, run.stderr).toBe(1);
  const exported = await runCliAsync(['export', 'latest', '--store', 's.sqlite'], { cwd: folder, env });
  expect(exported.status, exported.stderr).toBe(0);
  const lines = exported.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ExportLine);
  expect(lines).toHaveLength(18 * 2);
  let modelTurns = 0;
  for (const line of lines) {
    const agent = line.step.agent;
    expect(agent, line.caseId).toBeDefined();
    modelTurns += agent?.modelTurns ?? 0;
    const tools = (agent?.turns ?? []).filter((turn) => turn.kind === 'tool');
    const byName = (name: string) => tools.find((turn) => turn.name === name);
    // Two calls in one turn: one answered, one with arguments cut short.
    expect(byName('get_order')?.result, line.caseId).toMatchObject({ order_id: 'W1001' });
    expect(byName('find_user_by_email')?.error, line.caseId).toMatch(/JSON/);
    // The warehouse never answers: its call ends at the timeout, and the sample goes on.
    expect(byName('wait_for_warehouse')?.error, line.caseId).toMatch(/1 s|time/);
    // Hostile arguments are tool errors the model is told of: the shop refuses an order named `__proto__` and one
    // named by a path; an id too long for the engine never reaches the tool; an id behind `__proto__` is no id.
    expect(byName('cancel_order')?.error, line.caseId).toMatch(/not found/);
    expect(byName('get_order') && tools.filter((turn) => turn.name === 'get_order')[1]?.error).toMatch(/not found/);
    const users = tools.filter((turn) => turn.name === 'get_user');
    expect(users).toHaveLength(2);
    for (const user of users) expect(user.error, line.caseId).toBeDefined();
    expect(users.map((user) => user.error?.length ?? 0).every((length) => length < 2000)).toBe(true);
  }
  // Every request the server answered is a model turn of some trajectory, and every model turn was a request.
  expect(server.chatCount - before).toBe(modelTurns);
}

describe('the retail agent suite against a loopback OpenAI-compatible server that scripts tool calls', () => {
  let server: OpenAICompatibleServer | undefined;
  afterAll(() => server?.close());

  it('ends every sample as a trajectory through the project client, whatever the calls', async () => {
    server ??= await startOpenAICompatibleServer({ models: ['agent-model'], reply: scriptedRetailAgent });
    await runAgainst(server, retailSuite({ samples: 2, warehouse: true }), [
      '--interpreter',
      'openai-compatible:agent-model',
      '--base-url',
      server.url,
    ]);
  });

  it('does the same through the AI SDK adapter (its OpenAI provider, pointed at the server)', async () => {
    server ??= await startOpenAICompatibleServer({ models: ['agent-model'], reply: scriptedRetailAgent });
    const folderConfig = `export default { interpreters: { scripted: { id: 'openai:agent-model', baseURL: ${JSON.stringify(server.url)} } } };\n`;
    const env = { ...process.env, OPENAI_API_KEY: 'sk-test-loopback-only' };
    const folder = retailSuite({ samples: 2, warehouse: true });
    writeFileSync(join(folder, 'informal.config.mjs'), folderConfig);
    await runAgainst(server, folder, ['--interpreter', 'scripted'], env);
  });
});
