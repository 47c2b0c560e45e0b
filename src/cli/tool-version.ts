import { readFileSync } from 'node:fs';

/** The installed package's version, read from its package.json (two folders up from src/cli or dist/cli). */
export const toolVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
