import type {
  InterpreterProvider,
  ProviderOptions,
  ResolveInterpreterResult,
} from '../../contracts/interpreter-provider.js';
import { registerKnownSecrets, secretsInURL } from '../../util/redact-secrets.js';
import { createAiSdkInterpreter } from './ai-sdk-interpreter.js';
import type { LanguageModelV3 } from './language-model-v3.js';

/** How any AI SDK model becomes an interpreter provider, for the `providers` of `informal.config.ts`. */
export interface AiSdkProviderOptions {
  /** The prefix of ids: `myllm` makes `myllm:<model>` interpreters. Lower case letters, digits and dashes. */
  readonly name: string;
  /** One line for help texts and hints; "`<name>:` models through the AI SDK" by default. */
  readonly summary?: string;
  /**
   * Builds the AI SDK model (specification v3, as `@ai-sdk/*` packages for AI SDK 6 build) for the model name after
   * the colon, reading whatever keys it needs. It may be async, to import a provider package only when used. It
   * should not touch the network: interpreters are set up before any sample, including those never called.
   */
  model(modelId: string, options: ProviderOptions): LanguageModelV3 | Promise<LanguageModelV3>;
  /**
   * The environment variable holding the model's key, if any. When set, a missing value is a setup error with a
   * hint, a refused key names the variable, and the value is masked wherever an error message quotes it.
   */
  readonly keyVariable?: string;
  /** Describes an interpreter in reports; "`<name>` <model> through the AI SDK" by default. */
  describe?(modelId: string): string;
}

/**
 * An interpreter provider for any AI SDK model: `<name>:<model>` ids become `createAiSdkInterpreter` interpreters
 * of the model `options.model` builds. Mistakes (no model name, a missing key, a factory that throws or returns no
 * v3 model) come back as setup errors before any sample runs.
 */
export function aiSdkProvider(options: AiSdkProviderOptions): InterpreterProvider {
  const { name, keyVariable } = options;
  return {
    name,
    summary: options.summary ?? `\`${name}:\` models through the AI SDK`,
    async create(modelId, providerOptions): Promise<ResolveInterpreterResult> {
      const id = `${name}:${modelId}`;
      if (modelId.trim() === '') {
        return {
          ok: false,
          error: { message: `\`${name}:\` needs a model name`, hint: `name one after the colon: \`${name}:<model>\`` },
        };
      }
      const key = keyVariable === undefined ? undefined : providerOptions.env[keyVariable]?.trim();
      if (keyVariable !== undefined && !key) {
        return {
          ok: false,
          error: { message: `${keyVariable} is not set; \`${id}\` needs it`, hint: `export ${keyVariable}=<the key>` },
        };
      }
      try {
        const model = await options.model(modelId, providerOptions);
        if (typeof model !== 'object' || model === null) {
          throw new TypeError(`it returned ${model === null ? 'null' : typeof model}, not an AI SDK model object`);
        }
        const baseURL = providerOptions.baseURL;
        const knownSecrets = [...(key ? [key] : []), ...(baseURL === undefined ? [] : secretsInURL(baseURL))];
        registerKnownSecrets(knownSecrets);
        return {
          ok: true,
          interpreter: createAiSdkInterpreter(model, {
            id,
            description: options.describe?.(modelId) ?? `\`${name}\` ${modelId} through the AI SDK`,
            knownSecrets,
            ...(keyVariable === undefined ? {} : { keyVariable }),
          }),
        };
      } catch (error) {
        return {
          ok: false,
          error: {
            message: `\`${id}\` could not be set up: ${(error as Error).message ?? String(error)}`,
            hint: `check the \`model\` function of the \`${name}\` provider in the config's \`providers\``,
          },
        };
      }
    },
  };
}
