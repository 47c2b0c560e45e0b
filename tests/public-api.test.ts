/**
 * The public API, name by name: `informal` (src/index.ts) and `informal/test` (src/test/index.ts). The names are
 * read with TypeScript's checker, types included, and compared with tests/public-api.txt, so that any change to the
 * surface shows as a diff of that file. After a deliberate change, write the file again:
 *
 *     UPDATE_PUBLIC_API=1 npx vitest run tests/public-api.test.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

const entries = { informal: 'src/index.ts', 'informal/test': 'src/test/index.ts' } as const;
const listFile = join(repoRoot, 'tests/public-api.txt');

/** Each entry's exported names, sorted, each marked as a value or a type only. */
function exportedNames(): Record<string, string[]> {
  const files = Object.values(entries).map((file) => join(repoRoot, file));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const names: Record<string, string[]> = {};
  for (const [entry, file] of Object.entries(entries)) {
    const source = program.getSourceFile(join(repoRoot, file));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file} is not a module`);
    names[entry] = checker
      .getExportsOfModule(module)
      .map((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return `${target.flags & ts.SymbolFlags.Value ? 'value' : 'type '} ${symbol.name}`;
      })
      .sort((a, b) => a.slice(6).localeCompare(b.slice(6)));
  }
  return names;
}

function render(names: Record<string, string[]>): string {
  return Object.entries(names)
    .map(([entry, list]) => `# ${entry} (${list.length} names)\n${list.join('\n')}\n`)
    .join('\n');
}

describe('the public API', () => {
  const names = exportedNames();

  it('is the list in tests/public-api.txt', () => {
    const text = render(names);
    if (process.env.UPDATE_PUBLIC_API) writeFileSync(listFile, text);
    expect(text).toBe(readFileSync(listFile, 'utf8'));
  });

  it('informal/test resolves through the package exports, and its simulator and tiny models work', () => {
    const folder = tempFolder();
    const script = [
      "const { createSimInterpreter, simProfiles, writeTinyModel, yesModel } = await import('informal/test');",
      'const sim = createSimInterpreter(simProfiles.perfect);',
      "const call = { messages: [{ role: 'user', content: 'Capital of France?' }], settings: {}, origin: { programName: 'p', caseId: 'c', expected: 'Paris' } };",
      'const answer = await sim.interpret(call, { seed: 1 });',
      `writeTinyModel(yesModel(0.75), ${JSON.stringify(join(folder, 'yes.gguf'))});`,
      'console.log(answer.text);',
    ].join('\n');
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('Paris');
    expect(readFileSync(join(folder, 'yes.gguf')).subarray(0, 4).toString()).toBe('GGUF');
  });

  it('stays small: fewer than 100 names at the root', () => {
    expect(names.informal?.length).toBeGreaterThan(0);
    expect(names.informal?.length).toBeLessThan(100);
  });
});
