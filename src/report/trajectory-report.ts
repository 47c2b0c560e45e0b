import type { AgentTrace, TurnTrace } from '../contracts/trace.js';

/** One turn of a trajectory as the JSON report writes it: what happened, without warnings or nested traces. */
function turnReport(turn: TurnTrace) {
  switch (turn.kind) {
    case 'model':
      return {
        kind: turn.kind,
        text: turn.text,
        toolCalls: turn.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
        finishReason: turn.finishReason,
        ...(turn.usage ? { usage: turn.usage } : {}),
        latencyMs: turn.latencyMs,
        ...(turn.error ? { error: turn.error } : {}),
      };
    case 'tool':
      return {
        kind: turn.kind,
        callId: turn.callId,
        name: turn.name,
        arguments: turn.arguments,
        ...(turn.result !== undefined ? { result: turn.result } : {}),
        ...(turn.error !== undefined ? { error: turn.error } : {}),
        latencyMs: turn.latencyMs,
      };
    case 'user':
      return {
        kind: turn.kind,
        text: turn.text,
        ...(turn.usage ? { usage: turn.usage } : {}),
        latencyMs: turn.latencyMs,
        ...(turn.error ? { error: turn.error } : {}),
      };
    default:
      return turn satisfies never;
  }
}

/** An agent step's trajectory as the JSON report writes it: its turns in order, how it ended, and the states. */
export function trajectoryReport(agent: AgentTrace) {
  return {
    ended: agent.ended,
    modelTurns: agent.modelTurns,
    ...(agent.state !== undefined ? { state: agent.state } : {}),
    ...(agent.expectedState !== undefined ? { expectedState: agent.expectedState } : {}),
    turns: agent.turns.map(turnReport),
  };
}
