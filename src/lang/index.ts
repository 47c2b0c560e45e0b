// The public names of src/lang: parsing `.prog` text and rendering its diagnostics.
export type { Diagnostic } from './diagnostic.js';
export { type ParseResult, parseProg } from './parse.js';
export { renderDiagnostic } from './render-diagnostic.js';
