import { describe, expect, it } from 'vitest';
import { parseLlamaSettings } from './llama-settings.js';
import { toChatHistory } from './to-chat-history.js';

describe('parseLlamaSettings', () => {
  it('defaults to one thread, one sequence, the CPU', () => {
    expect(parseLlamaSettings()).toEqual({ ok: true, settings: { threads: 1, sequences: 1, gpu: false } });
    expect(parseLlamaSettings({ threads: 2, contextSize: 512, sequences: 4, gpu: 'auto' })).toEqual({
      ok: true,
      settings: { threads: 2, contextSize: 512, sequences: 4, gpu: 'auto' },
    });
  });

  it('refuses unknown keys with a suggestion, and bad values with the expected form', () => {
    expect(parseLlamaSettings({ contextsize: 512 })).toEqual({
      ok: false,
      error: { message: 'unknown setting `contextsize` for llama: interpreters', hint: 'did you mean `contextSize`?' },
    });
    expect(parseLlamaSettings({ model: 'x' })).toMatchObject({
      error: { hint: 'the settings are `threads`, `contextSize`, `sequences`, `gpu`' },
    });
    expect(parseLlamaSettings({ threads: 1.5 })).toMatchObject({ ok: false });
    expect(parseLlamaSettings({ sequences: 0 })).toMatchObject({ ok: false });
    expect(parseLlamaSettings({ gpu: true })).toMatchObject({ ok: false });
  });
});

describe('toChatHistory', () => {
  it('maps roles and ends with the model to answer', () => {
    expect(
      toChatHistory([
        { role: 'system', content: 's' },
        { role: 'user', content: 'u' },
      ]),
    ).toEqual([
      { type: 'system', text: 's' },
      { type: 'user', text: 'u' },
      { type: 'model', response: [] },
    ]);
  });

  it('lets a final assistant message be a prefix the model continues', () => {
    expect(
      toChatHistory([
        { role: 'user', content: 'u' },
        { role: 'assistant', content: 'Sure,' },
      ]),
    ).toEqual([
      { type: 'user', text: 'u' },
      { type: 'model', response: ['Sure,'] },
    ]);
  });
});
