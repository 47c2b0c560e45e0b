import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { readCaseRows } from './case-file.js';
import { type LoadedProgram, loadProgram } from './load-program.js';
import { findProjectRoot } from './project-root.js';
import { readBoundedFile } from './read-bounded-file.js';

const promptProgram = (path: string) => `prog 1
program answer
input question: string
prompt from ${JSON.stringify(path)}
verify contains("q")
case "a" { question: "q" }
`;

const rendered = (loaded: LoadedProgram) =>
  loaded.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, loaded.source)).join('\n');
const codes = (loaded: LoadedProgram) => loaded.diagnostics.map((diagnostic) => diagnostic.code);

describe('the files a program may read', () => {
  it('finds the project: the folder of informal.config.*, else of package.json, else the program', () => {
    const folder = tempFolder({ 'package.json': '{}' });
    mkdirSync(join(folder, 'a/b'), { recursive: true });
    expect(findProjectRoot(join(folder, 'a/b'))).toEqual({ folder });
    writeFileSync(join(folder, 'a/informal.config.mjs'), 'export default {};');
    expect(findProjectRoot(join(folder, 'a/b'))).toEqual({
      folder: join(folder, 'a'),
      configFile: join(folder, 'a/informal.config.mjs'),
    });
  });

  it('refuses a FIFO without blocking on it, with the place of the reference', async () => {
    const folder = tempFolder({ 'p.prog': promptProgram('./pipe.md') });
    execFileSync('mkfifo', [join(folder, 'pipe.md')]);
    const loaded = await loadProgram('p.prog', folder);
    expect(codes(loaded)).toEqual(['R039']);
    expect(rendered(loaded)).toContain(
      'p.prog:4:13: error R039: cannot read the prompt file "./pipe.md": it is a FIFO',
    );
    expect(rendered(loaded)).toContain('hint: name a regular file');
  });

  it('refuses a device and /proc, and reads /dev/zero no further than the limit', async () => {
    const folder = tempFolder({ 'p.prog': promptProgram('/dev/zero') });
    expect(codes(await loadProgram('p.prog', folder))).toEqual(['R038']);
    const zero = await readBoundedFile('/dev/zero', 1024);
    expect(zero).toEqual({ ok: false, problem: 'kind', reason: 'it is a device, not a regular file' });
    // /proc files say their size is 0: the content decides.
    const environ = await readBoundedFile('/proc/self/environ', 1);
    expect(environ.ok).toBe(false);
  });

  it('refuses a file over the limit the config sets, naming the setting', async () => {
    const folder = tempFolder({
      'informal.config.mjs': 'export default { files: { maxPromptBytes: 64, maxCaseFileBytes: 32 } };',
      'p.prog': `${promptProgram('./big.md')}cases from "./cases.jsonl"\n`,
      'big.md': `Answer {{ question }}${' padding'.repeat(20)}`,
      'cases.jsonl': `${JSON.stringify({ id: 'b', question: 'a longer question than allowed' })}\n`,
    });
    const loaded = await loadProgram('p.prog', folder);
    expect(codes(loaded)).toEqual(['R039', 'R039']);
    const text = rendered(loaded);
    expect(text).toContain('cannot read the prompt file "./big.md": it is larger than 64 bytes');
    expect(text).toContain('raise `files.maxPromptBytes` in informal.config.ts');
    expect(text).toContain('cannot read the case file "./cases.jsonl": it is larger than 32 bytes');
  });

  it('refuses a symbolic link out of the project, and reads what `files.allow` allows', async () => {
    const outside = tempFolder({ 'shared.md': 'Answer {{ question }} from the shared prompt.' });
    const project = tempFolder({
      'p.prog': promptProgram('./link.md'),
      'q.prog': promptProgram(join(outside, 'shared.md')),
    });
    symlinkSync(join(outside, 'shared.md'), join(project, 'link.md'));
    const refused = await loadProgram('p.prog', project);
    expect(codes(refused)).toEqual(['R038']);
    expect(rendered(refused)).toContain('it is a symbolic link to a file outside the project');
    expect(codes(await loadProgram('q.prog', project))).toEqual(['R038']);

    writeFileSync(
      join(project, 'informal.config.mjs'),
      `export default { files: { allow: [${JSON.stringify(outside)}] } };`,
    );
    for (const file of ['p.prog', 'q.prog']) {
      const allowed = await loadProgram(file, project);
      expect(rendered(allowed)).toBe('');
      expect(allowed.program).toBeDefined();
    }
  });

  it('keeps the first program’s project for the programs it imports', async () => {
    const folder = tempFolder({ 'package.json': '{}' });
    mkdirSync(join(folder, 'lib'));
    writeFileSync(
      join(folder, 'lib/helper.prog'),
      'prog 1\nprogram helper\ninput question: string\nprompt from "../../outside.md"\nverify contains("q")\n',
    );
    writeFileSync(
      join(folder, 'p.prog'),
      `prog 1\nimport { helper } from "./lib/helper.prog"\nprogram p\ninput question: string\nstep h = helper(question)\nstep answer = "{{ h }}"\nverify contains("q")\ncase "a" { question: "q" }\n`,
    );
    const loaded = await loadProgram('p.prog', folder);
    expect(codes(loaded)).toEqual(['R030']);
    const helper = await loadProgram('lib/helper.prog', folder);
    expect(codes(helper)).toContain('R038');
  });

  it('quotes no control characters and little text of a case file that fails to parse', () => {
    const line = `\u001b[31m${'x'.repeat(500)}`;
    const read = readCaseRows('c.jsonl', `${line}\n`);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem).not.toContain('\u001b');
    expect(read.problem.length).toBeLessThanOrEqual(241);
  });
});
