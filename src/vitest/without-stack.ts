/**
 * Gives an error a stack of its name and message alone. Test runners print an error's stack under its message; for
 * a mistake in a user's program or a missed expectation, the frames of informal's own code say nothing useful.
 */
export function withoutStack<E extends Error>(error: E): E {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
