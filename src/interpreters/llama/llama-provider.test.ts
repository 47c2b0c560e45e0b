import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderOptions } from '../../contracts/interpreter-provider.js';
import { resolveInterpreter } from '../resolve-interpreter.js';
import { buildTinyModel, yesModel } from './gguf/tiny-models.js';
import { writeGguf } from './gguf/write-gguf.js';
import { createLlamaProvider, llamaProvider } from './llama-provider.js';

const folder = mkdtempSync(join(tmpdir(), 'informal-llama-provider-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const options = (settings?: ProviderOptions['settings']): ProviderOptions => ({
  cwd: folder,
  env: {},
  ...(settings ? { settings } : {}),
});
const setupError = async (id: string, settings?: ProviderOptions['settings'], provider = llamaProvider) => {
  const result = await resolveInterpreter(id, options(settings), [provider]);
  if (result.ok) {
    await result.interpreter.close?.();
    throw new Error(`${id} was accepted`);
  }
  return result.error;
};

const spec = buildTinyModel(yesModel(0.75));
writeFileSync(join(folder, 'yes.gguf'), writeGguf(spec));

describe('llama: setup errors, before any sample', () => {
  it('a missing file, with where relative paths are read from', async () => {
    expect(await setupError('llama:./models/absent.gguf')).toEqual({
      message: 'model file ./models/absent.gguf does not exist',
      hint: `check the path; relative paths are read from ${folder}`,
    });
  });

  it('a file that is not a GGUF: one line with the fix', async () => {
    writeFileSync(join(folder, 'weights.bin'), 'PK\u0003\u0004 a zip archive');
    expect(await setupError('llama:weights.bin')).toEqual({
      message: 'weights.bin is not a GGUF model file (it is a file that starts with `PK..`)',
      hint: 'llama: interpreters load GGUF files; download a .gguf model or convert one with llama.cpp’s convert_hf_to_gguf.py',
    });
  });

  it('a GGUF lacking keys llama.cpp would abort the process on, refused without loading it', async () => {
    const { 'llama.attention.head_count': _, ...metadata } = spec.metadata;
    writeFileSync(join(folder, 'headless.gguf'), writeGguf({ ...spec, metadata }));
    expect(await setupError('llama:headless.gguf')).toEqual({
      message: 'headless.gguf lacks the GGUF metadata key `llama.attention.head_count`, which llama.cpp needs',
      hint: 'convert the model again with llama.cpp’s convert_hf_to_gguf.py, or use a model from a trusted source',
    });
  });

  it('a GGUF llama.cpp refuses to load: its own reason, not "Failed to load model"', async () => {
    const tensors = spec.tensors.filter((tensor) => tensor.name !== 'blk.0.ffn_down.weight');
    writeFileSync(join(folder, 'incomplete.gguf'), writeGguf({ ...spec, tensors }));
    expect(await setupError('llama:incomplete.gguf')).toEqual({
      message: "llama.cpp could not load incomplete.gguf: missing tensor 'blk.0.ffn_down.weight'",
      hint: 'check that the file is a complete GGUF model',
    });
  });

  it('no path, an unknown setting, a bad setting', async () => {
    expect(await setupError('llama:')).toMatchObject({ message: '`llama:` needs the path of a GGUF model file' });
    expect(await setupError('llama:yes.gguf', { thread: 1 })).toEqual({
      message: 'unknown setting `thread` for llama: interpreters',
      hint: 'did you mean `threads`?',
    });
    expect(await setupError('llama:yes.gguf', { threads: 0 })).toMatchObject({
      message: 'llama setting `threads` is 0',
    });
    expect(await setupError('llama:yes.gguf', { gpu: 'yes' })).toMatchObject({
      message: 'llama setting `gpu` is "yes"',
    });
  });

  it('node-llama-cpp not installed: the install command is the hint', async () => {
    const missing = createLlamaProvider({
      importModule: () =>
        Promise.reject(
          Object.assign(new Error("Cannot find package 'node-llama-cpp' imported from /app/x.js"), {
            code: 'ERR_MODULE_NOT_FOUND',
          }),
        ),
    });
    expect(await setupError('llama:yes.gguf', undefined, missing)).toEqual({
      message: 'node-llama-cpp is not installed, so llama: interpreters cannot run',
      hint: 'install it: npm install node-llama-cpp@3.21.1',
    });
  });
});
