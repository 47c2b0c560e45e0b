import { z } from 'zod';
import { scored } from '../../contracts/score.js';
import { plural } from '../../util/plural.js';
import { defineBuiltin } from '../builtin-verifier.js';
import { quote } from '../normalize-text.js';
import { describeDifference } from './describe-difference.js';
import { firstMissingField } from './json-differences.js';
import { type TrajectoryCall, trajectoryArgument } from './trajectory-view.js';

/** How many calls an explanation names. */
const shownCalls = 5;

/** The tools a trajectory called, in words: `"lookup_order", "cancel_order" (failed)`, cut after a few. */
export function describeCalls(calls: readonly TrajectoryCall[]): string {
  if (calls.length === 0) return 'no tool was called';
  const named = calls.slice(0, shownCalls).map((call) => `${quote(call.tool, 40)}${call.ok ? '' : ' (failed)'}`);
  const more = calls.length > shownCalls ? ` and ${calls.length - shownCalls} more` : '';
  return `the calls were ${named.join(', ')}${more}`;
}

/**
 * `called(trajectory, tool, arguments)`: 1 when some successful call of `tool` has arguments that contain the given
 * fields (deep: nested objects by their given fields, lists element by element, other values equal), else 0
 * saying which calls there were or which field differed. Without `arguments`, any successful call of the tool
 * counts.
 */
export const called = defineBuiltin({
  name: 'called',
  summary: 'some successful call of a tool has arguments containing the given fields',
  subject: 'trajectory',
  parameters: [
    { name: 'trajectory', type: 'the trajectory' },
    { name: 'tool', type: 'a string', schema: z.string() },
    { name: 'arguments', type: 'an object', schema: z.record(z.string(), z.unknown()), absent: 'optional' },
  ],
  score([trajectory, tool, wanted]) {
    const view = trajectoryArgument(trajectory);
    const name = tool as string;
    const ofTool = view.calls.filter((call) => call.tool === name);
    const succeeded = ofTool.filter((call) => call.ok);
    if (succeeded.length === 0) {
      const failed = ofTool.find((call) => !call.ok);
      return scored(0, {
        explanation: failed
          ? `every call of ${quote(name, 40)} failed (${ofTool.length}); the first said ${quote(failed.error ?? '', 80)}`
          : `${quote(name, 40)} was never called; ${describeCalls(view.calls)}`,
      });
    }
    if (wanted === undefined) {
      return scored(1, { explanation: `${quote(name, 40)} was called ${plural(succeeded.length, 'time')}` });
    }
    const match = succeeded.findIndex((call) => firstMissingField(call.arguments, wanted) === undefined);
    if (match >= 0) {
      return scored(1, {
        explanation: `${quote(name, 40)} was called with those arguments (call ${view.calls.indexOf(succeeded[match] as TrajectoryCall) + 1} of ${view.calls.length})`,
      });
    }
    const first = firstMissingField(succeeded[0]?.arguments, wanted);
    return scored(0, {
      explanation: `${quote(name, 40)} was called ${plural(succeeded.length, 'time')}, never with those arguments; in the first, ${first ? describeDifference({ ...first, path: first.path.replace(/^\$/, 'arguments') }, 'wanted') : 'they differ'}`,
    });
  },
});
