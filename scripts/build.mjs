// Builds dist/ from src/: compiles TypeScript, then copies the assets the code reads at run time.
// The build goes to a fresh folder that replaces dist/ at the end, so a reader never sees half a build.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assetExtensions = ['.ohm', '.recipe.json', '.worker.mjs'];
const staging = join(root, `.dist-${process.pid}`);

rmSync(staging, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', staging], {
  stdio: 'inherit',
});

for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !assetExtensions.some((extension) => entry.name.endsWith(extension))) continue;
  const source = join(entry.parentPath, entry.name);
  cpSync(source, join(staging, relative(join(root, 'src'), source)));
}
rmSync(join(root, 'dist'), { recursive: true, force: true });
renameSync(staging, join(root, 'dist'));
