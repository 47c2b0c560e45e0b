// The public names of src/engine: running one program on one interpreter.
export { deriveSeed } from './derive-seed.js';
export { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
export { type RunProgramOptions, runProgram } from './run-program.js';
