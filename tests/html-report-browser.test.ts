import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../src/report/html/build-report-model.js';
import { renderHtmlReport } from '../src/report/html/render-html-report.js';
import { agentSummary, hostileText } from '../src/runner/testing/agent-run.js';
import { judgedProgram } from './support/judged-program.js';
import { useOpenAICompatibleServers } from './support/openai-compatible-server.js';
import { hostileProgram, programFolder } from './support/report-programs.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

const chromiumPath = '/usr/bin/chromium';

/** CI must run this test, so there a missing Chromium fails it (.ci/run installs it); elsewhere it is skipped. */
const inCi = !['', '0', 'false'].includes(process.env.CI ?? '');
const withoutBrowser = !inCi && !existsSync(chromiumPath);
const skipped = withoutBrowser
  ? ` (skipped: no Chromium at ${chromiumPath}; install Debian's package with \`apt-get install chromium\`)`
  : '';
if (withoutBrowser) console.warn(`tests/html-report-browser.test.ts: the browser tests are${skipped}`);

/** What the page did that it must not: dialogs, console messages, page errors, requests other than the file itself. */
interface SideEffects {
  readonly dialogs: string[];
  readonly console: string[];
  readonly errors: string[];
  readonly requests: string[];
}

let browser: Browser;

beforeAll(async () => {
  if (withoutBrowser) return;
  if (!existsSync(chromiumPath)) {
    throw new Error(`the browser test needs Debian's chromium at ${chromiumPath}: apt-get install chromium`);
  }
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
});

async function openReport(file: string): Promise<{ page: Page; effects: SideEffects }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const effects: SideEffects = { dialogs: [], console: [], errors: [], requests: [] };
  const url = pathToFileURL(file).href;
  page.on('dialog', (dialog) => {
    effects.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => effects.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => effects.errors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== url) effects.requests.push(request.url());
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 300_000 }); // a failure bound
  return { page, effects };
}

/** The points of an SVG path made of M and L commands. */
function pathPoints(d: string): { x: number; y: number }[] {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((match) => ({ x: Number(match[1]), y: Number(match[2]) }));
}

describe.skipIf(withoutBrowser)(`the HTML report in headless Chromium${skipped}`, () => {
  // Two runs of the same program on two interpreters, so that curves share a chart and a crossover is computed.
  const { folder, store } = programFolder({ 'hostile.prog': hostileProgram });
  const report = join(folder, 'report.html');

  beforeAll(() => {
    const first = runCli(['test', '.', '--store', store], { cwd: folder });
    expect(first.status).toBe(1);
    const second = runCli(['test', '.', '--store', store, '--interpreter', 'sim:large'], { cwd: folder });
    expect(second.status).not.toBe(2);
    const runs = [...`${first.stdout}${second.stdout}`.matchAll(/Run +(\S+)/g)].map((match) => match[1] as string);
    expect(runs).toHaveLength(2);
    const written = runCli(['report', ...runs, '--store', store, '--html', 'report.html'], { cwd: folder });
    expect(written.stderr).toContain('Wrote report.html: 2 program runs');
    expect(written.status).toBe(0);
  });

  it('draws the pass@k curves with sensible coordinates, observed and extrapolated, and pass@∞', async () => {
    const { page, effects } = await openReport(report);
    const observed = await page.$$eval('svg path.curve.observed', (paths) =>
      paths.map((path) => path.getAttribute('d') ?? ''),
    );
    const extrapolated = await page.$$eval('svg path.curve.extrapolated', (paths) =>
      paths.map((path) => path.getAttribute('d') ?? ''),
    );
    expect(observed).toHaveLength(2);
    expect(extrapolated).toHaveLength(2);
    for (const d of observed) {
      const points = pathPoints(d);
      expect(points.length).toBeGreaterThanOrEqual(4);
      // k = 1 sits on the left axis; every point is inside the plot; pass@k never falls as k grows.
      expect(points[0]?.x).toBeCloseTo(48, 0);
      for (const [index, point] of points.entries()) {
        expect(point.x).toBeGreaterThanOrEqual(48);
        expect(point.x).toBeLessThanOrEqual(624);
        expect(point.y).toBeGreaterThanOrEqual(14);
        expect(point.y).toBeLessThanOrEqual(264);
        if (index > 0) expect(point.y).toBeLessThanOrEqual((points[index - 1]?.y ?? 0) + 1e-9);
      }
    }
    for (const d of extrapolated) {
      const points = pathPoints(d);
      expect(points.at(-1)?.x).toBeCloseTo(624, 0);
    }
    expect(await page.$$eval('svg path.band', (paths) => paths.length)).toBe(4);
    expect(await page.$$eval('svg line.pass-infinity', (lines) => lines.length)).toBe(2);
    expect(await page.locator('text=pass@∞').count()).toBeGreaterThan(0);
    expect(await page.locator('.crossover-text').textContent()).toMatch(/^sim vs sim:large: /);
    expect(await page.$$eval('svg.histogram rect.bar', (bars) => bars.length)).toBe(20);
    expect(effects).toEqual({ dialogs: [], console: [], errors: [], requests: [] });
    await page.close();
  });

  it('draws pass@k against the dollars of k attempts beside the pass@k chart, one line per interpreter', async () => {
    const { page, effects } = await openReport(report);
    const html = readFileSync(report, 'utf8');
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}',
    ) as {
      programs: { spend: { costCurve: { points: { k: number; passAtK: number; cost: number }[]; bestK: number } } }[];
    };
    const curves = data.programs.map((program) => program.spend.costCurve);
    expect(curves).toHaveLength(2);
    // Both charts of the program share its figure.
    expect(
      await page.$$eval('figure.chart .charts > svg', (svgs) => svgs.map((svg) => svg.getAttribute('class'))),
    ).toEqual(['pass-chart', 'cost-chart']);
    const series = await page.$$eval('svg.cost-chart g.cost-series', (groups) =>
      groups.map((group) => ({
        index: Number(group.getAttribute('data-interpreter-index')),
        d: group.querySelector('path.cost-curve')?.getAttribute('d') ?? '',
        points: [...group.querySelectorAll('circle.cost-point')].map((circle) => ({
          k: Number(circle.getAttribute('data-k')),
          x: Number(circle.getAttribute('cx')),
          y: Number(circle.getAttribute('cy')),
          best: circle.classList.contains('best'),
          title: circle.querySelector('title')?.textContent ?? '',
        })),
      })),
    );
    expect(series.map((entry) => entry.index)).toEqual([0, 1]);
    // The axis runs from the power of ten below the cheapest point to the one above the dearest.
    const costs = curves.flatMap((curve) => curve.points.map((point) => point.cost));
    const low = Math.floor(Math.log10(Math.min(...costs)));
    const high = Math.ceil(Math.log10(Math.max(...costs)));
    for (const entry of series) {
      const curve = curves[entry.index];
      expect(entry.points.map((point) => point.k)).toEqual(curve?.points.map((point) => point.k));
      for (const [index, point] of entry.points.entries()) {
        const modelPoint = curve?.points[index] as { passAtK: number; cost: number };
        expect(point.x).toBeCloseTo(48 + ((Math.log10(modelPoint.cost) - low) / (high - low)) * 576, 0);
        expect(point.y).toBeCloseTo(14 + (1 - modelPoint.passAtK) * 250, 0);
        expect(point.title).toMatch(
          new RegExp(`^sim(:large)?: k = ${point.k}: pass@k \\d\\.\\d{3} for \\$[\\d.]+ per case`),
        );
        // More attempts cost more and solve no fewer cases.
        if (index > 0) {
          expect(point.x).toBeGreaterThan(entry.points[index - 1]?.x ?? Number.POSITIVE_INFINITY);
          expect(point.y).toBeLessThanOrEqual((entry.points[index - 1]?.y ?? 0) + 1e-9);
        }
      }
      expect(entry.points.filter((point) => point.best).map((point) => point.k)).toEqual([curve?.bestK]);
      expect(pathPoints(entry.d).map((point) => [point.x, point.y])).toEqual(
        entry.points.map((point) => [point.x, point.y]),
      );
    }
    expect(await page.locator('svg.cost-chart >> text=best k = 1').count()).toBe(2);
    // Each program's card says what it spent, in dollars at the simulator's prices, with its figures.
    const lines = await page.$$eval('.card .spend-line', (nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(lines).toEqual([
      expect.stringMatching(/^spend: [\d,]+ tokens · \$[\d.]+ \(sim prices\) · \$[\d.]+ per success \[/),
      expect.stringMatching(/^spend: [\d,]+ tokens · \$[\d.]+ \(sim prices\) · /),
    ]);
    const figures = await page.$$eval('.card:first-child table.spend-figures tr > td:first-child', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(figures).toEqual([
      'tokens per sample',
      'cost per sample',
      'cost per success',
      'cost to first success',
      'mean latency',
      'p50 latency',
      'p95 latency',
      'p99 latency',
    ]);
    expect(effects).toEqual({ dialogs: [], console: [], errors: [], requests: [] });
    await page.close();
  });

  it('sorts the case table on a click, ascending then descending', async () => {
    const { page, effects } = await openReport(report);
    const column = async (index: number) =>
      page.$$eval(`#case-table tbody tr td:nth-child(${index})`, (cells) =>
        cells.map((cell) => cell.textContent ?? ''),
      );
    expect(await column(3)).toHaveLength(6);
    await page.click('#case-table th[data-key="pass1"]');
    const ascending = (await column(4)).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.getAttribute('#case-table th[data-key="pass1"]', 'aria-sort')).toBe('ascending');
    await page.click('#case-table th[data-key="pass1"]');
    const descending = (await column(4)).map(Number);
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    await page.click('#case-table th[data-key="case"]');
    expect(await column(3)).toEqual(['img', 'img', 'link', 'link', 'script', 'script']);
    expect(effects).toEqual({ dialogs: [], console: [], errors: [], requests: [] });
    await page.close();
  });

  it('shows outputs holding <script>, <img onerror> and javascript: links as text, and runs none of them', async () => {
    const { page, effects } = await openReport(report);
    for (const caseId of ['script', 'img', 'link']) {
      await page.click(`#case-table tbody tr:has(td:text-is("${caseId}"))`);
      const outputs = await page.$$eval('#trace pre.output', (pres) => pres.map((pre) => pre.textContent ?? ''));
      expect(outputs.length).toBeGreaterThan(0);
      await page.$$eval('#trace details', (all) => {
        for (const details of all) (details as unknown as { open: boolean }).open = true;
      });
      const prompts = await page.$$eval('#trace .message pre', (pres) => pres.map((pre) => pre.textContent ?? ''));
      expect(prompts.some((text) => text.includes('<script>window.__pwned = 4</script>'))).toBe(true);
      if (caseId === 'script') expect(outputs.some((text) => text.includes('<script>window.__pwned'))).toBe(true);
      if (caseId === 'img') expect(outputs.some((text) => text.includes('onerror=window.__pwned=2'))).toBe(true);
      if (caseId === 'link') {
        expect(outputs.some((text) => text.includes('<a href=javascript:window.__pwned=3>'))).toBe(true);
        await page.click('#trace pre.output >> nth=0');
      }
    }
    expect(await page.title()).toMatch(/^informal report /);
    expect(await page.$$eval('img, a, iframe, object, embed', (nodes) => nodes.length)).toBe(0);
    expect(await page.$$eval('script', (nodes) => nodes.length)).toBe(2);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(page.url()).toBe(pathToFileURL(report).href);
    expect(effects).toEqual({ dialogs: [], console: [], errors: [], requests: [] });
    await page.close();
  });

  it('is written by the html reporter too, self-contained, with the data escaped in its JSON element', async () => {
    const file = join(folder, 'from-reporter.html');
    const result = runCli(['test', '.', '--store', store, '--reporter', 'html', '--output-file', file], {
      cwd: folder,
    });
    expect(result.status).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/(src|href)=["']?(https?:|\/\/)/);
    const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(data).toContain('\\u003cscript\\u003ewindow.__pwned');
    expect(JSON.parse(data).programs[0].cases.map((testCase: { id: string }) => testCase.id)).toEqual([
      'script',
      'img',
      'link',
    ]);
    const { page, effects } = await openReport(file);
    expect(await page.$$eval('svg path.curve.observed', (paths) => paths.length)).toBe(1);
    expect(effects).toEqual({ dialogs: [], console: [], errors: [], requests: [] });
    await page.close();
  });
});

describe.skipIf(withoutBrowser)(`the HTML report of a judged program in headless Chromium${skipped}`, () => {
  const serve = useOpenAICompatibleServers(afterEach);
  const hostileReason = '<img src=x onerror=window.__pwned=9> & </li><script>window.__pwned=10</script>';

  it('shows the intervals, the significance of each failure, the judge figures and the judge answers as text', async () => {
    // The judge's score depends on the seed, so its answers disagree now and then; its reason is hostile markup.
    const server = await serve({
      answer: (request) => JSON.stringify({ score: (request.seed ?? 0) % 3 === 0 ? 0.2 : 0.9, reason: hostileReason }),
    });
    const { folder, store } = programFolder({
      'p.prog': judgedProgram('openai-compatible:test-model'),
      // On the simulator's judge, pass@1 is about 0.6 with an interval reaching 0.7: failing 0.7 could be noise.
      'q.prog': judgedProgram()
        .replace('program capitals', 'program noisy')
        .replace('expect pass@1 >= 0.5', 'expect pass@1 >= 0.7'),
    });
    const file = join(folder, 'judged.html');
    const baseline = await runCliAsync(['test', '.', '--store', store, '--base-url', server.url, '--update-baseline'], {
      cwd: folder,
    });
    expect(baseline.stdout).toContain('Baseline      written to');
    const result = await runCliAsync(
      ['test', '.', '--store', store, '--base-url', server.url, '--reporter', 'html', '--output-file', file],
      { cwd: folder },
    );
    expect(result.status, result.stderr).toBe(1);
    const { page, effects } = await openReport(file);

    const metricRows = await page.$$eval('.card:first-child table.metrics tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
    );
    const pass1 = metricRows.find((cells) => cells[0] === 'pass@1');
    expect(pass1?.[2]).toMatch(/^95% \[0\.\d{3}, [01]\.\d{3}\]$/);

    const expectations = await page.$$eval('.card ul.expectations > li', (items) =>
      items.map((item) => ({
        program: item.closest('.card')?.querySelector('h3')?.textContent ?? '',
        text: item.firstChild?.textContent ?? '',
        significance: item.querySelector('.significance')?.textContent ?? null,
        verdict: item.querySelector('.significance')?.className ?? null,
      })),
    );
    expect(expectations).toHaveLength(8);
    const noisy = expectations.find((expectation) => expectation.text.startsWith('✗ expect pass@1 >= 0.7'));
    expect(noisy?.program).toMatch(/^noisy on sim/);
    expect(noisy?.verdict).toBe('significance uncertain');
    expect(noisy?.significance).toMatch(
      /^could be noise at this sample size; (about \d+ samples per case would decide it|more samples per case cannot decide it; about \d+ cases would)$/,
    );
    expect(expectations[0]?.text).toMatch(
      /^✗ expect pass@1 >= 0\.99 · observed 0\.\d{3} 95% \[[\d., ]+\] · p\.prog:14:1$/,
    );
    expect(expectations[0]?.significance).toBe('significant: the 95% interval excludes 0.99');
    expect(expectations[0]?.verdict).toBe('significance significant');
    expect(expectations[3]?.text).toMatch(/^✗ expect pass@1 >= 0\.99 \(case france\) · observed /);
    const met = expectations.filter((expectation) => expectation.text.startsWith('✓'));
    expect(met.every((expectation) => expectation.significance === null)).toBe(true);

    expect(await page.locator('.card:first-child .baseline.unchanged > p').textContent()).toBe(
      'no significant change against the baseline',
    );
    expect(await page.locator('.card:first-child .baseline li').allTextContents()).toEqual([
      expect.stringMatching(/^pass@1 0\.\d{3} → 0\.\d{3} \(\+0\.000 /),
      expect.stringMatching(/^pass@2 /),
    ]);
    const judges = await page.$$eval('.card:first-child ul.judges li', (items) =>
      items.map((item) => [item.getAttribute('data-judge'), item.textContent]),
    );
    expect(judges).toEqual([
      [
        'correct',
        expect.stringMatching(
          /^judge correct on openai-compatible:test-model: 12 verdicts; spread \d\.\d\d, agreement \d\.\d\d across its 3 answers per verdict(; its noise is \d+% of the variance of mean_score, inside its interval)?$/,
        ),
      ],
    ]);

    // The trace viewer opens a failing case; its first sample's tree is the judge's verdict and its three answers.
    const judgeNode = page.locator('#trace details.sample >> nth=0').locator('ul.score-tree > li.judge').first();
    expect(await judgeNode.locator('> .judge-figures').textContent()).toMatch(
      /^ · judge correct on openai-compatible:test-model: 3 answers (0\.(200|900)(, )?){3}$/,
    );
    const answers = await judgeNode
      .locator('> ul.score-tree > li')
      .evaluateAll((items) =>
        items.map((item) => [
          item.querySelector(':scope > .expression')?.textContent,
          item.querySelector(':scope > .explanation')?.textContent,
        ]),
      );
    expect(answers.map(([name]) => name)).toEqual(['correct#1', 'correct#2', 'correct#3']);
    for (const [, reason] of answers) expect(reason).toBe(` — ${hostileReason}`);
    expect(await page.$$eval('img, a, iframe, object, embed', (nodes) => nodes.length)).toBe(0);
    expect(await page.$$eval('script', (nodes) => nodes.length)).toBe(2);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(effects).toEqual({ dialogs: [], console: [], errors: [], requests: [] });
    await page.close();
  });
});

describe.skipIf(withoutBrowser)(`the HTML report of an agent program in headless Chromium${skipped}`, () => {
  it('shows the agent figures and each turn of a hostile trajectory as text, control characters visible', async () => {
    const model = buildReportModel([agentSummary(4)], {
      title: 'agent report',
      toolVersion: '0.0.0',
      runIds: ['run-agent'],
      status: 'failed',
      now: 0,
    });
    const file = join(tempFolder(), 'agent.html');
    writeFileSync(file, renderHtmlReport(model));
    const { page, effects } = await openReport(file);
    expect(await page.textContent('.agent-figures')).toBe(
      'agent: 3.0 turns · 2.0 tool calls · 1.0 user turns per sample · tool errors 50.0% · ended answer 7, max-turns 1',
    );
    expect(
      await page.$$eval('table.metrics tr > td:first-child', (cells) => cells.map((cell) => cell.textContent)),
    ).toEqual(expect.arrayContaining(['pass^1', 'pass^2', 'pass^3', 'pass^4']));
    // The failing case opens first; its failing sample (index 0) is open.
    await page.click('#case-table tbody tr:has(td:text-is("cancel-2"))');
    const sample = page.locator('#trace details.sample[open]').first();
    expect(await sample.locator('.trajectory-box > p').first().textContent()).toBe(
      'trajectory: 3 turns, ended max-turns',
    );
    const turns = await sample
      .locator('ol.trajectory > li')
      .evaluateAll((items) => items.map((item) => [item.className, item.textContent]));
    const shown = hostileText.replace('\u001b', '\\u001b').replace('\u0007', '\\u0007').replace('\u2028', '\\u2028');
    expect(turns).toEqual([
      [
        'turn-model',
        `modelLooking up. ${shown}calls lookup_order(${JSON.stringify({ order_id: 'X' }).replace('X', shown.replace(/"/g, '\\"'))})`,
      ],
      [
        'turn-tool',
        `tool lookup_orderarguments {"order_id":"${shown.replace(/"/g, '\\"')}"}{"status":"pending","note":"${shown.replace(/"/g, '\\"')}"}`,
      ],
      ['turn-model', 'modelcalls cancel_order({"order_id":"W1")'],
      ['turn-tool failed', `tool cancel_orderarguments {"order_id":"W1"error: arguments are not JSON: ${shown}`],
      ['turn-user', `userNo, cancel it. ${shown}`],
      ['turn-model', `modelI cannot. ${shown}`],
    ]);
    expect(await sample.locator('pre.state').textContent()).toBe('{"orders":{"W1":{"status":"pending"}}}');
    expect(await sample.locator('pre.expected-state').textContent()).toBe('{"orders":{"W1":{"status":"cancelled"}}}');
    const texts = await page.$$eval('#trace .trajectory-box', (nodes) =>
      nodes.map((node) => node.textContent ?? '').join(''),
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
    expect(texts).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(await page.$$eval('img, a, iframe, object, embed', (nodes) => nodes.length)).toBe(0);
    expect(await page.$$eval('script', (nodes) => nodes.length)).toBe(2);
    expect(effects).toEqual({ dialogs: [], console: [], errors: [], requests: [] });
    await page.close();
  });
});
