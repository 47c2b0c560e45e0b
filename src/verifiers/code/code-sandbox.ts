/** The verdict of one test, decided by the host: the tested code cannot write it. */
export interface TestVerdict {
  /** The test's position in the list, from 0. */
  readonly index: number;
  readonly passed: boolean;
  /** Why it failed, as text taken from the sandbox (to be escaped wherever it is shown). */
  readonly message?: string;
}

/** The limits one execution runs within. */
export interface SandboxLimits {
  /** Wall time for the code and all its tests, in milliseconds. */
  readonly timeoutMs: number;
  /** Memory the code may use, in MB. */
  readonly memoryMb: number;
}

/** How one execution ended. */
export type SandboxOutcome =
  /** The code ran; every test has a verdict. */
  | { readonly kind: 'finished'; readonly verdicts: readonly TestVerdict[] }
  /**
   * The code did not run to the end of its tests: a syntax error, an exception in the code itself, a limit
   * (time, memory, output), or a runtime that could not start. `verdicts` holds the tests decided before it.
   */
  | { readonly kind: 'stopped'; readonly reason: string; readonly verdicts: readonly TestVerdict[] };

/** Runs untrusted code, then each test in the same scope, inside an isolation boundary. */
export interface CodeSandbox {
  /** The language it runs, as written in `runs_tests(…, { language })`. */
  readonly language: 'javascript' | 'python';
  run(code: string, tests: readonly string[], limits: SandboxLimits, signal?: AbortSignal): Promise<SandboxOutcome>;
}
