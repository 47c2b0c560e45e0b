import type { InterpreterProvider } from '../../contracts/interpreter-provider.js';
import { redactSecrets } from '../../util/redact-secrets.js';
import { compatibleSettingsSchema, parseProviderSettings } from '../ai-sdk/provider-settings.js';
import { checkReachable } from './check-reachable.js';
import { createOpenAICompatibleInterpreter } from './openai-compatible-interpreter.js';

const keyVariable = 'OPENAI_COMPATIBLE_API_KEY';

/**
 * `openai-compatible:<model>`: any server that speaks OpenAI's chat completions (Ollama, vLLM, LM Studio,
 * llama.cpp's server) at `ProviderOptions.baseURL`, such as `http://127.0.0.1:11434/v1`, through this folder's own
 * chat-completions client (not the AI SDK). The key, optional, comes from OPENAI_COMPATIBLE_API_KEY. Setup fails,
 * before any sample runs, when the base URL is missing or invalid, when the server does not answer, or when it
 * refuses the key.
 */
export const openaiCompatibleProvider: InterpreterProvider = {
  name: 'openai-compatible',
  summary: `a local or self-hosted OpenAI-compatible server at --base-url (optional key: ${keyVariable})`,
  async create(model, options) {
    const parsed = parseProviderSettings(compatibleSettingsSchema, options.settings, 'openai-compatible');
    if (!parsed.ok) return parsed;
    const { headers, timeoutMs, structuredOutputs, maxResponseBytes, stream } = parsed.settings;
    if (model.trim() === '') {
      return {
        ok: false,
        error: {
          message: '`openai-compatible:` needs a model name',
          hint: 'name the model the server serves, such as `openai-compatible:llama3.2` for Ollama',
        },
      };
    }
    const given = options.baseURL ?? parsed.settings.baseURL;
    if (!given) {
      return {
        ok: false,
        error: {
          message: `\`openai-compatible:${model}\` needs the server's URL`,
          hint: 'pass --base-url http://127.0.0.1:11434/v1 (or set `baseURL` in the config)',
        },
      };
    }
    if (!URL.canParse(given) || !/^https?:$/.test(new URL(given).protocol)) {
      return {
        ok: false,
        error: {
          message: `the base URL \`${redactSecrets(given)}\` is not an http(s) URL`,
          hint: 'pass a URL such as http://127.0.0.1:8080/v1 with --base-url (or `baseURL` in the config)',
        },
      };
    }
    const baseURL = given.replace(/\/+$/, '');
    const apiKey = options.env[keyVariable]?.trim() || undefined;
    const unreachable = await checkReachable(baseURL, {
      keyVariable,
      ...(apiKey ? { apiKey } : {}),
      ...(headers ? { headers } : {}),
    });
    if (unreachable) return { ok: false, error: unreachable };
    return {
      ok: true,
      interpreter: createOpenAICompatibleInterpreter({
        model,
        baseURL,
        keyVariable,
        ...(apiKey ? { apiKey } : {}),
        ...(headers ? { headers } : {}),
        ...(structuredOutputs === undefined ? {} : { structuredOutputs }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
        ...(stream === undefined ? {} : { stream }),
      }),
    };
  },
};
