// Writes the tiny GGUF models of examples/local-llama (`npm run example:models`).
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeExampleModels } from '../src/interpreters/llama/gguf/example-models.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = process.argv[2] ?? join(root, 'examples', 'local-llama', 'models');
for (const path of writeExampleModels(folder)) process.stdout.write(`wrote ${relative(process.cwd(), path)}\n`);
