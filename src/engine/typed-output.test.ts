import { describe, expect, it } from 'vitest';
import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterCall } from '../contracts/interpreter-call.js';
import { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import { compileProgram } from '../program/load-program.js';
import type { Program } from '../program/program.js';
import { runProgram } from './run-program.js';

const source = `prog 1
program triage "Triage a ticket"
input ticket: string
output { urgency: "low" | "medium" | "high", tags: string[], score?: number }
prompt "Triage: {{ ticket }}"
verify output.urgency == expected.urgency and contains(output.tags, "billing")
case "a" { ticket: "Charged twice" } -> { urgency: "high", tags: ["billing"] }
case "b" { ticket: "How do I export?" } -> { urgency: "low", tags: ["billing", "docs"] }
sample 10 seed 2
`;
const program = compileProgram(source, 'triage.prog').program as Program;

/** An interpreter that answers with the given texts in turn, and records the calls it got. */
function answering(texts: string[]): Interpreter & { calls: InterpreterCall[] } {
  const calls: InterpreterCall[] = [];
  return {
    id: 'fixed',
    description: 'fixed answers',
    calls,
    async interpret(call) {
      calls.push(call);
      return { text: texts[(calls.length - 1) % texts.length] as string, finishReason: 'stop', warnings: [] };
    },
  };
}

describe('typed outputs', () => {
  it('compile to a zod schema and a JSON Schema sent as the response format', async () => {
    expect(program.output?.jsonSchema).toMatchObject({
      type: 'object',
      properties: { urgency: { enum: ['low', 'medium', 'high'] }, tags: { type: 'array' } },
      required: ['urgency', 'tags'],
      additionalProperties: false,
    });
    const interpreter = answering(['{"urgency":"high","tags":["billing"]}']);
    await runProgram(program, { interpreter, concurrency: 1 });
    expect(interpreter.calls[0]?.responseFormat).toEqual({
      type: 'json',
      schema: program.output?.jsonSchema,
      name: 'triage',
    });
  });

  it('hand verifiers the parsed value, and score text that is not of the type 0 with the reason', async () => {
    const interpreter = answering([
      '{"urgency":"high","tags":["billing"]}',
      '```json\n{"urgency":"high","tags":["billing"],"score":0.5}\n```',
      'high urgency, billing',
      '{"urgency":"urgent","tags":[]}',
      '{"urgency":"high","tags":["billing"],"extra":1}',
    ]);
    const run = await runProgram(
      { ...program, cases: program.cases.slice(0, 1), sampling: { ...program.sampling, samples: 5 } },
      { interpreter, concurrency: 1 },
    );
    const samples = run.cases[0]?.samples ?? [];
    expect(samples.map((sample) => sample.score.value)).toEqual([1, 1, 0, 0, 0]);
    expect(samples[1]?.output).toEqual({ urgency: 'high', tags: ['billing'], score: 0.5 });
    expect(samples[2]?.score.explanation).toContain('the output is not JSON');
    expect(samples[3]?.score.explanation).toMatch(/does not match its type: at urgency/);
    expect(samples[4]?.score.explanation).toMatch(/does not match its type/);
    expect(samples.every((sample) => sample.score.status === 'scored')).toBe(true);
  });

  it('run on the simulator, whose right answers are the expected objects', async () => {
    const run = await runProgram(program, {
      interpreter: createSimInterpreter(simProfiles.large as NonNullable<typeof simProfiles.large>),
    });
    const successes = run.cases.flatMap((caseRun) => caseRun.samples).filter((sample) => sample.success);
    expect(successes.length).toBeGreaterThan(0);
    for (const sample of successes) expect(typeof sample.output).toBe('object');
  });

  it('check case values against declared input types, objects and arrays included', () => {
    const loaded = compileProgram(
      `prog 1
program p
input person: { name: string, age?: integer }
input tags: string[] = []
prompt "{{ person.name }}"
verify exact("x")
case "ok" { person: { name: "Ann" } }
case "bad" { person: { name: "Bo", age: 1.5 }, tags: [1] }
`,
      'p.prog',
    );
    expect(loaded.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'case "bad": `person` must be { name: string, age?: integer }, got {"name":"Bo","age":1.5}',
      'case "bad": `tags` must be string[], got [1]',
    ]);
  });
});
