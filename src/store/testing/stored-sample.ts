import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SampleRecord } from '../../contracts/program-run.js';
import type { StepTrace } from '../../contracts/trace.js';

/** A path for a new store in a fresh temporary folder. */
export const tempStorePath = (): string => join(mkdtempSync(join(tmpdir(), 'informal-store-test-')), 'store.sqlite');

/** The one step of the samples of the store tests: a capital asked and answered. */
export const capitalStep: StepTrace = {
  name: 'main',
  messages: [{ role: 'user', content: 'Capital of France?' }],
  text: 'Paris',
  output: 'Paris',
  finishReason: 'stop',
  latencyMs: 12,
  warnings: [],
};

/** Sample `index` of case `fr` of program `p` on `interpreterId`, passed or failed, with `capitalStep` as its trace. */
export function capitalSample(index: number, success: boolean, interpreterId: string): SampleRecord {
  return {
    caseId: 'fr',
    index,
    seed: 100 + index,
    output: 'Paris',
    score: { value: success ? 1 : 0, status: 'scored' },
    success,
    cached: false,
    trace: {
      programName: 'p',
      programHash: 'h',
      interpreterId,
      caseId: 'fr',
      sampleIndex: index,
      seed: 100 + index,
      settings: {},
      steps: [capitalStep],
    },
  };
}
