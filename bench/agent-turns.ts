// Agent turns benchmark: the engine's agent loop on an in-process instant interpreter that calls a trivial tool
// every other turn (model turn, tool turn, model turn, …) and answers on its last turn. Reports model turns per
// second (the target: at least 10,000 without a store), with no store, with a SQLite store in a temporary folder,
// and a second run on that store, where every turn comes from the cache and only the tools run.
// Run: npm run bench:agent-turns [-- --cases 100 --samples 20 --turns 10 --interpreter instant|sim]
// With `--interpreter sim`, the built-in simulator (profile perfect) plays the agent, following each case's
// reference actions: the same turns, with the simulator's own work in them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Interpreter } from '../src/contracts/interpreter.js';
import type { StepResult } from '../src/contracts/step-result.js';
import { agentProgram, functionTool, startedStore } from '../src/engine/agent/testing/agent-program.js';
import { runProgram } from '../src/engine/run-program.js';
import { createSimInterpreter } from '../src/interpreters/sim/sim-interpreter.js';
import { type SimProfile, simProfiles } from '../src/interpreters/sim/sim-profile.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100' },
    samples: { type: 'string', default: '20' },
    turns: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '64' },
    interpreter: { type: 'string', default: 'instant' },
  },
});
const cases = Number(values.cases);
const samplesPerCase = Number(values.samples);
const turnsPerSample = Number(values.turns);
const concurrency = Number(values.concurrency);
const target = 10_000;

const source = [
  'prog 1',
  'program agent_turns "Count with a tool"',
  'input n: number',
  'prompt "Count to {{ n }} with the tool."',
  'verify length({ min: 1 })',
  // On `sim`, each case's reference actions are the calls to make: the simulator follows them, then answers.
  ...Array.from({ length: cases }, (_, index) =>
    values.interpreter === 'sim'
      ? `case "c${index}" { n: ${index} } -> { actions: [${Array.from({ length: turnsPerSample - 1 }, () => '{ tool: "add", arguments: { by: 1 } }').join(', ')}] }`
      : `case "c${index}" { n: ${index} }`,
  ),
  `sample ${samplesPerCase} seed 1`,
].join('\n');
const program = agentProgram(source, {
  environment: { name: 'counter', create: () => ({ count: 0 }), module: 'bench.ts', span: { start: 0, end: 0 } },
  tools: [
    functionTool('add', { by: z.number() }, (args, { state }) => {
      const counter = state as { count: number };
      counter.count += args.by as number;
      return counter.count;
    }),
  ],
  settings: { maxTurns: turnsPerSample },
});

const usage = { inputTokens: 20, outputTokens: 5 };
const callAdd: StepResult = {
  text: '',
  toolCalls: [{ id: 'call-1', name: 'add', arguments: '{"by":1}' }],
  finishReason: 'tool-calls',
  usage,
  warnings: [],
};
const done: StepResult = { text: 'Counted.', finishReason: 'stop', usage, warnings: [] };
const interpreter: Interpreter =
  values.interpreter === 'sim'
    ? createSimInterpreter(simProfiles.perfect as SimProfile, 'sim:perfect')
    : {
        id: 'bench:agent',
        description: 'an instant scripted agent',
        instant: true,
        interpret: async (call) => ((call.origin.agent?.turn ?? 0) < turnsPerSample - 1 ? callAdd : done),
      };

async function measure(label: string, store?: ReturnType<typeof startedStore>, runId?: string) {
  const started = process.hrtime.bigint();
  const run = await runProgram(program, {
    interpreter,
    concurrency,
    ...(store ? { store } : {}),
    ...(runId ? { runId } : {}),
  });
  store?.flush();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let modelTurns = 0;
  let cachedTurns = 0;
  let toolTurns = 0;
  for (const runCase of run.cases)
    for (const sample of runCase.samples)
      for (const turn of sample.trace.steps[0]?.agent?.turns ?? []) {
        if (turn.kind === 'model') {
          modelTurns++;
          if (turn.cached) cachedTurns++;
        } else if (turn.kind === 'tool') toolTurns++;
      }
  return {
    label,
    samples: run.cases.reduce((sum, runCase) => sum + runCase.samples.length, 0),
    modelTurns,
    toolTurns,
    cachedTurns,
    seconds: Number(seconds.toFixed(3)),
    modelTurnsPerSecond: Math.round(modelTurns / seconds),
  };
}

// A warm-up run: the first compiles the engine's paths.
await measure('warm-up');
const results = [await measure('no store')];
const folder = mkdtempSync(join(tmpdir(), 'informal-agent-turns-'));
try {
  const path = join(folder, 'store.sqlite');
  const first = startedStore(path, program, 'r1', interpreter.id);
  results.push(await measure('store', first, 'r1'));
  first.close();
  const again = startedStore(path, program, 'r2', interpreter.id);
  results.push(await measure('store, all cached', again, 'r2'));
  again.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
const noStore = results[0]?.modelTurnsPerSecond ?? 0;
console.log(
  JSON.stringify({
    benchmark: 'agent-turns',
    node: process.version,
    cases,
    samplesPerCase,
    turnsPerSample,
    concurrency,
    results,
    target: `>= ${target} model turns/s without a store`,
    met: noStore >= target,
  }),
);
