import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './run-cli.js';
import { warehouseModule } from './scripted-agent.js';
import { tempFolder } from './temp-folder.js';

/**
 * The retail example (examples/agents/support.prog) in a folder of its own, with `samples` samples per case and
 * parallel tool calls allowed; with `warehouse`, also a tool that never answers and a tool timeout of one second.
 */
export function retailSuite(options: { readonly samples: number; readonly warehouse: boolean }): string {
  const example = join(repoRoot, 'examples/agents');
  const folder = tempFolder(options.warehouse ? { 'warehouse.ts': warehouseModule } : {});
  for (const file of ['retail.ts', 'store-data.ts', 'store-lookups.ts', 'store-types.ts', 'evaluate-arithmetic.ts']) {
    copyFileSync(join(example, file), join(folder, file));
  }
  copyFileSync(join(example, 'tasks.jsonl'), join(folder, 'tasks.jsonl'));
  let program = readFileSync(join(example, 'support.prog'), 'utf8')
    .replace('parallel_tool_calls false', 'parallel_tool_calls true')
    .replace('sample 8 seed 7', `sample ${options.samples} seed 7`)
    .replace('expect pass^4 >= 0.1', `expect pass^${Math.min(4, options.samples)} >= 0.1`);
  if (options.warehouse) {
    program = program
      .replace('program support', 'import { wait_for_warehouse } from "./warehouse.ts"\n\nprogram support')
      .replace('\nagent ', '\ntool wait_for_warehouse "Ask the warehouse where the parcels of an order are."\n\nagent ')
      .replace('tool_timeout 5', 'tool_timeout 1');
  }
  for (const expected of ['parallel_tool_calls true', `sample ${options.samples} seed 7`]) {
    if (!program.includes(expected)) throw new Error(`support.prog changed: no \`${expected}\` in the copy`);
  }
  writeFileSync(join(folder, 'support.prog'), program);
  return folder;
}
