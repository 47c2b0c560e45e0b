import type { CodeSandbox } from './code-sandbox.js';
import { createJavaScriptSandbox } from './javascript-sandbox.js';
import { createPythonSandbox } from './python-sandbox.js';

/** A language `runs_tests` runs. */
export type CodeLanguage = CodeSandbox['language'];

/** How each language's sandbox is made. The one place a language's implementation is chosen. */
const sandboxFactories: { readonly [Language in CodeLanguage]: () => CodeSandbox } = {
  javascript: () => createJavaScriptSandbox(),
  python: () => createPythonSandbox(),
};

const sandboxes = new Map<CodeLanguage, CodeSandbox>();

/** The sandbox that runs `language`, made on first use and shared by every `runs_tests` call of this process. */
export function sandboxFor(language: CodeLanguage): CodeSandbox {
  let sandbox = sandboxes.get(language);
  if (!sandbox) {
    sandbox = sandboxFactories[language]();
    sandboxes.set(language, sandbox);
  }
  return sandbox;
}
