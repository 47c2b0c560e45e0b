import type { AgentTrace, TurnTrace } from '../../contracts/trace.js';
import { excerpt, outputText } from '../output-text.js';
import type { ReportTrajectory, ReportTurn } from './report-model.js';

/** How much of one text the page keeps: enough to read a turn, not enough to bloat the page. */
const keptCharacters = 4000;

const cut = (text: string) => excerpt(text, keptCharacters);
const json = (value: unknown) => cut(outputText(value));

function reportTurn(turn: TurnTrace): ReportTurn {
  switch (turn.kind) {
    case 'model':
      return {
        kind: 'model',
        text: cut(turn.text),
        calls: turn.toolCalls.map((call) => ({ name: excerpt(call.name, 200), arguments: cut(call.arguments) })),
        ...(turn.error ? { error: cut(turn.error.message) } : {}),
      };
    case 'tool':
      return {
        kind: 'tool',
        name: excerpt(turn.name, 200),
        arguments: json(turn.arguments),
        ...(turn.error === undefined ? { result: json(turn.result) } : { error: cut(turn.error) }),
      };
    case 'user':
      return { kind: 'user', text: cut(turn.text), ...(turn.error ? { error: cut(turn.error.message) } : {}) };
    default:
      return turn satisfies never;
  }
}

/** An agent step's trajectory for the trace viewer: each turn with its texts cut, and the states as JSON text. */
export function reportTrajectory(agent: AgentTrace): ReportTrajectory {
  return {
    ended: agent.ended,
    modelTurns: agent.modelTurns,
    turns: agent.turns.map(reportTurn),
    ...(agent.state !== undefined ? { state: json(agent.state) } : {}),
    ...(agent.expectedState !== undefined ? { expectedState: json(agent.expectedState) } : {}),
  };
}
