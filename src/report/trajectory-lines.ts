import type { AgentTrace, TurnTrace } from '../contracts/trace.js';
import { plural } from '../util/plural.js';
import { excerpt, outputText } from './output-text.js';
import { oneLine } from './score-tree-lines.js';

/** How much of one text of a turn a console line shows. */
const shownCharacters = 160;

/** How many turns a console shows of one trajectory: the first ones, where a run usually goes wrong. */
const shownTurns = 40;

/** Model output on one line, cut, its control characters shown as escapes. */
const shown = (text: string) => `«${oneLine(excerpt(text, shownCharacters))}»`;

/** A value (arguments, a result) as JSON on one line, cut. */
const shownJson = (value: unknown) => oneLine(excerpt(outputText(value), shownCharacters));

function turnLines(turn: TurnTrace, indent: string): string[] {
  switch (turn.kind) {
    case 'model': {
      const lines = turn.text === '' ? [] : [`${indent}model: ${shown(turn.text)}`];
      for (const call of turn.toolCalls) {
        lines.push(
          `${indent}model calls ${oneLine(excerpt(call.name, 60))}(${oneLine(excerpt(call.arguments, shownCharacters))})`,
        );
      }
      if (turn.error) lines.push(`${indent}model error: ${oneLine(excerpt(turn.error.message, shownCharacters))}`);
      if (lines.length === 0) lines.push(`${indent}model: «» (${turn.finishReason})`);
      return lines;
    }
    case 'tool':
      return [
        turn.error === undefined
          ? `${indent}  ${oneLine(excerpt(turn.name, 60))} → ${shownJson(turn.result)}`
          : `${indent}  ${oneLine(excerpt(turn.name, 60))} ✗ ${oneLine(excerpt(turn.error, shownCharacters))}`,
      ];
    case 'user':
      return [
        `${indent}user: ${shown(turn.text)}`,
        ...(turn.error ? [`${indent}user error: ${oneLine(excerpt(turn.error.message, shownCharacters))}`] : []),
      ];
    default:
      return turn satisfies never;
  }
}

/**
 * A trajectory as console lines, one or more per turn (the first 40 turns): the model's text and calls, each tool's result or error, the
 * simulated user's messages, then how it ended. Every text is cut and kept on one line with control characters
 * shown as escapes, so model output cannot move the cursor or colour the terminal.
 */
export function trajectoryLines(agent: AgentTrace, indent = ''): string[] {
  return [
    `${indent}trajectory: ${plural(agent.modelTurns, 'turn')}, ended ${agent.ended}`,
    ...agent.turns.slice(0, shownTurns).flatMap((turn) => turnLines(turn, `${indent}  `)),
    ...(agent.turns.length > shownTurns
      ? [`${indent}  … and ${plural(agent.turns.length - shownTurns, 'more turn')}`]
      : []),
  ];
}
