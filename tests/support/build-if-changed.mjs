// Builds dist/ with scripts/build.mjs unless it was already built from the sources as they are now.
// The global setup of the tests runs it under an exclusive lock, so that two test runs in one checkout never build
// at once (a build replaces dist/, which a running test's child process may be reading), and the second one, finding
// dist/ built from the same sources, does not replace it at all.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The files a build reads: the sources it compiles or copies, and its settings. */
function buildInputs() {
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split('/').includes('testing'));
  return [...sources, 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'package.json'].sort();
}

/** A hash of every build input's path and content. */
function inputsHash() {
  const hash = createHash('sha256');
  for (const path of buildInputs())
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(root, path)))
      .update('\0');
  return hash.digest('hex');
}

/** Which dist/ folder this is: a build replaces the folder, so a new one has another inode. */
function distIdentity() {
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'index.js'))) return undefined;
  const stat = statSync(dist);
  return `${stat.ino}:${stat.ctimeMs}`;
}

const stampPath = join(tmpdir(), `informal-dist-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
const wanted = inputsHash();
let stamp;
try {
  stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
} catch {
  stamp = undefined;
}
if (stamp?.inputs === wanted && stamp.dist !== undefined && stamp.dist === distIdentity()) {
  process.stdout.write('dist/ is built from the current sources\n');
} else {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  writeFileSync(stampPath, JSON.stringify({ inputs: wanted, dist: distIdentity() }));
}
