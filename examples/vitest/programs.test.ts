import { runProgramFile } from 'informal/vitest';
import { describe, expect, test } from 'vitest';

// The plugin registers the matchers in every test file; without it, `import 'informal/vitest/matchers'`.
describe('capitals, run from TypeScript', () => {
  test('the large simulated model needs few attempts', async () => {
    const run = await runProgramFile('programs/capitals.prog', { interpreter: 'sim:large' });
    expect(run).toHavePassAtK(1, 0.6);
    expect(run).toHavePassAtK(5, 0.9);
    // Lower is better for these two: the expected attempts until the first success (at most 5 counted), and the
    // share of calls that failed.
    expect(run).toHaveAttempts(5, 2);
    expect(run).toHaveErrorRate(0);
    expect(run).toPassExpectations();
  });

  test('the small one needs many more: its pass@1 is low, its pass@10 much higher', async () => {
    const run = await runProgramFile('programs/capitals.prog', { interpreter: 'sim:small' });
    expect(run).not.toHavePassAtK(1, 0.5);
    expect(run).toHavePassAtK(10, 0.5);
    expect(run).not.toHaveAttempts(5, 2);
  });
});

test('sentiment: both of two attempts are right less often than one is', async () => {
  const run = await runProgramFile('programs/sentiment.prog', { interpreter: 'sim:large' });
  expect(run).toHaveMeanScore(0.6);
  expect(run).toHavePassHatK(2, 0.4);
  expect(run).not.toHavePassHatK(2, 0.6);
});
