import type { InterpreterProvider } from '../../contracts/interpreter-provider.js';
import { registerKnownSecrets, secretsInHeaders, secretsInURL } from '../../util/redact-secrets.js';
import type { LanguageModelV3 } from './language-model-v3.js';
import { createNodeHttpFetch } from './node-http-fetch.js';
import { defaultMaxResponseBytes, hostedSettingsSchema, parseProviderSettings } from './provider-settings.js';

/** What a hosted provider needs to build a model: the key, and the settings from the config. */
export interface HostedModelOptions {
  readonly apiKey: string;
  readonly baseURL?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The `fetch` the provider's package calls: node:http(s), with the interpreter's limit on the answer's size. */
  readonly fetch: typeof globalThis.fetch;
}

/** How one hosted API (OpenAI, Anthropic, Google) becomes an interpreter provider. */
export interface HostedProviderSpec {
  /** The prefix of ids, such as `openai`. */
  readonly name: string;
  /** The product's name in descriptions, such as "OpenAI". */
  readonly label: string;
  /** The environment variable that holds the key, such as `OPENAI_API_KEY`. */
  readonly keyVariable: string;
  /** A model users know, for the hint when none is named, such as `gpt-4o-mini`. */
  readonly exampleModel: string;
  /** Builds the AI SDK model, importing the provider's package only now; must not touch the network. */
  createModel(model: string, options: HostedModelOptions): Promise<LanguageModelV3>;
}

/**
 * An interpreter provider for a hosted API behind the AI SDK, whose key comes from `ProviderOptions.env`. A
 * missing model name, a missing key or invalid settings are setup errors, found without any network.
 */
export function createHostedProvider(spec: HostedProviderSpec): InterpreterProvider {
  const { name, label, keyVariable, exampleModel } = spec;
  return {
    name,
    summary: `${label} models through the AI SDK (${keyVariable})`,
    async create(model, options) {
      if (model.trim() === '') {
        return {
          ok: false,
          error: {
            message: `\`${name}:\` needs a model name`,
            hint: `name one after the colon, such as \`${name}:${exampleModel}\``,
          },
        };
      }
      const apiKey = options.env[keyVariable]?.trim();
      if (!apiKey) {
        return {
          ok: false,
          error: {
            message: `${keyVariable} is not set; \`${name}:${model}\` needs it`,
            hint: `export ${keyVariable}=<your ${label} API key>`,
          },
        };
      }
      const parsed = parseProviderSettings(hostedSettingsSchema, options.settings, name);
      if (!parsed.ok) return parsed;
      const { baseURL, headers, timeoutMs, stream } = parsed.settings;
      const maxResponseBytes = parsed.settings.maxResponseBytes ?? defaultMaxResponseBytes;
      const knownSecrets = [
        apiKey,
        ...secretsInHeaders(headers),
        ...(baseURL === undefined ? [] : secretsInURL(baseURL)),
      ];
      registerKnownSecrets(knownSecrets);
      const { createAiSdkInterpreter } = await import('./ai-sdk-interpreter.js');
      const transport = createNodeHttpFetch({ maxResponseBytes });
      const languageModel = await spec.createModel(model, {
        apiKey,
        fetch: transport.fetch,
        ...(baseURL === undefined ? {} : { baseURL }),
        ...(headers === undefined ? {} : { headers }),
      });
      return {
        ok: true,
        interpreter: createAiSdkInterpreter(languageModel, {
          id: `${name}:${model}`,
          description: `${label} ${model} through the AI SDK${baseURL ? ` at ${baseURL}` : ''}`,
          keyVariable,
          knownSecrets,
          close: () => transport.close(),
          ...(baseURL === undefined ? {} : { baseURL }),
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
          ...(stream === undefined ? {} : { stream }),
        }),
      };
    },
  };
}
