import { addTallies, emptyTally, type UsageTally } from '../cost/sample-spend.js';
import type { ProgramSummary } from './program-summary.js';

/** What a whole run used and cost: its programs' own calls, their simulated users', their judges', and all. */
export interface RunSpend {
  readonly program: UsageTally;
  readonly user: UsageTally;
  readonly judges: UsageTally;
  /** The three together. */
  readonly total: UsageTally;
}

/** The sums of every program's tallies, as each program's summary counted them. */
export function runSpend(programs: readonly ProgramSummary[]): RunSpend {
  let program = emptyTally;
  let user = emptyTally;
  let judges = emptyTally;
  for (const summary of programs) {
    program = addTallies(program, summary.spend.program);
    user = addTallies(user, summary.spend.user);
    judges = addTallies(judges, summary.spend.judges);
  }
  return { program, user, judges, total: addTallies(addTallies(program, user), judges) };
}
