import type { ProgramRun } from '../contracts/program-run.js';
import type { Program } from '../program/program.js';
import type { BlockSample } from '../stats/sequential/block-value.js';
import { addRound, isSettled, startSequentialTest } from '../stats/sequential/sequential-test.js';
import { type SequentialEnd, type SequentialOutcome, sequentialOutcome } from './sequential-outcome.js';
import { sequentialTargets } from './sequential-targets.js';

/**
 * The sequential test of a program run as its samples decide it, without drawing any: each case's scored samples in
 * index order, cut into rounds as `runSequential` cut them, until every expectation is decided or a case has no
 * further round. So a stored run gives back the decisions it was run with (`informal report`, `summarizeStoredRun`).
 * Undefined when no expectation can be decided by rounds.
 */
export function replaySequential(program: Program, run: ProgramRun, errorRate: number): SequentialOutcome | undefined {
  const selected = sequentialTargets(program);
  if (selected.targets.length === 0) return undefined;
  let test = startSequentialTest(selected.targets, errorRate);
  const size = test.blockSize;
  const maxRounds = Math.floor(program.sampling.samples / size);
  const byCase = new Map(run.cases.map((caseRun) => [caseRun.caseId, caseRun.samples]));
  const lists: BlockSample[][] = program.cases.map((testCase) =>
    [...(byCase.get(testCase.id) ?? [])]
      .sort((a, b) => a.index - b.index)
      .flatMap((sample) =>
        sample.score.status === 'scored' && sample.score.value !== null
          ? [{ score: sample.score.value, success: sample.success }]
          : [],
      ),
  );
  while (test.rounds < maxRounds && !isSettled(test)) {
    const round = test.rounds;
    if (!lists.every((list) => list.length >= (round + 1) * size)) break;
    test = addRound(
      test,
      lists.map((list) => list.slice(round * size, (round + 1) * size)),
    );
  }
  const end: SequentialEnd = isSettled(test) ? 'decided' : run.interrupted ? 'stopped' : 'cap-reached';
  return sequentialOutcome(test, selected, program.sampling.samples, end);
}
