import { scored, scoreError } from '../../contracts/score.js';
import { defineBuiltin } from '../builtin-verifier.js';
import { describeDifference } from './describe-difference.js';
import { jsonDifferences } from './json-differences.js';
import { trajectoryArgument } from './trajectory-view.js';

/** How many differing places an explanation lists. */
const shownDifferences = 3;

/**
 * `state_matches(trajectory, state)`: 1 when the environment's end state equals `state` (deep JSON equality, key
 * order ignored), else 0 with the first differing paths and both values. Without `state`, the expected state is
 * the one the case's reference actions give (τ-bench's test). An error when there is no end state or nothing to
 * compare it with.
 */
export const stateMatches = defineBuiltin({
  name: 'state_matches',
  summary: "the environment's end state equals the expected state",
  subject: 'trajectory',
  parameters: [
    { name: 'trajectory', type: 'the trajectory' },
    { name: 'state', type: 'any value', absent: 'optional' },
  ],
  score([trajectory, state]) {
    const view = trajectoryArgument(trajectory);
    if (view.state === undefined) {
      return scoreError('the trajectory has no end state: the program declares no `environment`');
    }
    const wanted = state === undefined ? view.expected_state : state;
    if (wanted === undefined) {
      return scoreError(
        'there is no expected state: give the case reference actions (`-> { actions: [{ tool, arguments }] }`) or write `state_matches({ … })`',
      );
    }
    const { differences, count } = jsonDifferences(view.state, wanted, shownDifferences);
    if (count === 0) return scored(1, { explanation: 'the end state equals the expected state' });
    const more = count > differences.length ? `; and ${count - differences.length} more` : '';
    return scored(0, {
      explanation: `the end state differs in ${count} place${count === 1 ? '' : 's'}: ${differences.map((difference) => describeDifference(difference)).join('; ')}${more}`,
    });
  },
});
