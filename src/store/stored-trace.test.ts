import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../tests/support/temp-folder.js';
import type { Interpreter } from '../contracts/interpreter.js';
import type { StepTrace } from '../contracts/trace.js';
import { runProgram } from '../engine/run-program.js';
import { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import { loadProgram } from '../program/load-program.js';
import type { Program } from '../program/program.js';
import { readStoredRun } from '../report/stored-run.js';
import { SqliteStore } from './sqlite-store.js';

const sim = createSimInterpreter(simProfiles.large as NonNullable<typeof simProfiles.large>);

const files = {
  'summarize.prog': `prog 1
program summarize
input text: string
step draft = "Draft a summary of: {{ text }}"
prompt "Tighten this summary: {{ draft }}"
verify length({ min: 1 })
case "one" { text: "a" }
`,
  'answer.prog': `prog 1
import { summarize } from "./summarize.prog"
program answer
input question: string
step notes = summarize(text: question)
step reply = "Notes: {{ notes }} Answer: {{ question }}"
verify length({ min: 1 })
case "q1" { question: "What is 2 + 2?" }
case "q2" { question: "Capital of France?" }
sample 3 seed 5
`,
};

/** What a stored step keeps of an engine step: everything but the run-time flag `cached`. */
function comparable(steps: readonly StepTrace[]): unknown[] {
  return steps.map(({ cached: _cached, children, ...step }) => ({
    ...step,
    ...(children
      ? {
          children: children.map((child) => ({
            name: child.programName,
            seed: child.seed,
            steps: comparable(child.steps),
          })),
        }
      : {}),
  }));
}

async function withStore(
  run: (store: SqliteStore, program: Program, start: (runId: string) => void) => Promise<void>,
): Promise<void> {
  const folder = tempFolder(files);
  const loaded = await loadProgram('answer.prog', folder);
  expect(loaded.diagnostics).toEqual([]);
  const program = loaded.program as Program;
  const store = new SqliteStore(join(folder, 'store.sqlite'));
  const start = (runId: string) => {
    store.startRun({ id: runId, command: { argv: [], cwd: folder } });
    store.startProgramRun({
      runId,
      programName: program.name,
      interpreterId: sim.id,
      programFile: program.file,
      programHash: program.hash,
      baseSeed: 5,
      samplesPerCase: 3,
      planned: 6,
    });
  };
  try {
    await run(store, program, start);
  } finally {
    store.close();
  }
}

describe('a stored trace', () => {
  it('reads back as the engine made it: every step in order, the called program nested', async () => {
    await withStore(async (store, program, start) => {
      start('r1');
      const ran = await runProgram(program, { interpreter: sim, store, runId: 'r1' });
      const [stored] = readStoredRun(store, 'r1');
      const samples = ran.cases.flatMap((caseRun) => caseRun.samples);
      const read = stored?.programRun.cases.flatMap((caseRun) => caseRun.samples) ?? [];
      expect(read).toHaveLength(6);
      for (const [position, sample] of samples.entries()) {
        expect(comparable(read[position]?.trace.steps ?? [])).toEqual(comparable(sample.trace.steps));
        expect(read[position]?.output).toEqual(sample.output);
      }
    });
  });

  it('leaves out a final step whose call failed, and keeps the steps before it', async () => {
    await withStore(async (store, program, start) => {
      const failing: Interpreter = {
        id: sim.id,
        description: sim.description,
        async interpret(call, options) {
          const text = call.messages.map((message) => message.content).join('\n');
          if (text.startsWith('Notes:')) throw Object.assign(new Error('HTTP 500'), { isRetryable: false });
          return sim.interpret(call, options);
        },
      };
      start('r1');
      await runProgram(program, { interpreter: failing, store, runId: 'r1' });
      const [stored] = readStoredRun(store, 'r1');
      const sample = stored?.programRun.cases[0]?.samples[0];
      expect(sample?.score.status).toBe('error');
      expect(sample?.trace.steps.map((step) => step.name)).toEqual(['notes']);
      // The output was never made: the earlier step's is not passed off as the sample's.
      expect(sample?.output).toBeNull();
      expect(sample?.trace.steps[0]?.children?.[0]?.steps.map((step) => step.name)).toEqual(['draft', 'main']);
    });
  });
});
