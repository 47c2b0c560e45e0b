import { createHostedProvider } from './hosted-provider.js';

/** `anthropic:<model>`: Anthropic's messages API, with the key from ANTHROPIC_API_KEY. It ignores `seed` (a warning). */
export const anthropicProvider = createHostedProvider({
  name: 'anthropic',
  label: 'Anthropic',
  keyVariable: 'ANTHROPIC_API_KEY',
  exampleModel: 'claude-haiku-4-5',
  createModel: async (model, options) => {
    const { createAnthropic } = await import('@ai-sdk/anthropic');
    return createAnthropic(options).languageModel(model);
  },
});
