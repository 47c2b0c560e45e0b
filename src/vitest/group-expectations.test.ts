import { expect, test } from 'vitest';
import type { Expectation } from '../program/program.js';
import { groupExpectations } from './group-expectations.js';

const expectation = (text: string, caseId?: string): Expectation => ({
  metric: { name: 'pass@k', k: 1 },
  operator: '>=',
  threshold: 0.5,
  text,
  ...(caseId !== undefined ? { caseId } : {}),
  span: { start: 0, end: 0 },
});

test('expectations on one case are grouped by case, each keeping its index among all of them', () => {
  const groups = groupExpectations([
    expectation('pass@1 >= 0.5'),
    expectation('pass@1 >= 0.9', 'france'),
    expectation('pass@4 >= 0.5', 'japan'),
    expectation('pass@8 >= 0.9'),
    expectation('pass@4 >= 0.99', 'france'),
  ]);
  expect(groups.suite.map(({ expectation, index }) => [expectation.text, index])).toEqual([
    ['pass@1 >= 0.5', 0],
    ['pass@8 >= 0.9', 3],
  ]);
  expect(
    [...groups.byCase].map(([caseId, placed]) => [
      caseId,
      placed.map(({ expectation, index }) => [expectation.text, index]),
    ]),
  ).toEqual([
    [
      'france',
      [
        ['pass@1 >= 0.9', 1],
        ['pass@4 >= 0.99', 4],
      ],
    ],
    ['japan', [['pass@4 >= 0.5', 2]]],
  ]);
});
