import { runProgramFile } from 'informal/vitest';
import { expect, test } from 'vitest';

test('capitals needs few attempts on the large model', async () => {
  const run = await runProgramFile('programs/capitals.prog', { interpreter: 'sim:large' });
  expect(run).toHavePassAtK(5, 0.8);
  expect(run).toHaveMeanScore(0.5);
  expect(run).toPassExpectations();
});
