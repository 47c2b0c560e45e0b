import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from './support/openai-compatible-server.js';
import { runCliAsync } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

/**
 * Usage scripted per case: `easy` (always answered right) reads 100 prompt tokens of which 40 from the cache and
 * writes 10; `hard` (always answered wrong) reads 200 and writes 20, 5 of them reasoning. At the config's price a
 * sample of `easy` costs (60 × 2 + 40 × 1 + 10 × 8) / 10⁶ = $0.00024, and one of `hard` (200 × 2 + 20 × 8) / 10⁶ =
 * $0.00056.
 */
const usageOf = {
  easy: { prompt_tokens: 100, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 40 } },
  hard: { prompt_tokens: 200, completion_tokens: 20, completion_tokens_details: { reasoning_tokens: 5 } },
} as const;

/** Dollars per million tokens: input 2, cached input 1, output 8. */
const config = `export default {
  interpreters: {
    priced: {
      id: 'openai-compatible:test-model',
      price: { input: 2, output: 8, cachedInput: 1 },
    },
  },
};
`;

const program = (samples: number, extra = '') =>
  [
    'prog 1',
    'program capital',
    'model "priced"',
    'input country: string',
    'prompt "Capital of {{ country }}?"',
    'verify exact(expected)',
    'case "easy" { country: "France" } -> "Paris"',
    'case "hard" { country: "Narnia" } -> "Cair Paravel"',
    `sample ${samples} seed 1`,
    extra,
  ].join('\n');

/** A server answering `Paris` with the easy case's usage, and a wrong answer with the hard case's. */
async function pricedServer(): Promise<OpenAICompatibleServer> {
  return startOpenAICompatibleServer({
    reply: (request) => {
      const easy = String(request.messages?.at(-1)?.content ?? '').includes('France');
      return { type: 'answer', text: easy ? 'Paris' : 'London', usage: easy ? usageOf.easy : usageOf.hard };
    },
  });
}

describe('a budget on a loopback OpenAI-compatible server', () => {
  let server: OpenAICompatibleServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('stops within one sample of --max-cost at concurrency 64, and --resume finishes the run', async () => {
    server = await pricedServer();
    // 2 cases × 200 samples; the budget pays for about 60 of the 400 samples.
    const folder = tempFolder({ 'capital.prog': program(200), 'informal.config.mjs': config });
    const store = join(folder, 's.sqlite');
    const args = ['test', 'capital.prog', '--base-url', server.url, '--store', 's.sqlite', '--concurrency', '64'];
    const stopped = await runCliAsync([...args, '--max-cost', '0.024', '--reporter', 'json'], { cwd: folder });
    expect(stopped.status, stopped.stderr).toBe(2);
    expect(stopped.stderr).toContain('budget');
    const report = JSON.parse(stopped.stdout);
    const spent = report.budget.spent as number;
    // Within one sample's cost of the budget, on either side (the dearer case's sample is $0.00056).
    expect(spent).toBeLessThanOrEqual(0.024 + 0.00056 + 1e-12);
    expect(spent).toBeGreaterThan(0.024 - 0.00056);
    expect(report.spend.total.newCost).toBeCloseTo(spent, 12);
    const calls = server.chatCount;
    expect(report.budget).toMatchObject({ dollars: 0.024, reached: true });

    const db = new Database(store, { readonly: true });
    const runId = (db.prepare('SELECT id FROM runs').get() as { id: string }).id;
    const storedBefore = (db.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n;
    db.close();
    // Every call made was recorded as a sample: nothing paid for is lost.
    expect(storedBefore).toBe(calls);

    const resumed = await runCliAsync([...args, '--resume', runId, '--reporter', 'json'], { cwd: folder });
    expect(resumed.status, resumed.stderr).toBe(0);
    const after = new Database(store, { readonly: true });
    const rows = after
      .prepare('SELECT case_id AS caseId, sample_index AS sampleIndex FROM results ORDER BY case_id, sample_index')
      .all() as { caseId: string; sampleIndex: number }[];
    after.close();
    expect(rows).toHaveLength(400);
    expect(new Set(rows.map((row) => `${row.caseId}/${row.sampleIndex}`)).size).toBe(400);
    // The resumed run asked only for the samples the first one had not drawn.
    expect(server.chatCount).toBe(400);
    const whole = JSON.parse(resumed.stdout);
    expect(whole.programs[0].spend.program.calls).toBe(400);
    expect(whole.programs[0].spend.program.cost).toBeCloseTo(200 * 0.00024 + 200 * 0.00056, 10);
    // The samples kept from the first run came from the store: this run paid for the rest only.
    expect(whole.spend.total.newCost).toBeCloseTo(200 * 0.00024 + 200 * 0.00056 - spent, 10);
  });
});
