import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { jsonReportSchema } from '../src/report/json-report-schema.js';
import { markdownText } from '../src/report/markdown-text.js';
import { xmlText } from '../src/report/xml-text.js';
import { programFolder } from './support/report-programs.js';
import { repoRoot, runCli } from './support/run-cli.js';

const programs = ['arithmetic', 'capitals', 'sentiment'];

/** The console's comparison line: `sim:large − sim:small: pass@1 +0.521 [+0.285, +0.757], p < 0.001, …`. */
const linePattern =
  /^ {2}sim:large − sim:small: (pass@1 ([+−]\d\.\d{3}) \[([+−]\d\.\d{3}), ([+−]\d\.\d{3})\], p [<=] [\d.]+, (significant|could be noise) \(paired over (\d+) cases\))$/gm;

/** The console's line on cost under it: which of the two solves the suite cheaper, with its interval. */
const costPattern =
  /^ {2}(cost to success: sim:small \$[\d.]+, sim:large \$[\d.]+ \(sim:large − sim:small −?\$[\d.]+, 95% interval \[−?\$[\d.]+, −?\$[\d.]+\]\): (sim:small solves the suite cheaper, significant|sim:large solves the suite cheaper, significant|neither is cheaper beyond noise))$/gm;

/** The console's headline above them: which of the two needs fewer attempts to solve the whole suite. */
const headlinePattern =
  /^ {2}(suite_k@0\.5 sim:small (?:\d+|∞)(?: \(extrapolated\))? vs sim:large (?:\d+|∞)(?: \(extrapolated\))? \(sim:large\/sim:small [^)]+\): (?:sim:small needs fewer attempts to solve the whole suite|sim:large needs fewer attempts to solve the whole suite|no clear difference in the attempts that solve the whole suite))$/gm;

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}`;

describe('a program run on two interpreters', { timeout: 180_000 }, () => {
  it('shows the runner’s paired comparison in the console, JSON, JUnit, Markdown and HTML reports alike', async () => {
    const { folder, store } = programFolder({});
    const result = runCli(
      [
        'test',
        join(repoRoot, 'examples/quickstart'),
        '--interpreter',
        'sim:small',
        '--interpreter',
        'sim:large',
        '--store',
        store,
        '--reporter',
        'console',
        '--output-file',
        'json=json.json',
        '--output-file',
        'junit=junit.xml',
        '--output-file',
        'markdown=summary.md',
        '--output-file',
        'html=report.html',
      ],
      { cwd: folder },
    );
    expect(result.stderr).toBe('');
    const lines = [...result.stdout.matchAll(linePattern)];
    expect(lines).toHaveLength(3);
    // The simulator's made-up prices make both interpreters priced: each comparison says which is cheaper.
    const costLines = [...result.stdout.matchAll(costPattern)];
    expect(costLines).toHaveLength(3);
    const headlines = [...result.stdout.matchAll(headlinePattern)];
    expect(headlines).toHaveLength(3);

    const report = jsonReportSchema.parse(JSON.parse(readFileSync(join(folder, 'json.json'), 'utf8')));
    const comparisons = report.interpreterComparisons ?? [];
    expect(comparisons.map((comparison) => comparison.programName)).toEqual(programs);
    comparisons.forEach((comparison, index) => {
      const [, text = '', estimate, lower, upper, verdict, cases] = lines[index] as RegExpMatchArray;
      const { difference } = comparison;
      expect(comparison).toMatchObject({ reference: 'sim:small', interpreter: 'sim:large', metric: 'pass@1' });
      expect(difference).toBeDefined();
      if (!difference) return;
      // The console formats the figures the JSON holds.
      expect([signed(difference.estimate), signed(difference.lower), signed(difference.upper)]).toEqual([
        estimate,
        lower,
        upper,
      ]);
      expect(comparison.significant).toBe(verdict === 'significant');
      expect(comparison.cases).toBe(Number(cases));
      expect(difference.estimate).toBeCloseTo((comparison.value ?? 0) - (comparison.referenceValue ?? 0), 12);
      expect(difference.lower).toBeLessThan(difference.estimate);
      expect(difference.level).toBe(0.95);
      // The same programs' pass@1 on each interpreter, over the same cases, as their own entries report.
      const own = (interpreter: string) =>
        report.programs.find(
          (program) => program.name === comparison.programName && program.interpreterName === interpreter,
        )?.metrics['pass@1'];
      expect(comparison.referenceValue).toBeCloseTo(own('sim:small') ?? Number.NaN, 12);
      expect(comparison.value).toBeCloseTo(own('sim:large') ?? Number.NaN, 12);

      const markdown = readFileSync(join(folder, 'summary.md'), 'utf8');
      expect(markdown).toContain('#### Interpreters compared');
      expect(markdown).toContain(`- **${comparison.programName}**: sim:large − sim:small: ${markdownText(text)}`);
      const costText = costLines[index]?.[1] ?? '';
      expect(markdown).toContain(`  ${markdownText(costText)}`);
      const headline = headlines[index]?.[1] ?? '';
      expect(markdown).toContain(`  ${markdownText(headline)}`);
      // The JSON's headline says what the console's does.
      const fewer = comparison.suiteK?.fewer;
      expect(
        fewer === 'interpreter'
          ? 'sim:large needs fewer'
          : fewer === 'reference'
            ? 'sim:small needs fewer'
            : 'no clear difference',
      ).toBe(/(sim:\w+ needs fewer|no clear difference)/.exec(headline)?.[1]);

      const junit = readFileSync(join(folder, 'junit.xml'), 'utf8');
      const suite = new RegExp(
        `<testsuite [^>]*name="${comparison.programName} on sim:large"[\\s\\S]*?</testsuite>`,
      ).exec(junit)?.[0];
      expect(suite).toContain(`<property name="compared.sim:small.pass@1.difference" value="${difference.estimate}"/>`);
      expect(suite).toContain(`<property name="compared.sim:small.pass@1.pValue" value="${difference.pValue}"/>`);
      expect(suite).toContain(xmlText(`sim:large − sim:small: ${text}`));
      const first = new RegExp(
        `<testsuite [^>]*name="${comparison.programName} on sim:small"[\\s\\S]*?</testsuite>`,
      ).exec(junit)?.[0];
      expect(first).not.toContain('compared.');

      const html = readFileSync(join(folder, 'report.html'), 'utf8');
      const model = JSON.parse(
        /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null',
      );
      expect(model.interpreterComparisons[index]).toEqual({
        program: comparison.programName,
        reference: 'sim:small',
        interpreter: 'sim:large',
        significant: comparison.significant,
        text,
        suiteKText: headline,
        costText,
      });
    });
    // The page draws each comparison under its program's curves.
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(folder, 'report.html')).href);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
      for (const [index, program] of programs.entries()) {
        const drawn = await page.locator(`figure[data-program="${program}"] .paired-text`).allTextContents();
        expect(drawn).toEqual([
          `sim:large vs sim:small: ${headlines[index]?.[1]}`,
          `sim:large − sim:small: ${lines[index]?.[1]}`,
          costLines[index]?.[1],
        ]);
      }
    } finally {
      await browser.close();
    }
    const junit = readFileSync(join(folder, 'junit.xml'), 'utf8');
    const validation = await validateXML({
      xml: [{ fileName: 'junit.xml', contents: junit }],
      schema: [
        { fileName: 'JUnit.xsd', contents: readFileSync(join(repoRoot, 'tests/fixtures/junit/JUnit.xsd'), 'utf8') },
      ],
    });
    expect(validation.errors).toEqual([]);
  });
});
