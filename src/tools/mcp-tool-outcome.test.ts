import { describe, expect, test } from 'vitest';
import { mcpToolOutcome } from './mcp-tool-outcome.js';

describe('mcpToolOutcome', () => {
  test('text parts are joined by new lines', () => {
    const outcome = mcpToolOutcome({
      content: [
        { type: 'text', text: 'first' },
        { type: 'text', text: 'second' },
      ],
    });
    expect(outcome).toEqual({ result: 'first\nsecond' });
  });

  test('structured content wins over its text rendering', () => {
    const outcome = mcpToolOutcome({ content: [{ type: 'text', text: '{"a":1}' }], structuredContent: { a: 1 } });
    expect(outcome).toEqual({ result: { a: 1 } });
  });

  test('binary parts are described by kind, type and size, never passed on', () => {
    const outcome = mcpToolOutcome({
      content: [
        { type: 'audio', data: Buffer.from('twelve bytes').toString('base64'), mimeType: 'audio/wav' },
        { type: 'resource', resource: { uri: 'file:///notes.txt', text: 'the notes' } },
        { type: 'resource', resource: { uri: 'file:///a.bin', blob: Buffer.from('abcd').toString('base64') } },
        { type: 'resource_link', uri: 'file:///b.txt', name: 'b' },
      ],
    });
    expect(outcome).toEqual({
      result: [
        { type: 'audio', mimeType: 'audio/wav', bytes: 12 },
        { type: 'resource', uri: 'file:///notes.txt', text: 'the notes' },
        { type: 'resource', uri: 'file:///a.bin', mimeType: undefined, bytes: 4 },
        { type: 'resource_link', uri: 'file:///b.txt', name: 'b', description: undefined },
      ],
    });
  });

  test('isError is an error whose message is the result’s text, or says there was none', () => {
    expect(mcpToolOutcome({ isError: true, content: [{ type: 'text', text: 'no such order' }] })).toEqual({
      error: 'no such order',
    });
    expect(mcpToolOutcome({ isError: true, content: [] })).toEqual({
      error: 'the tool reported an error without a message',
    });
  });

  test('no content is an empty text', () => {
    expect(mcpToolOutcome({ content: [] })).toEqual({ result: '' });
  });
});
