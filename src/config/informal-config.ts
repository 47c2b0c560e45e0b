import { z } from 'zod';
import type { InterpreterProvider } from '../contracts/interpreter-provider.js';
import { checkInterpreterProvider } from './check-interpreter-provider.js';
import { hostedProviderNames, providerOfId, serverlessProviderNames } from './interpreter-entry.js';
import { interpreterPriceSettingSchema } from './interpreter-price-setting.js';

/** One interpreter as the config names it: its id, and how to reach and pace it. */
export const interpreterConfigSchema = z.strictObject({
  /** The interpreter id, such as `openai:gpt-4o-mini` or `llama:./models/x.gguf`. */
  id: z.string().min(1),
  /**
   * The endpoint: the server of an `openai-compatible:` interpreter, or another endpoint for the API of an `openai:`,
   * `anthropic:` or `google:` one (a proxy, a gateway), where its calls and its key go. Refused for `sim:`,
   * `replay:` and `llama:`, which talk to no server.
   */
  baseURL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL, such as http://127.0.0.1:8080/v1' })
    .optional(),
  /** Calls in flight at once on this interpreter. */
  concurrency: z.int().positive().optional(),
  /** Requests per minute allowed. */
  requestsPerMinute: z.number().positive().optional(),
  /** Tokens (prompt and completion) per minute allowed. */
  tokensPerMinute: z.number().positive().optional(),
  /** Settings the provider reads, such as `threads` for `llama:` or `timeoutMs` for AI SDK providers. */
  settings: z.record(z.string(), z.unknown()).optional(),
  /**
   * What its calls cost: `0` or `"free"`, or `{ input, output, cachedInput?, cacheWrite?, perHour? }` in dollars per
   * million tokens (and per hour of call time). Wins over the catalogue's and the simulator's prices.
   */
  price: interpreterPriceSettingSchema.optional(),
});

/** An entry's `baseURL` is used or refused, never ignored: refused where the provider talks to no server, and twice. */
function endpointUsed(entry: z.infer<typeof interpreterConfigSchema>, context: z.RefinementCtx): void {
  if (entry.baseURL === undefined) return;
  const provider = providerOfId(entry.id);
  if ((serverlessProviderNames as readonly string[]).includes(provider)) {
    context.addIssue({
      code: 'custom',
      path: ['baseURL'],
      message: `\`${provider}:\` interpreters talk to no server, so a \`baseURL\` means nothing to them; remove it (it is for openai-compatible:, ${hostedProviderNames.map((name) => `${name}:`).join(', ')} and the config's providers)`,
    });
  }
  if (entry.settings?.baseURL !== undefined && entry.settings.baseURL !== entry.baseURL) {
    context.addIssue({
      code: 'custom',
      path: ['baseURL'],
      message: 'the entry names two endpoints, `baseURL` and `settings.baseURL`; keep one',
    });
  }
}

/** Two providers of one name would leave one of them unreachable, depending on order: an error instead. */
function distinctProviderNames(providers: readonly InterpreterProvider[], context: z.RefinementCtx): void {
  const seen = new Set<string>();
  providers.forEach((provider, index) => {
    if (seen.has(provider.name)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `a second provider named \`${provider.name}\`; each provider needs a name of its own`,
      });
    }
    seen.add(provider.name);
  });
}

/** The schema of `informal.config.ts`. Unknown keys are errors, never silently ignored. */
export const informalConfigSchema = z.strictObject({
  /** Folders and files `informal test` searches when given no paths. */
  include: z.array(z.string().min(1)).optional(),
  /** The interpreter programs run on when neither the command line nor the program names one. */
  defaultInterpreter: z.string().min(1).optional(),
  /** Names for interpreters: `small: "openai:gpt-4o-mini"`, or an object with limits and settings. */
  interpreters: z
    .record(
      z.string().regex(/^[A-Za-z_][\w-]*$/),
      z.union([z.string().min(1), interpreterConfigSchema.superRefine(endpointUsed)], {
        error: `expected an interpreter id, such as "sim:small", or an object { ${Object.keys(interpreterConfigSchema.shape).join(', ')} }`,
      }),
    )
    .optional(),
  /**
   * Interpreter providers of the project, such as `aiSdkProvider({ name: 'myllm', model: … })`, added to the
   * built-in ones; one named like a built-in one replaces it. Kept as given (not copied), so methods keep `this`.
   */
  providers: z
    .array(z.custom<InterpreterProvider>().superRefine(checkInterpreterProvider))
    .superRefine(distinctProviderNames)
    .optional(),
  /** The endpoint of `openai-compatible:` interpreters that name none. */
  baseURL: z.url().optional(),
  /** Sampling settings for programs that do not set them. */
  sampling: z
    .strictObject({
      temperature: z.number().min(0).optional(),
      topP: z.number().min(0).max(1).optional(),
      maxTokens: z.int().positive().optional(),
    })
    .optional(),
  /** Calls in flight at once, per interpreter, unless the interpreter's entry says otherwise. */
  concurrency: z.int().positive().optional(),
  /** Retries and time limits of calls. */
  retry: z
    .strictObject({
      retries: z.int().min(0).optional(),
      baseDelayMs: z.number().min(0).optional(),
      maxDelayMs: z.number().min(0).optional(),
      timeoutMs: z.number().min(0).optional(),
      maxRetryAfterMs: z.number().min(0).optional(),
    })
    .optional(),
  /**
   * What programs may read. A program's imports, prompt files and case files stay inside the project (this config's
   * folder), symbolic links followed, unless a folder is allowed here; each is a regular file within a size limit.
   */
  files: z
    .strictObject({
      /** Folders outside the project that programs may read from, relative to this config's folder. */
      allow: z.array(z.string().min(1)).optional(),
      /** The largest prompt file a program may read, in bytes: 16 MB unless set (`.prog` files and modules: at least 16 MB). */
      maxPromptBytes: z.int().positive().optional(),
      /** The largest case file a program may read, in bytes: 64 MB unless set. */
      maxCaseFileBytes: z.int().positive().optional(),
    })
    .optional(),
  /** The SQLite store's path, relative to the config's folder. */
  store: z.string().min(1).optional(),
});

/** The contents of `informal.config.ts`. */
export type InformalConfig = z.input<typeof informalConfigSchema>;
export type InterpreterConfig = z.input<typeof interpreterConfigSchema>;

/** Declares the config with its types checked in the editor: `export default defineConfig({ … })`. */
export function defineConfig(config: InformalConfig): InformalConfig {
  return config;
}
