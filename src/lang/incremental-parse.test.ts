import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncrementalParser } from './incremental-parse.js';
import { parseProg } from './parse.js';

const folder = new URL('../../tests/lang/valid/', import.meta.url);
const sources = readdirSync(folder)
  .filter((name) => name.endsWith('.prog'))
  .map((name) => readFileSync(new URL(name, folder), 'utf8'));

const pieces = ['x', ' ', '\n', '"', '"""', '{{ country }}', '# note\n', 'case "z" { country: "Peru" } -> "Lima"\n'];

/** An edit anywhere, as fractions of the text's length so that it applies to whatever text earlier edits left. */
const anyEdit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 30 }),
  replacement: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })),
});

/** An edit that keeps a program well formed: a line added at the start of a line, or a letter typed in a string. */
const tidyEdit = fc
  .tuple(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.constantFrom('# note\n', 'case "z" { country: "Peru" } -> "Lima"\n', '\n', 'a'),
  )
  .map(([at, replacement]) => ({ at, length: 0, replacement, tidy: true }));

/** Where a tidy edit goes in `text`: the start of a line, or just after a string's opening quote. */
function tidyPlace(text: string, at: number, replacement: string): number {
  const pattern = replacement === 'a' ? /(?<=[^"\\]")[A-Za-z]/g : /^/gm;
  const places = [...text.matchAll(pattern)].map((match) => match.index);
  return places[Math.floor(at * places.length)] ?? 0;
}

describe('IncrementalParser', () => {
  it('gives, after every random edit, exactly what a full parse of the new text gives', () => {
    let documents = 0;
    let errors = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(fc.oneof(anyEdit, tidyEdit), { minLength: 1, maxLength: 8 }),
        (source, edits) => {
          const parser = new IncrementalParser(source, 'p.prog');
          expect(parser.parsed).toEqual(parseProg(source, 'p.prog'));
          for (const { at, length, replacement, ...kind } of edits) {
            const start =
              'tidy' in kind ? tidyPlace(parser.text, at, replacement) : Math.floor(at * parser.text.length);
            const end = Math.min(parser.text.length, start + length);
            const expectedText = parser.text.slice(0, start) + replacement + parser.text.slice(end);
            const result = parser.edit(start, end, replacement);
            expect(parser.text).toBe(expectedText);
            expect(result).toEqual(parseProg(expectedText, 'p.prog'));
            if (result.document) documents++;
            else errors++;
          }
        },
      ),
      { seed: 20_261_127, numRuns: 120 },
    );
    // Both kinds of result are compared: edits that keep the text well formed, and edits that break it.
    expect(documents).toBeGreaterThan(50);
    expect(errors).toBeGreaterThan(50);
  });

  it('reuses the AST of items an edit did not touch, and moves their spans when the edit shifts them', () => {
    const source =
      'prog 1\nprogram p\ninput a: string\nprompt "{{ a }}"\nverify exact(expected)\ncase "c" { a: "x" } -> "x"\n';
    const parser = new IncrementalParser(source, 'p.prog');
    const before = parser.parsed.document?.program.items ?? [];
    const at = source.indexOf('string');
    const after = parser.edit(at, at + 'string'.length, 'integer').document?.program.items ?? [];
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]).toMatchObject({ kind: 'input', type: { kind: 'primitive', name: 'integer' } });
    // Items after the edit are moved one character right, as the text is.
    expect(after[1]?.span.start).toBe((before[1]?.span.start ?? 0) + 1);
    expect(after).toEqual(parseProg(parser.text, 'p.prog').document?.program.items);
    // An edit that does not change the length leaves later items' ASTs as they were, the same objects.
    const again = parser.edit(at, at + 'integer'.length, 'boolean').document?.program.items ?? [];
    expect(again[3]).toBe(after[3]);
  });

  it('reports a syntax error as a full parse does, and recovers when the edit is undone', () => {
    const source = 'prog 1\nprogram p\ninput a: string\n';
    const parser = new IncrementalParser(source, 'p.prog');
    const broken = parser.edit(source.indexOf(':'), source.indexOf(':') + 1, '');
    expect(broken.document).toBeUndefined();
    expect(broken.diagnostics[0]?.code).toBe('P001');
    expect(broken).toEqual(parseProg(parser.text, 'p.prog'));
    expect(parser.edit(source.indexOf(':'), source.indexOf(':'), ':')).toEqual(parseProg(source, 'p.prog'));
  });

  it('gives a binary file or a too-deep nesting its diagnostic, as a full parse does, instead of throwing', () => {
    const source = 'prog 1\nprogram p\nprompt "x"\nverify 1\n';
    const parser = new IncrementalParser(source, 'p.prog');
    const at = source.indexOf('1\n', source.indexOf('verify'));
    const deep = parser.edit(at, at + 1, `${'('.repeat(150)}1${')'.repeat(150)}`);
    expect(deep.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['P004']);
    expect(deep).toEqual(parseProg(parser.text, 'p.prog'));
    const binary = new IncrementalParser(`${source}\u0000`, 'p.prog').parsed;
    expect(binary.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['P003']);
    expect(parser.edit(0, parser.text.length, source)).toEqual(parseProg(source, 'p.prog'));
  });

  it('refuses an edit outside the text', () => {
    const parser = new IncrementalParser('prog 1\n', 'p.prog');
    expect(() => parser.edit(3, 99, '')).toThrow(RangeError);
  });
});
