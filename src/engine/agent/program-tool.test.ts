import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileProgram } from '../../program/load-program.js';
import type { Program } from '../../program/program.js';
import { runProgram } from '../run-program.js';
import { agentProgram, answer, callsTools, scriptedInterpreter, toolDeclaration } from './testing/agent-program.js';

const expert = compileProgram(
  `prog 1
program billing_expert
input question: string
prompt "As a billing expert, answer: {{ question }}"
verify length({ min: 1 })
case "e" { question: "q" }
`,
  'billing.prog',
).program as Program;

const source = `prog 1
program support
output { refund: number }
prompt "How much is refunded for W1?"
verify true
case "c1" {}
`;

describe('a program tool', () => {
  it("runs the program with the call's arguments as inputs, keeps its trace on the tool's turn, and answers with its output", async () => {
    const program = agentProgram(source, {
      tools: [toolDeclaration('billing_expert', { question: z.string() }, { kind: 'program', program: expert })],
    });
    const model = scriptedInterpreter((call) => {
      const last = call.messages.at(-1)?.content ?? '';
      if (last.startsWith('As a billing expert')) return answer('A refund of 12 is due.');
      return call.origin.agent?.turn === 0
        ? callsTools(0, [['billing_expert', '{"question":"Refund for W1?"}']])
        : answer('{"refund": 12}');
    });
    const run = await runProgram(program, { interpreter: model });
    const step = run.cases[0]?.samples[0]?.trace.steps[0];
    const tool = step?.agent?.turns[1];
    if (tool?.kind !== 'tool') throw new Error('no tool turn');
    expect(tool.result).toBe('A refund of 12 is due.');
    expect(tool.child?.programName).toBe('billing_expert');
    expect(tool.child?.steps[0]?.messages).toEqual([
      { role: 'user', content: 'As a billing expert, answer: Refund for W1?' },
    ]);
    // The final answer is the program's typed output.
    expect(step?.output).toEqual({ refund: 12 });
    expect(step?.agent?.ended).toBe('answer');
  });

  it("answers with the program's failure as a tool error the model reads", async () => {
    const program = agentProgram(source, {
      tools: [toolDeclaration('billing_expert', { question: z.string() }, { kind: 'program', program: expert })],
    });
    const model = scriptedInterpreter((call) => {
      const last = call.messages.at(-1)?.content ?? '';
      if (last.startsWith('As a billing expert')) throw Object.assign(new Error('HTTP 400'), { isRetryable: false });
      return call.origin.agent?.turn === 0
        ? callsTools(0, [['billing_expert', '{"question":"Refund?"}']])
        : answer('not a number');
    });
    const run = await runProgram(program, { interpreter: model });
    const step = run.cases[0]?.samples[0]?.trace.steps[0];
    expect(step?.agent?.turns[1]).toMatchObject({
      kind: 'tool',
      error: 'billing_expert: HTTP 400',
    });
    expect(model.calls.at(-1)?.messages.at(-1)).toMatchObject({ role: 'tool', isError: true });
    expect(step?.outputProblem).toBeDefined();
  });
});
