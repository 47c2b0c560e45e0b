import type { Interpreter, InterpretOptions } from '../../src/contracts/interpreter.js';
import type { InterpreterCall } from '../../src/contracts/interpreter-call.js';
import type { StepResult } from '../../src/contracts/step-result.js';

/**
 * The two ways a chat interpreter answers a call: one JSON answer when the caller passes no `onToken`, server-sent
 * events when it does. Every behaviour but token streaming must be the same on both, so tests run on each.
 */
export const callPaths = [
  { path: 'one JSON answer, without onToken', streams: false },
  { path: 'server-sent events, with onToken', streams: true },
] as const;

/** Runs calls on one path: with an `onToken` that collects into `tokens` when it streams, without one otherwise. */
export function interpretOn(
  streams: boolean,
): (
  interpreter: Interpreter,
  call: InterpreterCall,
  options: InterpretOptions,
  tokens?: string[],
) => Promise<StepResult> {
  return (interpreter, call, options, tokens = []) =>
    interpreter.interpret(call, streams ? { ...options, onToken: (text) => tokens.push(text) } : options);
}
