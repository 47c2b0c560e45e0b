import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pleaseModel, type TinyModelDesign, writeTinyModel, yesModel } from './tiny-models.js';

/** The models of `examples/local-llama`, by file name, with the behaviour their `.prog` files expect. */
export const exampleModels: Readonly<Record<string, TinyModelDesign>> = {
  /** Answers " yes." with probability 0.75, " no." otherwise. */
  'yes.gguf': yesModel(0.75),
  /** Answers " yes." with probability 0.8 when the prompt says "please", 0.3 when it does not. */
  'please.gguf': pleaseModel(0.8, 0.3),
};

/** Writes every example model into `folder` (created if needed) and returns the paths written. */
export function writeExampleModels(folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  return Object.entries(exampleModels).map(([file, design]) => {
    const path = join(folder, file);
    writeTinyModel(design, path);
    return path;
  });
}
