/**
 * The TextMate grammar of editors/: every regex compiles as a JavaScript RegExp (the grammar keeps to the subset
 * that JavaScript and Oniguruma read alike), and a small tokenizer following TextMate's rules (the earliest match
 * wins, the first rule on a tie; begin/end rules nest) gives the expected scopes to every item keyword of the
 * language's grammar, so that the two cannot drift apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemKeywords } from '../../src/lang/grammar.js';
import { repoRoot } from '../support/run-cli.js';

interface Rule {
  readonly name?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly include?: string;
  readonly captures?: Record<string, { name: string }>;
  readonly beginCaptures?: Record<string, { name: string }>;
  readonly endCaptures?: Record<string, { name: string }>;
  readonly patterns?: readonly Rule[];
}

interface Grammar {
  readonly scopeName: string;
  readonly patterns: readonly Rule[];
  readonly repository: Record<string, Rule>;
}

const grammar = JSON.parse(readFileSync(join(repoRoot, 'editors/prog.tmLanguage.json'), 'utf8')) as Grammar;

/** Every regex source in the grammar, with where it is. */
function regexes(): { where: string; source: string }[] {
  const found: { where: string; source: string }[] = [];
  const visit = (rule: Rule, where: string): void => {
    for (const key of ['match', 'begin', 'end'] as const) {
      const source = rule[key];
      if (source !== undefined) found.push({ where: `${where}.${key}`, source });
    }
    for (const [index, child] of (rule.patterns ?? []).entries()) visit(child, `${where}.patterns[${index}]`);
  };
  for (const [index, rule] of grammar.patterns.entries()) visit(rule, `patterns[${index}]`);
  for (const [name, rule] of Object.entries(grammar.repository)) visit(rule, `repository.${name}`);
  return found;
}

/** The rules a list of patterns stands for, with `include`s replaced by the repository's rules. */
function expand(patterns: readonly Rule[]): Rule[] {
  return patterns.flatMap((rule) => {
    if (!rule.include) return rule.patterns && !rule.match && !rule.begin ? expand(rule.patterns) : [rule];
    const included = grammar.repository[rule.include.slice(1)];
    if (!included) throw new Error(`unknown include ${rule.include}`);
    return expand([included]);
  });
}

/** A token: its text and its scopes, innermost last. */
interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let result = compiled.get(source);
  if (!result) {
    result = new RegExp(source, 'dgmu');
    compiled.set(source, result);
  }
  return result;
}

/** Scopes of the captured groups of a match, as tokens over the matched text. */
function captured(
  match: RegExpExecArray,
  captures: Record<string, { name: string }> | undefined,
  outer: readonly string[],
): Token[] {
  const start = match.index;
  const text = match[0];
  const scopes = Array.from({ length: text.length }, () => [...outer]);
  for (const [group, { name }] of Object.entries(captures ?? {})) {
    const range = match.indices?.[Number(group)];
    if (!range) continue;
    for (let index = range[0]; index < range[1]; index++) scopes[index - start]?.push(name);
  }
  const tokens: Token[] = [];
  scopes.forEach((scope, index) => {
    const last = tokens.at(-1);
    if (last && last.scopes.join(' ') === scope.join(' '))
      tokens[tokens.length - 1] = { ...last, text: last.text + text[index] };
    else tokens.push({ text: text[index] as string, scopes: scope });
  });
  return tokens;
}

/** Tokenizes a whole text line by line as TextMate does, carrying open begin/end rules across lines. */
function tokenize(text: string): Token[][] {
  const stack: { rule: Rule; scopes: string[] }[] = [];
  return text.split('\n').map((line) => {
    const tokens: Token[] = [];
    let position = 0;
    while (position <= line.length) {
      const top = stack.at(-1);
      const scopes = top ? top.scopes : [grammar.scopeName];
      const candidates = expand(top ? (top.rule.patterns ?? []) : grammar.patterns);
      let best: { rule: Rule | 'end'; match: RegExpExecArray } | undefined;
      if (top?.rule.end) {
        const pattern = regex(top.rule.end);
        pattern.lastIndex = position;
        const match = pattern.exec(line);
        if (match) best = { rule: 'end', match };
      }
      for (const rule of candidates) {
        const pattern = regex((rule.match ?? rule.begin) as string);
        pattern.lastIndex = position;
        const match = pattern.exec(line);
        if (match && (!best || match.index < best.match.index)) best = { rule, match };
      }
      const next = best?.match.index ?? line.length;
      if (next > position) tokens.push({ text: line.slice(position, next), scopes });
      if (!best) break;
      const { rule, match } = best;
      if (rule === 'end') {
        tokens.push(...captured(match, top?.rule.endCaptures, scopes));
        stack.pop();
      } else if (rule.begin) {
        const inner = rule.name ? [...scopes, rule.name] : scopes;
        tokens.push(...captured(match, rule.beginCaptures, inner));
        stack.push({ rule, scopes: inner });
      } else {
        tokens.push(...captured(match, rule.captures, rule.name ? [...scopes, rule.name] : scopes));
      }
      // An end may match the empty string at `$`; any other empty match must still move on, or the line never ends.
      position = match.index + (match[0].length > 0 || rule === 'end' ? match[0].length : 1);
    }
    return tokens.filter((token) => token.text !== '');
  });
}

/** The innermost scope of the first token whose text is `text` on the line. */
function scopeOf(line: string, text: string): string | undefined {
  const tokens = tokenize(line)[0] ?? [];
  return tokens.find((token) => token.text === text)?.scopes.at(-1);
}

describe('the TextMate grammar for .prog files', () => {
  it('has the scope source.prog and regexes that all compile as JavaScript regular expressions', () => {
    expect(grammar.scopeName).toBe('source.prog');
    const all = regexes();
    expect(all.length).toBeGreaterThan(20);
    for (const { where, source } of all) {
      expect(() => new RegExp(source, 'u'), where).not.toThrow();
      // Oniguruma-only escapes would compile in JavaScript without the `u` flag but mean something else.
      expect(source, where).not.toMatch(/\\[AGzZhH]|\(\?[imx]|\(\?>|\\p\{[^}]*\}\+/);
    }
  });

  it('highlights every item keyword of the language grammar as a keyword', () => {
    for (const keyword of itemKeywords) {
      const line = keyword === 'pass' ? 'pass when score >= 0.5' : `${keyword} x`;
      expect(scopeOf(line, keyword), keyword).toMatch(/^keyword\./);
    }
    expect(scopeOf('program triage "Triage"', 'program')).toBe('keyword.other.program.prog');
  });

  it('gives the header, types, strings, text blocks, interpolation, comments, numbers, operators and metrics their scopes', () => {
    expect(scopeOf('prog 1', 'prog')).toBe('keyword.other.header.prog');
    expect(scopeOf('prog 1', '1')).toBe('constant.numeric.version.prog');
    expect(scopeOf('input tier: "free" | "pro" = "free"', 'tier')).toBe('variable.parameter.input.prog');
    expect(scopeOf('input n: integer = 3', 'integer')).toBe('support.type.primitive.prog');
    expect(scopeOf('input n: integer = 3', '3')).toBe('constant.numeric.prog');
    expect(scopeOf('input tier: "free" | "pro"', '|')).toBe('keyword.operator.union.prog');
    expect(scopeOf('prompt "Capital of {{ country }}?"', 'country')).toBe('variable.other.interpolation.prog');
    expect(scopeOf('prompt "Capital of {{ country }}?"', 'Capital of ')).toBe('string.quoted.double.prog');
    expect(scopeOf('prompt "a \\" # b"', '\\"')).toBe('constant.character.escape.prog');
    expect(scopeOf('prompt "a \\" # b"', ' # b')).toBe('string.quoted.double.prog');
    expect(scopeOf('verify exact(expected) # the check', '# the check')).toBe('comment.line.number-sign.prog');
    expect(scopeOf('verify exact(expected) and not contains("x")', 'exact')).toBe('entity.name.function.verifier.prog');
    expect(scopeOf('verify exact(expected) and not contains("x")', 'expected')).toBe('variable.language.prog');
    expect(scopeOf('verify exact(expected) and not contains("x")', 'not')).toBe('keyword.operator.logical.prog');
    expect(scopeOf('verify 0.6 * exact + 0.4 * contains("x") >= .5', '*')).toBe('keyword.operator.arithmetic.prog');
    expect(scopeOf('verify 0.6 * exact + 0.4 * contains("x") >= .5', '>=')).toBe('keyword.operator.comparison.prog');
    expect(scopeOf('verify 0.6 * exact + 0.4 * contains("x") >= .5', '.5')).toBe('constant.numeric.prog');
    expect(scopeOf('case "fr" { country: "France" } -> "Paris"', '->')).toBe('keyword.operator.arrow.prog');
    expect(scopeOf('case "fr" { country: null } -> true', 'true')).toBe('constant.language.prog');
    expect(scopeOf('sample 20 temperature 0.7 seed 1', 'temperature')).toBe('variable.parameter.setting.prog');
    expect(scopeOf('expect pass@10 >= 0.8', 'pass@10')).toBe('support.constant.metric.prog');
    expect(scopeOf('expect pass^4 >= 0.8', 'pass^4')).toBe('support.constant.metric.prog');
    expect(scopeOf('pass when score >= 0.7', 'score')).toBe('variable.language.score.prog');
  });

  it('gives imports, steps, judges, case files and every metric their scopes', () => {
    const importLine = 'import { summarize } from "./summarize.prog"';
    expect(scopeOf(importLine, 'import')).toBe('keyword.control.import.prog');
    expect(scopeOf(importLine, 'from')).toBe('keyword.control.import.prog');
    expect(scopeOf(importLine, 'summarize')).toBe('variable.other.prog');
    expect(scopeOf('step facts = extract_facts(ticket, tier: "pro")', 'step')).toBe('keyword.other.item.prog');
    expect(scopeOf('step facts = extract_facts(ticket, tier: "pro")', 'facts')).toBe('entity.name.function.step.prog');
    expect(scopeOf('step facts = extract_facts(ticket, tier: "pro")', 'extract_facts')).toBe(
      'entity.name.function.verifier.prog',
    );
    expect(scopeOf('step answer = from "./answer.md"', 'from')).toBe('keyword.control.import.prog');
    expect(scopeOf('prompt from "./answer.md"', 'from')).toBe('keyword.control.import.prog');
    const judgeLine = 'judge polite model "sim:large" samples 3 temperature 0.7 """';
    expect(scopeOf(judgeLine, 'judge')).toBe('keyword.other.item.prog');
    expect(scopeOf(judgeLine, 'polite')).toBe('entity.name.function.judge.prog');
    expect(scopeOf(judgeLine, 'model')).toBe('keyword.other.item.prog');
    expect(scopeOf(judgeLine, 'samples')).toBe('variable.parameter.setting.prog');
    expect(scopeOf(judgeLine, 'temperature')).toBe('variable.parameter.setting.prog');
    expect(scopeOf('cases from "./tickets.csv" { id: "key" }', 'cases')).toBe('keyword.other.item.prog');
    expect(scopeOf('verify exact(steps.facts)', 'steps')).toBe('variable.language.prog');
    for (const metric of ['pass@inf', 'pass@1', 'pass^4', 'max@4', 'g-pass@4[0.5]', 'g-pass@8[.75]', 'attempts@10']) {
      expect(scopeOf(`expect ${metric} >= 0.5`, metric), metric).toBe('support.constant.metric.prog');
    }
    const spendMetrics = ['cost', 'cost_per_success', 'cost_per_sample', 'cost_to_success', 'tokens_per_sample'];
    for (const metric of ['mean_score', 'error_rate', ...spendMetrics, 'mean_latency', 'p95_latency']) {
      expect(scopeOf(`expect ${metric} <= 0.5`, metric), metric).toBe('support.constant.metric.prog');
    }
    const perCase = tokenize('case "a" { q: "x" } -> "y" expect g-pass@4[0.5] >= 0.9')[0] ?? [];
    expect(perCase.find((token) => token.text === 'g-pass@4[0.5]')?.scopes.at(-1)).toBe('support.constant.metric.prog');
    expect(scopeOf('input passage: string', 'passage')).toBe('variable.parameter.input.prog');
  });

  it('keeps a text block open across lines, with interpolation and escapes inside and no comments', () => {
    const lines = tokenize('prompt """\n  Hello {{ user.name }} # not a comment\n  \\{ literal\n  """\nverify exact');
    const inner = lines[1] ?? [];
    expect(inner.find((token) => token.text === 'user.name')?.scopes.at(-1)).toBe('variable.other.interpolation.prog');
    expect(inner.find((token) => token.text.includes('# not a comment'))?.scopes.at(-1)).toBe(
      'string.quoted.triple.prog',
    );
    expect(lines[2]?.find((token) => token.text === '\\{')?.scopes.at(-1)).toBe('constant.character.escape.prog');
    expect(lines[4]?.[0]?.scopes.at(-1)).toBe('keyword.other.item.prog');
  });

  it('tokenizes every valid program of the corpus with no text left outside a scope but spaces', () => {
    const folder = join(repoRoot, 'tests/lang/valid');
    const names = [...readdirSync(folder), ...readdirSync(join(folder, 'files')).map((file) => `files/${file}`)].filter(
      (file) => file.endsWith('.prog'),
    );
    expect(names).toContain('files/summarize.prog');
    for (const name of names) {
      for (const line of tokenize(readFileSync(join(folder, name), 'utf8'))) {
        for (const token of line) {
          if (token.scopes.length === 1) expect(token.text.trim(), `${name}: ${JSON.stringify(token.text)}`).toBe('');
        }
      }
    }
  });
});
