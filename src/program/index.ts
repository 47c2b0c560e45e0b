// The public names of src/program: a `.prog` file loaded, resolved and checked.
export { compileProgram, type LoadedProgram, loadProgram } from './load-program.js';
export type { AgentDeclaration, Program, ToolDeclaration } from './program.js';
