import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkGgufFile } from './check-gguf-metadata.js';
import type { GgufValue } from './gguf-value.js';
import { buildTinyModel, yesModel } from './tiny-models.js';
import { type GgufFileSpec, writeGguf } from './write-gguf.js';

const folder = mkdtempSync(join(tmpdir(), 'informal-gguf-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const good = buildTinyModel(yesModel(0.75));
const withMetadata = (change: (metadata: Record<string, GgufValue>) => void): GgufFileSpec => {
  const metadata = { ...good.metadata };
  change(metadata);
  return { ...good, metadata };
};
let files = 0;
const write = (contents: Uint8Array | string, name = `model-${files++}.gguf`) => {
  const path = join(folder, name);
  writeFileSync(path, contents);
  return path;
};
const check = (contents: Uint8Array | string) => checkGgufFile(write(contents), 'models/x.gguf');

const requiredKeys = [
  'general.architecture',
  'llama.context_length',
  'llama.embedding_length',
  'llama.block_count',
  'llama.feed_forward_length',
  'llama.attention.head_count',
  'llama.attention.layer_norm_rms_epsilon',
  'tokenizer.ggml.model',
  'tokenizer.ggml.tokens',
];

describe('checkGgufFile', () => {
  it('accepts the tiny models', () => {
    expect(check(writeGguf(good))).toBeUndefined();
  });

  it.each(requiredKeys)('refuses a file without %s, naming the key', (key) => {
    const problem = check(writeGguf(withMetadata((metadata) => delete metadata[key])));
    expect(problem).toMatchObject({ code: 'missing-key', key });
    expect(problem?.message).toBe(`models/x.gguf lacks the GGUF metadata key \`${key}\`, which llama.cpp needs`);
  });

  it('names several missing keys in one line', () => {
    const problem = check(
      writeGguf(
        withMetadata((metadata) => {
          delete metadata['llama.feed_forward_length'];
          delete metadata['llama.attention.head_count'];
        }),
      ),
    );
    expect(problem?.message).toBe(
      'models/x.gguf lacks the GGUF metadata keys `llama.feed_forward_length`, `llama.attention.head_count`, which llama.cpp needs',
    );
  });

  it('refuses a zero feed-forward length and a vocabulary of the wrong type', () => {
    expect(
      check(
        writeGguf(
          withMetadata((metadata) =>
            Object.assign(metadata, { 'llama.feed_forward_length': { type: 'uint32', value: 0 } }),
          ),
        ),
      ),
    ).toMatchObject({ code: 'bad-value', key: 'llama.feed_forward_length' });
    expect(
      check(
        writeGguf(
          withMetadata((metadata) =>
            Object.assign(metadata, { 'tokenizer.ggml.tokens': { type: 'array', itemType: 'int32', items: [1, 2] } }),
          ),
        ),
      ),
    ).toMatchObject({ code: 'bad-value', key: 'tokenizer.ggml.tokens' });
  });

  it('refuses a token-type array shorter than the vocabulary', () => {
    const problem = check(
      writeGguf(
        withMetadata((metadata) =>
          Object.assign(metadata, { 'tokenizer.ggml.token_type': { type: 'array', itemType: 'int32', items: [1] } }),
        ),
      ),
    );
    expect(problem).toMatchObject({ code: 'bad-value', key: 'tokenizer.ggml.token_type' });
  });

  it('gives one line with the fix for a file that is not a GGUF', () => {
    expect(check('{"model": "not really"}\n')).toEqual({
      code: 'not-gguf',
      message: 'models/x.gguf is not a GGUF model file (it is a file that starts with `{"mo`)',
      hint: 'llama: interpreters load GGUF files; download a .gguf model or convert one with llama.cpp’s convert_hf_to_gguf.py',
    });
    expect(check('')?.message).toBe('models/x.gguf is not a GGUF model file (it is an empty file)');
    expect(check('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n')).toMatchObject({
      code: 'not-gguf',
      hint: 'fetch the real file with `git lfs pull`',
    });
  });

  it('refuses GGUF versions llama.cpp does not load', () => {
    for (const version of [1, 4]) {
      expect(check(writeGguf({ ...good, version }))).toMatchObject({
        code: 'unsupported-version',
        message: `models/x.gguf is GGUF version ${version}; llama.cpp loads versions 2 and 3`,
      });
    }
  });

  it('refuses a file cut short, in its header or in its data', () => {
    const bytes = writeGguf(good);
    expect(check(bytes.subarray(0, 200))).toMatchObject({ code: 'truncated' });
    expect(check(bytes.subarray(0, bytes.length - 100))).toMatchObject({ code: 'truncated' });
  });

  it('refuses an impossible count without allocating it', () => {
    const bytes = writeGguf(good).slice(0, 64);
    new DataView(bytes.buffer).setBigUint64(16, 2n ** 62n, true);
    expect(check(bytes)).toMatchObject({ code: 'truncated' });
  });

  it('says when the file does not exist or is a folder', () => {
    expect(checkGgufFile(join(folder, 'absent.gguf'), 'models/absent.gguf')).toEqual({
      code: 'unreadable',
      message: 'model file models/absent.gguf does not exist',
      hint: 'check the path',
    });
    expect(checkGgufFile(folder, 'models')).toMatchObject({
      code: 'unreadable',
      message: 'models is a directory, not a model file',
    });
  });
});

describe('why the check comes first (llama.cpp in a child process)', () => {
  const loadDirectly = (path: string) =>
    spawnSync(process.execPath, [fileURLToPath(new URL('../fixtures/load-gguf-directly.mjs', import.meta.url)), path], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('loading a GGUF without llama.feed_forward_length aborts the whole process, so it must never be tried', () => {
    const path = write(writeGguf(withMetadata((metadata) => delete metadata['llama.feed_forward_length'])));
    const child = loadDirectly(path);
    expect(child.signal).toBe('SIGABRT');
    expect(child.stderr).toContain('GGML_ASSERT');
    expect(checkGgufFile(path, 'x.gguf')).toMatchObject({ code: 'missing-key', key: 'llama.feed_forward_length' });
  });
});
