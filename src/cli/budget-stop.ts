import { formatBudget, formatDollars } from '../report/format-number.js';
import type { SuiteResult } from '../runner/suite-result.js';

/**
 * Why a run that ended `interrupted` stopped, when a budget stopped it rather than the user: the run's `--max-cost`
 * was reached, or a program's `budget` was and nothing else stopped the run. Undefined for a run the user
 * interrupted (`userStopped`), or that no budget stopped.
 */
export function budgetStop(result: SuiteResult, userStopped: boolean): string | undefined {
  if (result.status !== 'interrupted' || userStopped) return undefined;
  if (result.budget?.reached) {
    return `The run's budget of ${formatBudget(result.budget.dollars)} (--max-cost) was reached: ${formatDollars(result.budget.spent)} spent on new calls`;
  }
  const stopped = result.programs.filter((summary) => summary.run.interrupted);
  if (stopped.length === 0 || stopped.some((summary) => summary.run.stoppedBy !== 'budget')) return undefined;
  const names = stopped.map((summary) => `${summary.programName} on ${summary.interpreter}`).join(', ');
  return `The budget of ${names} (\`budget\` in the program) was reached`;
}
