import { createHostedProvider } from './hosted-provider.js';

/** `google:<model>`: the Gemini API (Google Generative AI), with the key from GOOGLE_GENERATIVE_AI_API_KEY. */
export const googleProvider = createHostedProvider({
  name: 'google',
  label: 'Google',
  keyVariable: 'GOOGLE_GENERATIVE_AI_API_KEY',
  exampleModel: 'gemini-2.5-flash',
  createModel: async (model, options) => {
    const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
    return createGoogleGenerativeAI(options).languageModel(model);
  },
});
