import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

interface JsonExpectation {
  sequential?: { decision: string; decidedAt?: number; interval?: { lower: number; upper: number } };
}
interface JsonProgram {
  status: string;
  cacheHits: number;
  sequential: { end: string; rounds: number; roundSize: number; cap: number };
  expectations: JsonExpectation[];
  cases: { samples: { index: number; seed: number }[] }[];
}

const programOf = (samples: number) =>
  generatedProgram('a', 10, samples, 'expect pass@1 >= 0.3\nexpect pass@2 >= 0.35\nsequential');
const testJson = (folder: string, store: string, extra: string[] = []) => {
  const result = runCli(['test', 'a.prog', '--reporter', 'json', '--store', store, ...extra], { cwd: folder });
  return {
    result,
    report: result.stdout
      ? (JSON.parse(result.stdout) as { programs: JsonProgram[]; summary: Record<string, number> })
      : undefined,
  };
};
const indices = (program: JsonProgram) =>
  program.cases.map((testCase) => testCase.samples.map((sample) => sample.index));

describe('informal test --sequential', () => {
  it('stops each program once its expectations are decided, on the first indices, under the cap', () => {
    const folder = tempFolder({ 'a.prog': generatedProgram('a', 10, 400, 'expect pass@1 >= 0.3') });
    const { result, report } = testJson(folder, 's.sqlite', ['--sequential', '--error-rate', '0.01']);
    expect(result.status, result.stderr).toBe(0);
    const program = report?.programs[0] as JsonProgram;
    expect(program.sequential.end).toBe('decided');
    expect(program.expectations[0]?.sequential?.decision).toBe('pass');
    const used = program.sequential.rounds * program.sequential.roundSize;
    expect(used).toBeLessThan(400);
    expect(indices(program)).toEqual(program.cases.map(() => Array.from({ length: used }, (_, index) => index)));
  });

  it('reports undecided at the cap, exits 2, and a re-run on the store with a higher cap continues the same test', () => {
    const folder = tempFolder({ 'a.prog': programOf(2) });
    const first = testJson(folder, 's.sqlite');
    expect(first.result.status, first.result.stderr).toBe(2);
    expect(first.result.stderr).toContain('is undecided after 1 rounds (2 samples per case)');
    const undecided = first.report?.programs[0] as JsonProgram;
    expect(undecided.status).toBe('undetermined');
    expect(undecided.sequential.end).toBe('cap-reached');
    expect(undecided.expectations.map((expectation) => expectation.sequential?.decision)).toEqual([
      'undecided',
      'undecided',
    ]);
    expect(first.report?.summary.undecided).toBe(2);
    // The HTML report of the stored run replays its rounds: the expectations are undecided there too.
    const html = runCli(['report', 'latest', '--html', 'r.html', '--store', 's.sqlite'], { cwd: folder });
    expect(html.status, html.stderr).toBe(0);
    expect(readFileSync(join(folder, 'r.html'), 'utf8')).toContain('"decision":"undecided"');

    // The cap raised: the stored round is replayed from the cache, and the rounds go on from it.
    writeFileSync(join(folder, 'a.prog'), programOf(200));
    const again = testJson(folder, 's.sqlite');
    expect(again.result.status, again.result.stderr).toBe(0);
    const continued = again.report?.programs[0] as JsonProgram;
    expect(continued.cacheHits).toBe(10 * 2);
    expect(continued.sequential.end).toBe('decided');
    // The same test as one run from scratch: the same rounds, the same decisions at the same rounds.
    const fresh = testJson(folder, 'fresh.sqlite').report?.programs[0] as JsonProgram;
    expect(fresh.cacheHits).toBe(0);
    expect(continued.expectations).toEqual(fresh.expectations);
    expect(continued.sequential).toEqual(fresh.sequential);
    expect(indices(continued)).toEqual(indices(fresh));
  });

  it('resumes a stopped sequential run where it stopped, and refuses to resume it otherwise', () => {
    const folder = tempFolder({ 'a.prog': programOf(200) });
    const stopped = runCli(['test', 'a.prog', '--store', 's.sqlite', '--max-cost', '0.0001'], { cwd: folder });
    expect(stopped.status, stopped.stderr).toBe(2);
    expect(stopped.stderr).toContain('Resume with');
    // Without `sequential` the run would sample otherwise: resuming it so is refused.
    writeFileSync(join(folder, 'a.prog'), programOf(200).replace('\nsequential', ''));
    const refused = runCli(['test', 'a.prog', '--store', 's.sqlite', '--resume', 'latest'], { cwd: folder });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('sequential sampling of a differs');
    writeFileSync(join(folder, 'a.prog'), programOf(200));
    const resumed = testJson(folder, 's.sqlite', ['--resume', 'latest']);
    expect(resumed.result.status, resumed.result.stderr).toBe(0);
    const program = resumed.report?.programs[0] as JsonProgram;
    expect(program.cacheHits).toBeGreaterThan(0);
    const fresh = testJson(folder, 'fresh.sqlite').report?.programs[0] as JsonProgram;
    expect(program.expectations).toEqual(fresh.expectations);
    expect(program.sequential).toEqual(fresh.sequential);
  });

  it('shards draw their parts of the rounds to the cap; on the merged store the test decides from the cache alone', () => {
    const folder = tempFolder({ 'a.prog': programOf(40) });
    for (const shard of ['1/2', '2/2']) {
      const part = runCli(['test', 'a.prog', '--store', `s${shard[0]}.sqlite`, '--shard', shard], { cwd: folder });
      expect(part.status, part.stderr).toBe(0);
    }
    const told = runCli(['test', 'a.prog', '--store', 'told.sqlite', '--shard', '1/2', '--sequential'], {
      cwd: folder,
    });
    expect(told.status, told.stderr).toBe(0);
    expect(told.stderr).toContain('note: a shard draws its part of every round up to the cap');
    const merged = runCli(['merge', 's1.sqlite', 's2.sqlite', '--into', 'm.sqlite'], { cwd: folder });
    expect(merged.status, merged.stderr).toBe(0);
    const decided = testJson(folder, 'm.sqlite');
    expect(decided.result.status, decided.result.stderr).toBe(0);
    const program = decided.report?.programs[0] as JsonProgram;
    const drawn = program.cases.reduce((sum, testCase) => sum + testCase.samples.length, 0);
    expect(program.cacheHits).toBe(drawn);
    const fresh = testJson(folder, 'fresh.sqlite').report?.programs[0] as JsonProgram;
    expect(program.expectations).toEqual(fresh.expectations);
    expect(program.sequential).toEqual(fresh.sequential);
  });

  it('refuses a bad error rate, in the file and on the command line', () => {
    const folder = tempFolder({ 'a.prog': generatedProgram('a', 2, 10, 'sequential error 0\nexpect pass@1 >= 0.5') });
    const file = runCli(['test', 'a.prog', '--store', 's.sqlite'], { cwd: folder });
    expect(file.status).toBe(2);
    expect(file.stdout + file.stderr).toContain('R054');
    const flag = runCli(['test', 'a.prog', '--error-rate', '0.1'], { cwd: folder });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('--error-rate sets the error rate of --sequential');
    const both = runCli(['test', 'a.prog', '--sequential', '--adaptive'], { cwd: folder });
    expect(both.stderr).toContain('--adaptive and --sequential cannot be combined');
  });

  it('takes its cap from --samples: the quickstart is decided with far fewer samples than the cap', () => {
    const folder = tempFolder({});
    const quickstart = join(repoRoot, 'examples/quickstart');
    const run = runCli(
      ['test', quickstart, '--sequential', '--samples', '400', '--reporter', 'json', '--store', 's.sqlite'],
      {
        cwd: folder,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const programs = (JSON.parse(run.stdout) as { programs: (JsonProgram & { samplesPerCase: number })[] }).programs;
    expect(programs).toHaveLength(3);
    for (const program of programs) {
      expect(program.samplesPerCase).toBe(400);
      expect(program.sequential.cap).toBe(400);
      expect(program.sequential.end).toBe('decided');
      expect(program.expectations.every((expectation) => expectation.sequential?.decision === 'pass')).toBe(true);
      const used = program.sequential.rounds * program.sequential.roundSize;
      expect(used).toBeLessThanOrEqual(400 / 3);
      for (const testCase of program.cases) expect(testCase.samples.length).toBe(used);
    }
    // The stored run is replayed with its own cap, not the files' `sample N`: decided, as it was run.
    const html = runCli(['report', 'latest', '--html', 'r.html', '--store', 's.sqlite'], { cwd: folder });
    expect(html.status, html.stderr).toBe(0);
    const page = readFileSync(join(folder, 'r.html'), 'utf8');
    expect(page).toContain('"decision":"pass"');
    expect(page).not.toContain('"decision":"undecided"');
    // Without --sequential, --samples is the count every case draws; the first indices come from the store.
    const fixed = runCli(['test', quickstart, '--samples', '30', '--reporter', 'json', '--store', 's.sqlite'], {
      cwd: folder,
    });
    expect(fixed.status, fixed.stderr).toBe(0);
    for (const program of (JSON.parse(fixed.stdout) as { programs: JsonProgram[] }).programs) {
      for (const testCase of program.cases) expect(testCase.samples.length).toBe(30);
      expect(program.cacheHits).toBeGreaterThan(0);
    }
    const refused = runCli(['test', quickstart, '--samples', '0'], { cwd: folder });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--samples');
  });
});
