#!/usr/bin/env node
// Prints the folder-level import graph of src/ and exits 1 when two folders import each other.
// Usage: node scripts/import-graph.mjs [--files]   (--files lists the imports behind each edge)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const source = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
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
for (const key of [...edges.keys()].sort()) {
  const [from, to] = key.split(' -> ');
  const mutual = edges.has(`${to} -> ${from}`);
  if (mutual) pairs++;
  console.log(`${mutual ? '!' : ' '} ${key} (${edges.get(key).length})`);
  if (showFiles || mutual) for (const line of edges.get(key)) console.log(`      ${line}`);
}
if (pairs > 0) {
  console.error(`\n${pairs / 2} pair(s) of folders import each other (marked !): imports must run one way.`);
  process.exit(1);
}
console.log('\nNo two folders import each other.');
