import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { afterAll, describe, expect, test } from 'vitest';

// docs/agents.md: its TypeScript example is loaded as a program loads a tool module, and run; its links lead to
// files that exist.

const docsFolder = fileURLToPath(new URL('../docs/', import.meta.url));
const markdown = readFileSync(join(docsFolder, 'agents.md'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'informal-agents-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Tool = (args: Record<string, unknown>, context: { state: unknown }) => unknown;

describe('docs/agents.md', () => {
  test('its tool module loads as a program would load it, and its tool keeps the rules it shows', async () => {
    const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(blocks).toHaveLength(1);
    const file = join(scratch, 'shop.ts');
    writeFileSync(file, blocks[0] ?? '');
    const module = (await createJiti(pathToFileURL(file).href, { moduleCache: false }).import(file)) as Record<
      string,
      unknown
    >;
    const create = module.create_store as (testCase: unknown, options: { seed: number }) => unknown;
    const cancel = module.cancel_order as Tool;
    const state = await create({ id: 'docs', inputs: {} }, { seed: 1 });
    expect(cancel({ order_id: 'W1001' }, { state })).toEqual({ order_id: 'W1001', status: 'cancelled' });
    expect(() => cancel({ order_id: 'W1002' }, { state })).toThrow(
      'order W1002 is delivered: only pending orders can be cancelled',
    );
    for (const hostile of ['__proto__', 'constructor', '../../etc/passwd']) {
      expect(() => cancel({ order_id: hostile }, { state })).toThrow(`order not found: ${JSON.stringify(hostile)}`);
    }
    expect(JSON.parse(JSON.stringify(state))).toEqual({
      orders: { W1001: { status: 'cancelled' }, W1002: { status: 'delivered' } },
    });
  });

  test('its links lead to files that exist', () => {
    const targets = [...markdown.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1] ?? '')
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.length).toBeGreaterThan(10);
    const missing = targets.filter((target) => !existsSync(resolve(docsFolder, target)));
    expect(missing).toEqual([]);
  });
});
