#!/usr/bin/env node
// Prints the folder-level import graph of src/ and exits 1 when two folders import each other, or when a folder
// imports one that comes later in the pipeline order below.
// Usage: node scripts/import-graph.mjs [--files]   (--files lists the imports behind each edge)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const source = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/**
 * The folders of src/ in pipeline order: each imports only folders before it (docs/layout.md says what each owns).
 * `(root)` is src/index.ts, the public API, which may import any folder.
 */
const order = [
  'contracts',
  'util',
  'stats',
  'lang',
  'config',
  'cost',
  'verifiers',
  'tools',
  'program',
  'interpreters',
  'engine',
  'store',
  'runner',
  'report',
  'view',
  'cli',
  'vitest',
  'test',
  '(root)',
];
const showFiles = process.argv.includes('--files');

/** Production files only: tests and test helpers may reach across folders. */
function* sourceFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') yield* sourceFiles(path);
    } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

/** The folder directly under src/ that holds a file; `(root)` for src/index.ts and its siblings. */
function folderOf(path) {
  const parts = relative(source, path).split(sep);
  return parts.length > 1 ? parts[0] : '(root)';
}

const edges = new Map();
for (const file of sourceFiles(source)) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const target = resolve(dirname(file), fileName);
    if (!target.startsWith(source + sep)) continue;
    const from = folderOf(file);
    const to = folderOf(target);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    if (!edges.has(key)) edges.set(key, []);
    edges.get(key).push(`${relative(source, file)} imports ${relative(source, target)}`);
  }
}

let pairs = 0;
let backward = 0;
const unknown = new Set();
for (const key of [...edges.keys()].sort()) {
  const [from, to] = key.split(' -> ');
  for (const folder of [from, to]) if (!order.includes(folder)) unknown.add(folder);
  const mutual = edges.has(`${to} -> ${from}`);
  const against = order.includes(from) && order.includes(to) && order.indexOf(to) > order.indexOf(from);
  if (mutual) pairs++;
  if (against) backward++;
  console.log(`${mutual ? '!' : against ? '<' : ' '} ${key} (${edges.get(key).length})`);
  if (showFiles || mutual || against) for (const line of edges.get(key)) console.log(`      ${line}`);
}
const problems = [];
if (pairs > 0) problems.push(`${pairs / 2} pair(s) of folders import each other (marked !)`);
if (backward > 0) problems.push(`${backward} import(s) of a folder later in the pipeline order (marked <)`);
if (unknown.size > 0)
  problems.push(`folders missing from the order in scripts/import-graph.mjs: ${[...unknown].join(', ')}`);
if (problems.length > 0) {
  console.error(`\n${problems.join('; ')}: imports must run one way, down the order ${order.join(' < ')}.`);
  process.exit(1);
}
console.log(`\nImports run one way, down the order: ${order.join(' < ')}.`);
