import { describe, expect, it } from 'vitest';
import type { NodeLlamaCppModule } from './node-llama-cpp-api.js';

describe('the node-llama-cpp contract', () => {
  it('is met by the installed node-llama-cpp (type-checked by tsc; fails when the package is absent)', async () => {
    const module: NodeLlamaCppModule = await import('node-llama-cpp');
    expect(typeof module.getLlama).toBe('function');
    expect(typeof module.LlamaChat).toBe('function');
  });
});
