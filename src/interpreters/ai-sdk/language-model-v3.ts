import type { LanguageModel } from 'ai';

/**
 * An AI SDK model of the provider specification v3 (AI SDK 6): what the `@ai-sdk/*` providers this package
 * depends on build, and what `MockLanguageModelV3` from `ai/test` is. Derived from `ai`'s own `LanguageModel`, so
 * that no undeclared package is imported.
 */
export type LanguageModelV3 = Extract<LanguageModel, { readonly specificationVersion: 'v3' }>;

/** What `doGenerate` and `doStream` take: the prompt in the provider's form, the settings, the signal. */
export type LanguageModelV3CallOptions = Parameters<LanguageModelV3['doGenerate']>[0];

/** The prompt of a call, in the provider's form. */
export type LanguageModelV3Prompt = LanguageModelV3CallOptions['prompt'];

/** What `doGenerate` resolves to. */
export type LanguageModelV3GenerateResult = Awaited<ReturnType<LanguageModelV3['doGenerate']>>;

/** One part of the stream that `doStream` gives. */
export type LanguageModelV3StreamPart =
  Awaited<ReturnType<LanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer Part> ? Part : never;

/** The token counts of a call, as the provider reports them. */
export type LanguageModelV3Usage = LanguageModelV3GenerateResult['usage'];

/** Why the model stopped, as the provider reports it. */
export type LanguageModelV3FinishReason = LanguageModelV3GenerateResult['finishReason'];
