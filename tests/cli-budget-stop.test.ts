import { describe, expect, it } from 'vitest';
import { programFolder } from './support/report-programs.js';
import { runCli } from './support/run-cli.js';
import { generatedProgram } from './support/temp-folder.js';

// On sim (medium: $1 input, $4 output per million tokens) a sample of this program costs a few millionths of a dollar.
const program = (extra = '') => generatedProgram('budgeted', 4, 10, `expect pass@1 >= 0.1\n${extra}`);

describe('informal test stopped by a budget', () => {
  it('says the run budget was reached, exits 2 rather than 130, and resumes to the end', () => {
    const { folder, store } = programFolder({ 'b.prog': program() });
    const stopped = runCli(['test', 'b.prog', '--store', store, '--max-cost', '0.00005'], { cwd: folder });
    expect(stopped.status, stopped.stderr).toBe(2);
    expect(stopped.stderr).toMatch(
      /The run's budget of \$0\.00005 \(--max-cost\) was reached: \$0\.000\d+ spent on new calls\. Finished samples are kept\. Resume with:\n {2}informal test b\.prog --store \S+ --max-cost 0\.00005 --resume \S+\n/,
    );
    expect(stopped.stderr).not.toContain('Interrupted.');
    expect(stopped.stdout).toMatch(
      /\nBudget \$0\.00005: \$0\.000\d+ spent · reached: the run stopped there; --resume \S+ finishes it\n/,
    );
    expect(stopped.stdout).toMatch(/\nSpent {9}[\d,]+ tokens · \$0\.000\d+ · all new\n/);
    const runId = /--resume (\S+)\n/.exec(stopped.stderr)?.[1] ?? '';
    const resumed = runCli(['test', 'b.prog', '--store', store, '--max-cost', '1', '--resume', runId], {
      cwd: folder,
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    // The samples drawn before the stop come from the store, at what they cost then; the budget counts new calls.
    const spent = /\nSpent {9}[\d,]+ tokens · \$[\d.]+ · (\$[\d.]+) new, (\$[\d.]+) from the store\n/.exec(
      resumed.stdout,
    );
    expect(spent?.[2]).toBe(/: (\$[\d.]+) spent on new calls/.exec(stopped.stderr)?.[1]);
    expect(resumed.stdout).toContain(`\nBudget $1.00: ${spent?.[1]} spent\n`);
  });

  it('says which program budget was reached, and exits 2', () => {
    const { folder, store } = programFolder({ 'b.prog': program('budget 0.00005') });
    const stopped = runCli(['test', 'b.prog', '--store', store], { cwd: folder });
    expect(stopped.status, stopped.stderr).toBe(2);
    expect(stopped.stderr).toContain(
      'The budget of budgeted on sim (`budget` in the program) was reached. Finished samples are kept. Resume with:',
    );
    expect(stopped.stdout).not.toContain('Budget ');
  });
});
