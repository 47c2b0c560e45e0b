import type { ChatCompletionRequest } from '../../tests/support/openai-compatible-server.js';

/** The benchmark model's answer: the word the prompt asks to repeat, so that `exact(expected)` passes. */
export function echoWord(request: ChatCompletionRequest): string {
  const prompt = String(request.messages?.at(-1)?.content ?? '');
  return /the word (\S+)\./.exec(prompt)?.[1] ?? 'ok';
}
