import type { InterpreterCall } from '../../src/contracts/interpreter-call.js';

/** A call asking for the capital of France with every setting given; `overrides` replace whole fields. */
export const capitalCall = (overrides: Partial<InterpreterCall> = {}): InterpreterCall => ({
  messages: [
    { role: 'system', content: 'Answer with one word.' },
    { role: 'user', content: 'Capital of France?' },
  ],
  settings: { temperature: 0.7, topP: 0.9, maxTokens: 64 },
  origin: { programName: 'capitals', caseId: 'fr' },
  ...overrides,
});
