import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  mode: 'serve' | 'exit-at-start' | 'silent' | 'chatty' | 'stubborn',
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

/**
 * The ids of the running processes whose command line holds the marker: from /proc where there is one (slim
 * containers have no `ps`), from `ps` elsewhere. A process that has exited but is not yet reaped has no command line.
 */
export function processesWithMarker(marker: string): number[] {
  if (existsSync('/proc/self/cmdline')) {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker);
        } catch {
          return false; // Gone while listing.
        }
      })
      .map(Number);
  }
  const listing = execFileSync('ps', ['-A', '-o', 'pid=,args='], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.includes(marker))
    .map((line) => Number.parseInt(line.trim(), 10));
}
