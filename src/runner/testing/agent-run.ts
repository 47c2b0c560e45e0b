import type { CaseRun, ProgramRun, SampleRecord } from '../../contracts/program-run.js';
import type { AgentEnd, Trace, TurnTrace } from '../../contracts/trace.js';
import { compileProgram } from '../../program/load-program.js';
import type { AgentDeclaration, Program } from '../../program/program.js';
import type { ProgramSummary } from '../program-summary.js';
import { summarizeRun } from '../summarize-run.js';

/** Text a hostile model writes: markup that closes a script, a link scheme, terminal escapes, a bell, U+2028. */
export const hostileText = '</script><script>alert(1)</script> javascript:alert(2) \u001b[31mred\u0007 \u2028end';

/** The turns of one sample: a call with hostile arguments that succeeds, one that fails, a user turn, an answer. */
export function agentTurns(success: boolean): TurnTrace[] {
  return [
    {
      kind: 'model',
      text: `Looking up. ${hostileText}`,
      toolCalls: [{ id: 'call-1', name: 'lookup_order', arguments: JSON.stringify({ order_id: hostileText }) }],
      finishReason: 'tool-calls',
      latencyMs: 5,
      warnings: [],
    },
    {
      kind: 'tool',
      callId: 'call-1',
      name: 'lookup_order',
      arguments: { order_id: hostileText },
      result: { status: 'pending', note: hostileText },
      latencyMs: 1,
    },
    {
      kind: 'model',
      text: '',
      toolCalls: [{ id: 'call-2', name: 'cancel_order', arguments: '{"order_id":"W1"' }],
      finishReason: 'tool-calls',
      latencyMs: 5,
      warnings: [],
    },
    {
      kind: 'tool',
      callId: 'call-2',
      name: 'cancel_order',
      arguments: '{"order_id":"W1"',
      error: `arguments are not JSON: ${hostileText}`,
      latencyMs: 0,
    },
    { kind: 'user', text: `No, cancel it. ${hostileText}`, latencyMs: 2 },
    {
      kind: 'model',
      text: success ? 'Cancelled.' : `I cannot. ${hostileText}`,
      toolCalls: [],
      finishReason: 'stop',
      latencyMs: 5,
      warnings: [],
    },
  ];
}

/** The trace of one sample of the agent program `support`. */
export function agentTrace(caseId: string, index: number, success: boolean, ended: AgentEnd = 'answer'): Trace {
  const turns = agentTurns(success);
  const text = success ? 'Cancelled.' : `I cannot. ${hostileText}`;
  return {
    programName: 'support',
    programHash: 'h-agent',
    interpreterId: 'sim:large',
    caseId,
    sampleIndex: index,
    seed: 100 + index,
    settings: {},
    steps: [
      {
        name: 'main',
        messages: [{ role: 'user', content: 'Cancel order W1.' }],
        text,
        output: text,
        finishReason: 'stop',
        latencyMs: 18,
        warnings: [],
        agent: {
          turns,
          ended,
          modelTurns: 3,
          state: { orders: { W1: { status: success ? 'cancelled' : 'pending' } } },
          expectedState: { orders: { W1: { status: 'cancelled' } } },
        },
      },
    ],
  };
}

/** The agent declaration the fixture program gets (only its presence matters to summaries and reports). */
const agentDeclaration: AgentDeclaration = {
  tools: [],
  mcpServers: [],
  settings: { maxTurns: 20, toolTimeoutSeconds: 30, toolChoice: 'auto', parallelToolCalls: true },
};

/** The program `support`, made an agent, with `samples` samples per case. */
export function agentProgram(samples = 4): Program {
  const source = `prog 1\nprogram support "Retail support agent"\ninput instructions: string\nprompt """{{ instructions }}"""\nverify exact("Cancelled.")\ncase "cancel-1" { instructions: "Cancel W1." }\ncase "cancel-2" { instructions: "Cancel W2." }\nsample ${samples}\nexpect pass^${Math.min(samples, 4)} >= 0.9\n`;
  const loaded = compileProgram(source, 'support.prog');
  if (!loaded.program) throw new Error(JSON.stringify(loaded.diagnostics));
  return { ...loaded.program, agent: agentDeclaration };
}

/**
 * A run of `support`: case `cancel-1` succeeds every time; `cancel-2` fails its first sample (which hit `max-turns`)
 * and succeeds the others.
 */
export function agentRun(samples = 4): ProgramRun {
  const sample = (caseId: string, index: number, success: boolean, ended: AgentEnd): SampleRecord => {
    const trace = agentTrace(caseId, index, success, ended);
    return {
      caseId,
      index,
      seed: trace.seed,
      output: trace.steps[0]?.output,
      score: success
        ? { value: 1, status: 'scored', name: 'exact', expression: 'exact("Cancelled.")' }
        : {
            value: 0,
            status: 'scored',
            name: 'exact',
            expression: 'exact("Cancelled.")',
            explanation: `expected "Cancelled.", got ${JSON.stringify(hostileText)}`,
          },
      success,
      cached: false,
      trace,
    };
  };
  const cases: CaseRun[] = [
    {
      caseId: 'cancel-1',
      samples: Array.from({ length: samples }, (_, index) => sample('cancel-1', index, true, 'answer')),
    },
    {
      caseId: 'cancel-2',
      samples: Array.from({ length: samples }, (_, index) =>
        sample('cancel-2', index, index > 0, index === 0 ? 'max-turns' : 'answer'),
      ),
    },
  ];
  return {
    runId: 'run-agent',
    programName: 'support',
    file: 'support.prog',
    programHash: 'h-agent',
    interpreterId: 'sim:large',
    interpreterDescription: 'the simulator',
    baseSeed: 1,
    settings: {},
    samplesPerCase: samples,
    planned: samples * 2,
    interrupted: false,
    cacheHits: 0,
    cases,
    warnings: [],
    startedAt: 0,
    durationMs: 10,
  };
}

/** The summary of `agentRun` as the runner makes it. */
export function agentSummary(samples = 4): ProgramSummary {
  return summarizeRun(agentProgram(samples), agentRun(samples));
}
