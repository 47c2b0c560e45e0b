import { z } from 'zod';
import { scored } from '../../contracts/score.js';
import { type ArgumentProblem, defineBuiltin } from '../builtin-verifier.js';
import { quote } from '../normalize-text.js';
import { describeCalls } from './called.js';
import { firstMissingField } from './json-differences.js';
import { trajectoryArgument } from './trajectory-view.js';

/** One expected call: a tool's name, or a tool with the fields its arguments must contain (a reference action). */
const expectedCall = z.union([
  z.string(),
  z.looseObject({ tool: z.string(), arguments: z.record(z.string(), z.unknown()).optional() }),
]);

type ExpectedCall = z.output<typeof expectedCall>;

const toolOf = (call: ExpectedCall) => (typeof call === 'string' ? call : call.tool);

/**
 * `calls_in_order(trajectory, calls)`: the share of `calls` found, in order, among the trajectory's successful
 * calls (as a subsequence: other calls may come between). Each expected call is a tool's name or a
 * `{ tool, arguments }` whose fields the call's arguments must contain, so the case's reference actions
 * (`expected.actions`) can be given as they are. 1 when all are found in order.
 */
export const callsInOrder = defineBuiltin({
  name: 'calls_in_order',
  summary: 'the given tools were called successfully in this order, other calls allowed between them',
  subject: 'trajectory',
  parameters: [
    { name: 'trajectory', type: 'the trajectory' },
    {
      name: 'calls',
      type: 'a list of tool names or { tool, arguments } objects',
      schema: z.array(expectedCall),
    },
  ],
  check(known): ArgumentProblem[] {
    return Array.isArray(known.calls) && known.calls.length === 0
      ? [
          {
            parameter: 'calls',
            message: 'the list of calls is empty',
            hint: 'write `calls_in_order(["a_tool", "another"])`',
          },
        ]
      : [];
  },
  score([trajectory, wanted]) {
    const view = trajectoryArgument(trajectory);
    const expected = wanted as readonly ExpectedCall[];
    if (expected.length === 0) throw new Error('the list of calls is empty');
    const succeeded = view.calls.filter((call) => call.ok);
    let found = 0;
    for (const call of succeeded) {
      const next = expected[found];
      if (next === undefined) break;
      if (call.tool !== toolOf(next)) continue;
      if (typeof next !== 'string' && next.arguments && firstMissingField(call.arguments, next.arguments)) continue;
      found++;
    }
    const value = found / expected.length;
    if (found === expected.length) {
      return scored(value, { explanation: `all ${expected.length} calls were made in order` });
    }
    const missing = expected[found] as ExpectedCall;
    const withArguments = typeof missing !== 'string' && missing.arguments ? ' with those arguments' : '';
    return scored(value, {
      explanation: `${found} of ${expected.length} calls were made in order; no successful call of ${quote(toolOf(missing), 40)}${withArguments} came ${found === 0 ? 'at all' : `after ${quote(toolOf(expected[found - 1] as ExpectedCall), 40)}`}; ${describeCalls(view.calls)}`,
    });
  },
});
