import { expect } from 'vitest';
import { InterpreterError } from '../../src/contracts/interpreter-error.js';

/** The rejection of a call, which must be an `InterpreterError`: a call that succeeds fails the test. */
export async function failure(promise: Promise<unknown>): Promise<InterpreterError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(InterpreterError);
  return error as InterpreterError;
}
