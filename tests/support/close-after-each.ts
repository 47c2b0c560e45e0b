import type { Interpreter } from '../../src/contracts/interpreter.js';

/**
 * For a test file: returns a function that hands back the interpreter it is given and closes it after each test,
 * so that kept-alive connections never outlive the test that opened them. Call it at the top level of the file.
 */
export function closeAfterEach(
  afterEach: (hook: () => Promise<void>) => void,
): (interpreter: Interpreter) => Interpreter {
  const interpreters: Interpreter[] = [];
  afterEach(async () => {
    await Promise.all(interpreters.splice(0).map((interpreter) => interpreter.close?.()));
  });
  return (interpreter) => {
    interpreters.push(interpreter);
    return interpreter;
  };
}
