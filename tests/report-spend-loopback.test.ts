import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonReportSchema } from '../src/report/json-report-schema.js';
import { useOpenAICompatibleServers } from './support/openai-compatible-server.js';
import { programFolder } from './support/report-programs.js';
import { runCliAsync } from './support/run-cli.js';

const serve = useOpenAICompatibleServers(afterEach);

/*
 * Every call of the loopback server reports 1,000 tokens in (400 of them read from its cache) and 200 out. At the
 * config's price of $2 input, $1 cached input and $8 output per million tokens a call costs
 * (600 × 2 + 400 × 1 + 200 × 8) / 10⁶ = $0.0032. Two cases × 3 samples: 6 calls, 7,200 tokens, $0.0192; the
 * answer is always "Paris", so case p succeeds 3 times and case r never: $0.0064 per success.
 */
const program = `prog 1
program capital
model "paid"
input country: string
prompt "Capital of {{ country }}?"
verify exact(expected)
case "p" { country: "France" } -> "Paris"
case "r" { country: "Italy" } -> "Rome"
sample 3
expect cost <= 0.01
`;

describe('tokens and dollars of a run on a server with scripted usage, in every reporter', () => {
  it('reports the sums computed by hand per program and for the run', async () => {
    const server = await serve({
      answer: 'Paris',
      reply: () => ({
        type: 'answer',
        usage: { prompt_tokens: 1000, completion_tokens: 200, prompt_tokens_details: { cached_tokens: 400 } },
      }),
    });
    const { folder, store } = programFolder({ 'capital.prog': program });
    writeFileSync(
      join(folder, 'informal.config.mjs'),
      `export default { interpreters: { paid: { id: 'openai-compatible:test-model', baseURL: ${JSON.stringify(server.url)}, price: { input: 2, cachedInput: 1, output: 8 } } } };\n`,
    );
    const files = ['json=r.json', 'junit=r.xml', 'markdown=r.md', 'html=r.html'];
    const result = await runCliAsync(
      [
        'test',
        'capital.prog',
        '--store',
        store,
        '--max-cost',
        '1',
        ...files.flatMap((file) => ['--output-file', file]),
      ],
      { cwd: folder },
    );
    // `expect cost <= 0.01` fails: $0.0192.
    expect(result.status, result.stderr).toBe(1);
    expect(server.chatCount).toBe(6);
    const console = result.stdout;
    expect(console).toMatch(/\n {4}spend {3}7,200 tokens · \$0\.019 \(config prices\) · \$0\.0064 per success \[/);
    expect(console).toContain('✗ expect cost <= 0.01  observed $0.019');
    expect(console).toContain('\nSpent         7,200 tokens · $0.019 · all new\n');
    expect(console).toContain('\nBudget $1.00: $0.019 spent\n');

    const json = jsonReportSchema.parse(JSON.parse(readFileSync(join(folder, 'r.json'), 'utf8')));
    const spend = json.programs[0]?.spend;
    expect(spend?.price).toMatchObject({ source: 'config', inputPerMillion: 2, outputPerMillion: 8 });
    expect(spend?.program).toMatchObject({ calls: 6, inputTokens: 6000, outputTokens: 1200, cachedInputTokens: 2400 });
    expect(spend?.program.cost).toBeCloseTo(0.0192, 12);
    expect(spend?.program.newCost).toBeCloseTo(0.0192, 12);
    expect(spend?.costPerSample.value).toBeCloseTo(0.0032, 12);
    expect(spend?.costPerSuccess.value).toBeCloseTo(0.0064, 12);
    expect(spend?.passAtKCost.points.map((point) => [point.k, point.passAtK])).toEqual([
      [1, 0.5],
      [2, 0.5],
    ]);
    expect(spend?.passAtKCost.points[1]?.cost).toBeCloseTo(0.0064, 12);
    expect(json.spend?.total.cost).toBeCloseTo(0.0192, 12);
    expect(json.budget?.spent).toBeCloseTo(0.0192, 12);
    expect(json.budget).toMatchObject({ dollars: 1, reached: false });

    const xml = readFileSync(join(folder, 'r.xml'), 'utf8');
    expect(xml).toContain('<property name="spend.tokens" value="7200"/>');
    expect(xml).toContain('<property name="spend.priceSource" value="config"/>');
    expect(Number(/<property name="spend\.cost" value="([^"]+)"\/>/.exec(xml)?.[1])).toBeCloseTo(0.0192, 12);
    expect(Number(/<property name="spend\.costPerSuccess" value="([^"]+)"\/>/.exec(xml)?.[1])).toBeCloseTo(0.0064, 12);

    const markdown = readFileSync(join(folder, 'r.md'), 'utf8');
    expect(markdown).toContain(
      '| ❌ | capital | openai\\-compatible:test\\-model | 2 × 3 | 0.500 | 0 / 1 | 0 | 7,200 | \\$0.019 |',
    );
    expect(markdown).toContain('| program | 6 | 6,000 | 1,200 | \\$0.019 |');
    expect(markdown).toContain('| cost per sample | \\$0.0032 |');
    expect(markdown).toMatch(/\n\| 2 \| 0\.500 \| \\\$0\.0064 \| 78\.1 \| /);

    const html = readFileSync(join(folder, 'r.html'), 'utf8');
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}',
    );
    expect(data.programs[0].spend.text).toMatch(
      /^7,200 tokens · \$0\.019 \(config prices\) · \$0\.0064 per success \[/,
    );
    expect(data.programs[0].spend.costCurve.points.map((point: { text: string }) => point.text)).toEqual([
      'k = 1: pass@k 0.500 for $0.0032 per case, 156.3 cases per dollar',
      'k = 2: pass@k 0.500 for $0.0064 per case, 78.1 cases per dollar',
    ]);
  });
});
