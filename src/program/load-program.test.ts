import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../tests/support/run-cli.js';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { compileVerifier } from '../verifiers/compile-verifier.js';
import { type LoadedProgram, loadProgram } from './load-program.js';

// Modules in temporary folders import the built package and zod by URL, as they would by name in a project.
const informalUrl = new URL('dist/index.js', `file://${repoRoot}`).href;
const zodUrl = import.meta.resolve('zod');
const moduleHeader = `import { defineVerifier } from ${JSON.stringify(informalUrl)};\nimport { z } from ${JSON.stringify(zodUrl)};\n`;

const wordsModule = `${moduleHeader}
export const starts_with = defineVerifier({
  description: 'the text starts with the prefix',
  args: [z.string(), z.string().min(1)],
  options: z.strictObject({ ignore_case: z.boolean().optional() }),
  score(context, [value, prefix], options) {
    const fold = (text) => (options.ignore_case ? text.toLowerCase() : text);
    return fold(value).startsWith(fold(prefix)) ? 1 : { value: 0, status: 'scored', explanation: 'no' };
  },
});
export const echoes_input = defineVerifier({
  args: z.string(),
  score(context, [value]) {
    return value.includes(String(context.inputs.word));
  },
});
export const notAVerifier = 42;
`;

function rendered(loaded: LoadedProgram): string[] {
  return loaded.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, loaded.source));
}

const codes = (loaded: LoadedProgram) => loaded.diagnostics.map((diagnostic) => diagnostic.code);

describe('loadProgram with imports', () => {
  it('imports verifiers from a TypeScript module, checks their literal arguments, and runs them with the context', async () => {
    const folder = tempFolder({
      'words.ts': wordsModule,
      'p.prog': `prog 1
import { starts_with, echoes_input } from "./words.ts"
program p
input word: string
prompt "Say {{ word }}"
verify starts_with("Sa", { ignore_case: true }) and echoes_input
case "a" { word: "hi" }
`,
    });
    const loaded = await loadProgram('p.prog', folder);
    expect(rendered(loaded)).toEqual([]);
    expect(loaded.dependencies).toEqual([join(folder, 'words.ts')]);
    const program = loaded.program;
    if (!program) throw new Error('no program');
    expect([...program.verifiers.keys()]).toEqual(['starts_with', 'echoes_input']);
    const verifier = compileVerifier(program.verify.expression, program.source, { verifiers: program.verifiers });
    const trace = {
      programName: 'p',
      programHash: 'h',
      interpreterId: 'sim',
      caseId: 'a',
      sampleIndex: 0,
      seed: 1,
      settings: {},
      steps: [],
    };
    const context = (output: string) => ({ inputs: { word: 'hi' }, output, steps: { main: output }, trace });
    expect((await verifier(context('say hi'))).value).toBe(1);
    expect((await verifier(context('Hello hi'))).value).toBe(0);
    const wrongType = await verifier({ ...context('x'), output: 42 });
    expect(wrongType.status).toBe('error');
    expect(wrongType.explanation).toContain('value must be a string, got 42');
  });

  it('reports bad arguments, unknown exports, exports that are not verifiers, and modules with none', async () => {
    const folder = tempFolder({
      'words.ts': wordsModule,
      'empty.ts': 'export const answer = 42;\n',
      'broken.ts': 'export const x = ;\n',
      'p.prog': `prog 1
import { starts_with, echoes_inptu, notAVerifier } from "./words.ts"
import { answer } from "./empty.ts"
import { x } from "./broken.ts"
import { y } from "./missing.ts"
program p
input word: string
prompt "Say {{ word }}"
verify starts_with("") and starts_with(1, "a", "b") and starts_with("a", { ignore_cas: true }) and echoes_inptu and answer and x
case "a" { word: "hi" }
`,
    });
    const loaded = await loadProgram('p.prog', folder);
    const text = rendered(loaded).join('\n');
    expect(codes(loaded)).toEqual(['R031', 'R031', 'R033', 'R033', 'R030', 'V002', 'R013', 'V002', 'V003']);
    expect(text).toContain('"./words.ts" has no export `echoes_inptu`');
    expect(text).toContain('did you mean `echoes_input`?');
    expect(text).toContain('the export `notAVerifier` of "./words.ts" is not a verifier');
    expect(text).toContain('the module "./empty.ts" exports no verifier');
    expect(text).toMatch(/the module "\.\/broken\.ts" failed to load: /);
    expect(text).toContain('cannot import "./missing.ts": no such file');
    expect(text).toContain('`starts_with` expects `argument 2` to be a string');
    expect(text).toContain('`starts_with` has no option `ignore_cas`');
    expect(loaded.program).toBeUndefined();
  });

  it('imports a program, checks the call against its inputs, and lists every file read as a dependency', async () => {
    const folder = tempFolder({
      'inner.prog': `prog 1
program inner
input text: string
input count: integer = 3
prompt from "./prompts/inner.md"
verify length({ min: 1 })
case "a" { text: "x" }
`,
      'outer.prog': `prog 1
import { inner } from "./inner.prog"
program outer
input topic: string
input n: number
step a = inner(topic, count: 2)
step b = inner(text: topic, count: n)
step c = inner(cont: 2)
step d = inner(topic, 1, 2)
step e = innr(topic)
prompt "{{ a }} {{ later }} {{ zzz }}"
step later = "x"
verify exact(expected)
case "a" { topic: "t", n: 1 } -> "x"
`,
    });
    mkdirSync(join(folder, 'prompts'));
    writeFileSync(join(folder, 'prompts', 'inner.md'), '  Summarize {{ text }} in {{ count }} words.\n');
    const loaded = await loadProgram('outer.prog', folder);
    const text = rendered(loaded).join('\n\n');
    expect(codes(loaded)).toEqual(['R023', 'R022', 'R024', 'R022', 'R021', 'R025', 'R001']);
    expect(text).toContain('`inner` expects `count` to be integer, and `n` is number');
    expect(text).toContain('`inner` has no input `cont`\n');
    expect(text).toContain('did you mean `count`?');
    expect(text).toContain('`inner` takes 2 inputs, got more');
    expect(text).toContain('unknown program `innr`');
    expect(text).toContain('did you mean `inner`?');
    expect(text).toContain('step `later` is used in the prompt before it runs');
    expect([...loaded.dependencies].sort()).toEqual([join(folder, 'inner.prog'), join(folder, 'prompts', 'inner.md')]);

    const inner = await loadProgram('inner.prog', folder);
    expect(inner.program?.steps[0]?.kind === 'prompt' && inner.program.steps[0].messages[0]?.parts).toEqual([
      { kind: 'text', text: 'Summarize ' },
      { kind: 'interpolation', path: ['text'], span: expect.any(Object) },
      { kind: 'text', text: ' in ' },
      { kind: 'interpolation', path: ['count'], span: expect.any(Object) },
      { kind: 'text', text: ' words.' },
    ]);
  });

  it('says which import of a module cannot be found, and where a module has a syntax error', async () => {
    const program = (module: string) =>
      `prog 1\nimport { check } from "./${module}"\nprogram p\nprompt "Hi"\nverify check\ncase "a" {}\n`;
    const folder = tempFolder({
      'missing.ts': 'import { z } from "zod-not-installed";\nexport const check = z;\n',
      'moved.ts': 'import { helper } from "./gone.ts";\nexport const check = helper;\n',
      'broken.ts': 'export const other = 1;\nexport const check = ;\n',
      'a.prog': program('missing.ts'),
      'b.prog': program('moved.ts'),
      'c.prog': program('broken.ts'),
    });
    const [missing, moved, broken] = await Promise.all(
      ['a.prog', 'b.prog', 'c.prog'].map((file) => loadProgram(file, folder)),
    );
    expect(missing?.diagnostics.map(({ code, message, hint }) => ({ code, message, hint }))).toEqual([
      {
        code: 'R033',
        message: `the module "./missing.ts" failed to load: it imports "zod-not-installed", which cannot be found from ${folder}`,
        hint: 'install it where the module can find it (`npm install zod-not-installed` in the project), or remove the import',
      },
    ]);
    expect(moved?.diagnostics[0]?.message).toContain('it imports "./gone.ts", which cannot be found');
    expect(moved?.diagnostics[0]?.hint).toBe('fix the import in moved.ts, or put the file where it points');
    expect(broken?.diagnostics[0]?.message).toMatch(
      /^the module "\.\/broken\.ts" failed to load: .+ at broken\.ts:2:\d+: "export const check = ;"$/,
    );
    expect(broken?.diagnostics[0]?.hint).toMatch(/^fix broken\.ts at line 2, column \d+$/);
  });

  it('finds import cycles and names the chain', async () => {
    const program = (name: string, imports: string) => `prog 1
${imports}
program ${name}
input x: string
prompt "{{ x }}"
verify length({ min: 1 })
case "a" { x: "y" }
`;
    const folder = tempFolder({
      'a.prog': program('a', 'import { b } from "./b.prog"'),
      'b.prog': program('b', 'import { c } from "./c.prog"'),
      'c.prog': program('c', 'import { a } from "./a.prog"'),
      'self.prog': program('self', 'import { self } from "./self.prog"'),
    });
    const a = await loadProgram('a.prog', folder);
    expect(rendered(a)).toEqual([
      [
        'a.prog:2:19: error R032: import cycle: a.prog → b.prog → c.prog → a.prog',
        '  |',
        '2 | import { b } from "./b.prog"',
        '  |                   ^^^^^^^^^^',
        '  = hint: a program cannot call itself, directly or through others',
      ].join('\n'),
    ]);
    const c = await loadProgram('c.prog', folder);
    expect(c.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'import cycle: c.prog → a.prog → b.prog → c.prog',
    ]);
    const self = await loadProgram('self.prog', folder);
    expect(self.diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['import cycle: self.prog → self.prog']);
    // From another working folder the chain reads the same: relative to where the cycle starts, as imports are written.
    const elsewhere = await loadProgram(join(folder, 'a.prog'), dirname(dirname(folder)));
    expect(elsewhere.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'import cycle: a.prog → b.prog → c.prog → a.prog',
    ]);
  });

  it('reports a missing imported program, a missing prompt file and an unknown program name', async () => {
    const folder = tempFolder({
      'q.prog': `prog 1
import { nothing } from "./nowhere.prog"
import { inner } from "./inner.prog"
program q
input x: string
step a = nothing(x)
prompt from "./missing.md"
verify length({ min: 1 })
case "a" { x: "y" }
`,
      'inner.prog':
        'prog 1\nprogram inner_program\ninput x: string\nprompt "{{ x }}"\nverify length({ min: 1 })\ncase "a" { x: "y" }\n',
    });
    const loaded = await loadProgram('q.prog', folder);
    const text = rendered(loaded).join('\n');
    expect(codes(loaded)).toEqual(['R030', 'R031', 'R035']);
    expect(text).toContain('cannot import "./nowhere.prog": no such file');
    expect(text).toContain('"./inner.prog" has no program `inner`');
    expect(text).toContain('it holds the program `inner_program`');
    expect(text).toContain('cannot read the prompt file "./missing.md": no such file');
  });
});
