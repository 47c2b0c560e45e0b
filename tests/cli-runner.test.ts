import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

interface JsonProgram {
  name: string;
  interpreterName: string;
  status: string;
  metrics: Record<string, number>;
  intervals: Record<string, { lower: number; upper: number; level: number }>;
  passAtKCurve: { k: number; value: number }[];
  expectations: {
    text: string;
    met: boolean;
    observed: number;
    interval?: { lower: number; upper: number };
    significance?: { verdict: string; samplesPerCase?: number; casesNeeded?: number };
  }[];
  baseline?: { status: string; changes: { metric: string; change: string; pValue: number }[] };
  cases: { id: string; samples: unknown[] }[];
}

const json = (stdout: string) => JSON.parse(stdout) as { runId: string; programs: JsonProgram[]; notRun?: unknown[] };

describe('informal test -t', () => {
  const folder = tempFolder({
    'alpha.prog': generatedProgram('alpha', 4, 4, 'expect pass@1 >= 0.1'),
    'beta.prog': generatedProgram('beta', 3, 4),
  });

  it('runs the programs whose name matches, and within others the cases whose program/case name matches', () => {
    const byProgram = json(
      runCli(['test', '-t', 'bet', '--reporter', 'json', '--store', 's.sqlite'], { cwd: folder }).stdout,
    );
    expect(byProgram.programs.map((program) => program.name)).toEqual(['beta']);
    expect(byProgram.programs[0]?.cases).toHaveLength(3);
    const byCase = runCli(['test', '--filter', 'alpha/c[13]$', '--reporter', 'json', '--store', 's.sqlite'], {
      cwd: folder,
    });
    expect(byCase.status, byCase.stderr).toBe(0);
    const cases = json(byCase.stdout).programs.map((program) => [program.name, program.cases.map((c) => c.id)]);
    expect(cases).toEqual([['alpha', ['c1', 'c3']]]);
  });

  it('exits 2 with the program names when nothing matches', () => {
    const result = runCli(['test', '-t', 'gamma', '--store', 's.sqlite'], { cwd: folder });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no program or case matches -t "gamma"');
    expect(result.stderr).toContain('alpha, beta');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('informal test --interpreter, repeated', () => {
  it('runs every program on each interpreter in one run, and sets them side by side', () => {
    const folder = tempFolder({
      'a.prog': generatedProgram('a', 6, 8, 'expect pass@1 >= 0.5'),
      'b.prog': generatedProgram('b', 4, 8),
    });
    const args = ['test', '--interpreter', 'sim:large', '--interpreter', 'sim:small', '--store', 's.sqlite'];
    const report = json(runCli([...args, '--reporter', 'json'], { cwd: folder }).stdout);
    expect(report.programs.map((program) => `${program.name} ${program.interpreterName}`)).toEqual([
      'a sim:large',
      'a sim:small',
      'b sim:large',
      'b sim:small',
    ]);
    // Each expectation is checked per interpreter: the large profile meets it, the small one does not.
    expect(report.programs[0]?.expectations[0]?.met).toBe(true);
    expect(report.programs[1]?.expectations[0]?.met).toBe(false);
    const text = runCli(args, { cwd: folder });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(
      /a on 2 interpreters\n +pass@1 +suite_k@0\.5 +cost per success\n +sim:large +\d\.\d{3} \[[\d.]+, [\d.]+\] +\d+ \[\d+, (\d+|∞)\] +\$[\d.]+ \[/,
    );
    expect(text.stdout).toMatch(/\n +sim:small +\d\.\d{3} \[/);
    expect(text.stdout).toContain('b on 2 interpreters');
    // The second interpreter against the first, paired over the cases; the crossover is left to `informal compare`.
    expect(text.stdout).toMatch(
      /\n {2}sim:small − sim:large: pass@1 −\d\.\d{3} \[−?\d\.\d{3}, [−+]\d\.\d{3}\], p [<=] [\d.]+, (significant|could be noise) \(paired over 6 cases\)\n/,
    );
    expect(text.stdout).not.toContain('crossover');
    // One run in the shared store holds all four.
    expect(text.stdout).toMatch(/Programs +1 failed \| 3 passed \(4\)/);
  });
});

describe('informal test --bail', () => {
  it('stops after the first program whose expectations fail; the rest are not run and draw no samples', () => {
    const folder = tempFolder({
      'a.prog': generatedProgram('a', 3, 4),
      'b.prog': generatedProgram('b', 3, 4, 'expect pass@1 >= 0.999'),
      'c.prog': generatedProgram('c', 3, 4),
    });
    const result = runCli(['test', '--bail', '--store', 's.sqlite'], { cwd: folder });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Not run after the first failure (--bail): c on sim');
    expect(result.stdout).toMatch(/Programs +1 failed \| 1 not run \| 1 passed \(3\)/);
    expect(result.stdout).toMatch(/Samples +24 in/);
    const report = json(
      runCli(['test', '--bail', '--reporter', 'json', '--store', 's.sqlite'], { cwd: folder }).stdout,
    );
    expect(report.programs.map((program) => program.name)).toEqual(['a', 'b']);
    expect(report.notRun).toEqual([{ file: 'c.prog', programName: 'c', interpreter: 'sim' }]);
  });
});

describe('metrics with intervals, and failed expectations that say whether they matter', () => {
  it('prints each metric with its 95% interval and a pass@k curve, and judges each failure', () => {
    const folder = tempFolder({ 'a.prog': generatedProgram('a', 12, 16, 'expect pass@1 >= 0.999') });
    const first = json(runCli(['test', '--reporter', 'json', '--store', 's.sqlite'], { cwd: folder }).stdout);
    const program = first.programs[0] as JsonProgram;
    const interval = program.intervals['pass@1'] as { lower: number; upper: number; level: number };
    expect(interval.level).toBe(0.95);
    expect(interval.lower).toBeLessThan(program.metrics['pass@1'] as number);
    expect(interval.upper).toBeLessThan(0.999);
    expect(program.passAtKCurve.map((point) => point.k)).toEqual([1, 2, 4, 8, 16]);
    expect(program.expectations[0]?.significance).toEqual({ verdict: 'significant' });

    // A threshold just above the observed value: the failure could be noise, and more samples would decide it.
    const observed = program.metrics['pass@1'] as number;
    const threshold = Math.ceil((observed + 0.01) * 1000) / 1000;
    writeFileSync(join(folder, 'a.prog'), generatedProgram('a', 12, 16, `expect pass@1 >= ${threshold}`));
    const close = runCli(['test', '--reporter', 'json', '--store', 's.sqlite'], { cwd: folder });
    const significance = json(close.stdout).programs[0]?.expectations[0]?.significance;
    expect(significance?.verdict).toBe('uncertain');
    expect((significance?.samplesPerCase ?? 0) + (significance?.casesNeeded ?? 0)).toBeGreaterThan(16);

    const text = runCli(['test', '--store', 's.sqlite'], { cwd: folder });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/ pass@1 +\d\.\d{3} {2}\[\d\.\d{3}, \d\.\d{3}\]/);
    expect(text.stdout).toMatch(/ pass@k +[▁▂▃▄▅▆▇█]{5} {2}k = 1, 2, 4, 8, 16/);
    expect(text.stdout).toMatch(
      new RegExp(`✗ expect pass@1 >= ${threshold} +observed \\d\\.\\d{3} \\[\\d\\.\\d{3}, \\d\\.\\d{3}\\]`),
    );
    expect(text.stdout).toMatch(
      /could be noise at this sample size; (about \d+ samples per case would decide it|.*about \d+ cases would)/,
    );
  });
});

describe('baselines', () => {
  const program = (cases: number) => generatedProgram('quiz', cases, 20, 'expect pass@1 >= 0.1');
  const config = (id: string) => `export default { interpreters: { main: '${id}' } };\n`;

  it('writes a sorted, versioned baseline next to the config, and flags only a regression beyond the noise', () => {
    const folder = tempFolder({ 'quiz.prog': program(30), 'informal.config.mjs': config('sim:medium') });
    const run = (...extra: string[]) =>
      runCli(['test', '--interpreter', 'main', '--store', 's.sqlite', ...extra], { cwd: folder });
    const written = run('--update-baseline');
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toContain(`Baseline      written to ${join(folder, 'informal.baseline.json')}`);
    const baseline = JSON.parse(readFileSync(join(folder, 'informal.baseline.json'), 'utf8'));
    expect(baseline).toMatchObject({
      version: 1,
      entries: [{ program: 'quiz', interpreter: 'main', file: 'quiz.prog' }],
    });
    expect(Object.keys(baseline.entries[0].cases)).toEqual([...Array(30).keys()].map((i) => `c${i}`).sort());

    const same = run();
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('no significant change against the baseline');

    // Worse by less than the noise: every case's success probability 0.02 lower, and other samples.
    writeFileSync(join(folder, 'informal.config.mjs'), config('sim:medium,worse=0.02'));
    const slightly = run('--reporter', 'json');
    expect(slightly.status, slightly.stderr).toBe(0);
    const wobble = json(slightly.stdout).programs[0]?.baseline;
    expect(wobble?.status).toBe('unchanged');
    expect(wobble?.changes[0]?.metric).toBe('pass@1');
    expect(wobble?.changes[0]?.pValue).toBeGreaterThan(0.05);

    // Worse beyond the noise: 0.3 lower.
    writeFileSync(join(folder, 'informal.config.mjs'), config('sim:medium,worse=0.3'));
    const worse = run();
    expect(worse.status).toBe(1);
    expect(worse.stdout).toContain('significant regression against the baseline');
    expect(worse.stdout).toMatch(
      /↓ pass@1 \d\.\d{3} → \d\.\d{3} \(−\d\.\d{3} \[−\d\.\d{3}, −\d\.\d{3}\], p < 0\.001\)/,
    );
    expect(worse.stdout).toMatch(/Baseline +1 regressed \| 0 improved \(1 compared\)/);
    // The expectation itself still holds: the regression alone fails the run.
    expect(worse.stdout).toMatch(/Expectations +1 met \(1\)/);
  });

  it('refuses a baseline file it cannot read, with the fix', () => {
    const folder = tempFolder({ 'quiz.prog': program(3), 'informal.baseline.json': '{"version": 1' });
    const result = runCli(['test', '--store', 's.sqlite'], { cwd: folder });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('informal.baseline.json cannot be read: not JSON');
    expect(result.stderr).toContain('hint: rewrite it with --update-baseline');
  });
});

describe('informal test --watch', () => {
  it('re-runs a program when its file changes, from the cached samples, and exits on Ctrl-C', async () => {
    const folder = tempFolder({
      'a.prog': generatedProgram('a', 4, 6, 'expect pass@1 >= 0.1'),
      'b.prog': generatedProgram('b', 4, 6),
    });
    // The folder is named by its absolute path: programs are shown that way in the first run and in re-runs.
    const args = ['test', folder, '--watch', '--store', 's.sqlite'];
    const child = spawn(process.execPath, [`${repoRoot}bin/informal.js`, ...args], {
      cwd: folder,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    let stdout = '';
    let stderr = '';
    // A failure (a wait that never ends included) shows what the command had printed, to tell where it stood.
    onTestFailed(() => {
      console.error(`informal test --watch had printed:\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
      child.kill('SIGKILL');
    });
    const waiters: { test: () => boolean; done: () => void }[] = [];
    const check = () => {
      for (const waiter of [...waiters]) {
        if (waiter.test()) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.done();
        }
      }
    };
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      check();
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      check();
    });
    const until = (test: () => boolean) =>
      new Promise<void>((done) => {
        waiters.push({ test, done });
        check();
      });
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));

    // The summary (standard output) and the idle line (standard error) come through two pipes: wait for both.
    await until(() => stderr.includes('Watching for changes') && /Programs +2 passed \(2\)/.test(stdout));
    const before = stdout.length;
    writeFileSync(join(folder, 'a.prog'), generatedProgram('a', 4, 6, 'expect pass@1 >= 0.2'));
    await until(() => /Re-running[\s\S]*Run +\S+\n/.test(stdout.slice(before)));
    const rerun = stdout.slice(before);
    expect(rerun).toContain(`${'─'.repeat(72)}\nRe-running 1 program file after a change to a.prog`);
    expect(rerun).toContain('✓ expect pass@1 >= 0.2');
    expect(stdout.slice(0, before)).toContain(`✓ a ${join(folder, 'a.prog')}\n`);
    expect(rerun).toContain(`✓ a ${join(folder, 'a.prog')}\n`);
    expect(rerun).toContain('24 of 24 samples from the store');
    expect(rerun).not.toContain('✓ b ');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

describe('informal test with flags that cannot run together', () => {
  it('prints the runner’s refusal with the flags’ names, exits 2 and samples nothing', () => {
    const folder = tempFolder({ 'a.prog': generatedProgram('a', 2, 2) });
    const refused = (...flags: string[]) => {
      const result = runCli(['test', 'a.prog', '--store', 's.sqlite', ...flags], { cwd: folder });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr;
    };
    expect(refused('--adaptive', '--shard', '1/2')).toBe(
      'error: --adaptive and --shard cannot be combined: adaptive sampling decides each batch from all samples so far\n',
    );
    expect(refused('--watch', '--shard', '1/2')).toBe(
      'error: --watch cannot be combined with --shard: watching re-runs whole programs as their files change\n',
    );
    expect(refused('--watch', '--resume', 'latest')).toBe(
      'error: --watch cannot be combined with --resume: watching re-runs whole programs as their files change\n',
    );
    expect(refused('--no-cache', '--resume', 'latest')).toBe(
      "error: --no-cache cannot be combined with --resume: resuming keeps the run's finished samples, and --no-cache would draw them anew\n  hint: leave out --no-cache, or start a new run without --resume\n",
    );
    expect(runCli(['runs', '--store', 's.sqlite'], { cwd: folder }).stderr).toContain('no store');
  });
});
