import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { McpServerLaunch } from '../mcp-tool-server.js';

const fixture = fileURLToPath(new URL('./mcp-fixture-server.mjs', import.meta.url));

/** A key-shaped value given to the fixture server in its environment; it must never come back unmasked. */
export const fixtureKey = 'wx-7Hq2Lk9Pz4Vt8Rm3';

/**
 * How to start the fixture server (src/tools/testing/mcp-fixture-server.mjs) in a mode, with a marker of its own on
 * its command line, so that a test can tell whether any process it started still runs.
 */
export function fixtureLaunch(
  mode: 'serve' | 'exit-at-start' | 'silent' | 'chatty',
  fields: Partial<McpServerLaunch> = {},
): McpServerLaunch & { readonly marker: string } {
  const marker = `--marker=${randomUUID()}`;
  return {
    name: 'weather',
    command: process.execPath,
    args: [fixture, mode, marker],
    env: { WEATHER_API_KEY: fixtureKey },
    ...fields,
    marker,
  };
}

/** The ids of the running processes whose command line holds the marker. */
export function processesWithMarker(marker: string): number[] {
  const listing = execFileSync('ps', ['-A', '-o', 'pid=,args='], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.includes(marker))
    .map((line) => Number.parseInt(line.trim(), 10));
}
