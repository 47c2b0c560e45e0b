import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

type ContentPart = CallToolResult['content'][number];

/** How a call of an MCP tool ended: its result (JSON, or a string sent as it is), or the tool's error message. */
export type McpToolOutcome = { readonly result: unknown } | { readonly error: string };

/**
 * What one content part of a tool's result is to the interpreter: a text as it is; for an image or audio, its kind,
 * type and size (the bytes themselves are not text a model reads); for a resource, its address and text.
 */
function partValue(part: ContentPart): unknown {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'image':
    case 'audio':
      return { type: part.type, mimeType: part.mimeType, bytes: base64Bytes(part.data) };
    case 'resource': {
      const { resource } = part;
      return 'text' in resource
        ? { type: 'resource', uri: resource.uri, text: resource.text }
        : { type: 'resource', uri: resource.uri, mimeType: resource.mimeType, bytes: base64Bytes(resource.blob) };
    }
    case 'resource_link':
      return { type: 'resource_link', uri: part.uri, name: part.name, description: part.description };
    default:
      return part satisfies never;
  }
}

/** The number of bytes a base64 text encodes. */
function base64Bytes(data: unknown): number {
  if (typeof data !== 'string') return 0;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

/**
 * How a call of an MCP tool ended, from the result the server sent. `isError: true` is a tool error whose message
 * is the result's text. Otherwise the result is the structured content when the tool declares some, the text when
 * every part is text (parts joined by new lines), and the list of parts (texts and descriptions of the others) when
 * they are mixed.
 */
export function mcpToolOutcome(result: CallToolResult): McpToolOutcome {
  const parts = result.content ?? [];
  if (result.isError === true) {
    const text = parts
      .map((part) => (part.type === 'text' ? part.text : JSON.stringify(partValue(part))))
      .join('\n')
      .trim();
    return { error: text === '' ? 'the tool reported an error without a message' : text };
  }
  if (result.structuredContent !== undefined) return { result: result.structuredContent };
  if (parts.every((part) => part.type === 'text')) return { result: parts.map((part) => part.text).join('\n') };
  return { result: parts.map(partValue) };
}
