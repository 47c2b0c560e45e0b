import { z } from 'zod';
import type { InterpreterSetupError } from '../../contracts/interpreter-provider.js';

/** The largest answer a call reads unless an interpreter's `settings.maxResponseBytes` says otherwise: 16 MB. */
export const defaultMaxResponseBytes = 16 * 1024 * 1024;

/** A size in bytes as people read it: `16 MB`, `512 KB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1) return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
  const kilobytes = bytes / 1024;
  if (kilobytes >= 1) return `${Number.isInteger(kilobytes) ? kilobytes : kilobytes.toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Settings that every AI SDK provider takes from the config. Unknown keys are errors. */
export const hostedSettingsSchema = z.strictObject({
  /**
   * The largest answer a call reads, in bytes of the response body as received: past it the call stops and the
   * sample fails with an error that is not retried. Defaults to 16 MB.
   */
  maxResponseBytes: z.number().int().positive().optional(),
  /** Another endpoint for the provider's API, such as a proxy. */
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  /** A limit on each call, in milliseconds; a call that passes it fails with a retryable timeout. */
  timeoutMs: z.number().int().positive().optional(),
  /** Extra HTTP headers sent with every request. */
  headers: z.record(z.string(), z.string()).optional(),
  /**
   * Streams every answer, so that each call's trace has the time to its first token (`firstTokenMs`). Reading
   * server-sent events costs the client more CPU per call than one JSON body. Defaults to false.
   */
  stream: z.boolean().optional(),
});

/** The settings of `openai-compatible:` interpreters: those of every provider, and whether to send JSON schemas. */
export const compatibleSettingsSchema = hostedSettingsSchema.extend({
  /**
   * Whether the server takes `response_format: { type: 'json_schema' }` (vLLM, Ollama, LM Studio and llama.cpp's
   * server do). When false, typed outputs ask only for `json_object`, and a warning says the schema was dropped.
   * Defaults to true.
   */
  structuredOutputs: z.boolean().optional(),
});

export type HostedSettings = z.infer<typeof hostedSettingsSchema>;
export type CompatibleSettings = z.infer<typeof compatibleSettingsSchema>;

/** Checks a provider's settings from the config; problems come back as one setup error naming each key. */
export function parseProviderSettings<Schema extends z.ZodObject>(
  schema: Schema,
  settings: Readonly<Record<string, unknown>> | undefined,
  provider: string,
): { ok: true; settings: z.infer<Schema> } | { ok: false; error: InterpreterSetupError } {
  const parsed = schema.safeParse(settings ?? {});
  if (parsed.success) return { ok: true, settings: parsed.data };
  const problems = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `\`${key}\``).join(', ')}`
      : `\`${issue.path.join('.')}\`: ${issue.message}`,
  );
  return {
    ok: false,
    error: {
      message: `invalid settings for \`${provider}:\` interpreters: ${problems.join('; ')}`,
      hint: `the settings of \`${provider}:\` are ${Object.keys(schema.shape)
        .map((key) => `\`${key}\``)
        .join(', ')}`,
    },
  };
}
