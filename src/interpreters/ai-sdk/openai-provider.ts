import { createHostedProvider } from './hosted-provider.js';

/**
 * `openai:<model>`: OpenAI's chat completions API (which, unlike the Responses API, takes a `seed`), with the
 * key from OPENAI_API_KEY.
 */
export const openaiProvider = createHostedProvider({
  name: 'openai',
  label: 'OpenAI',
  keyVariable: 'OPENAI_API_KEY',
  exampleModel: 'gpt-4o-mini',
  createModel: async (model, options) => {
    const { createOpenAI } = await import('@ai-sdk/openai');
    return createOpenAI(options).chat(model);
  },
});
