import { describe, expect, it } from 'vitest';
import type { Score } from '../../contracts/score.js';
import type { AgentTrace, StepTrace, Trace, TurnTrace } from '../../contracts/trace.js';
import { parseProg } from '../../lang/parse.js';
import { renderDiagnostic } from '../../lang/render-diagnostic.js';
import { checkExpression, type ExpressionScope } from '../check-expression.js';
import { compileVerifier } from '../compile-verifier.js';
import { trace as plainTrace } from '../testing/verify-expression.js';

function parseVerify(expression: string) {
  const source = `prog 1\nprogram p\nverify ${expression}\n`;
  const parsed = parseProg(source, 'p.prog');
  const item = parsed.document?.program.items[0];
  if (item?.kind !== 'verify') throw new Error(`did not parse: ${JSON.stringify(parsed.diagnostics)}`);
  return { source, expression: item.expression };
}

/** Checks `verify <expression>` as a program's resolver would, and runs it on a sample with this trace. */
async function verify(expression: string, trace: Trace, expected?: unknown): Promise<Score> {
  const parsed = parseVerify(expression);
  const check = checkExpression(parsed.expression, { inputs: [], agent: true }, 'p.prog');
  if (check.diagnostics.length > 0) {
    throw new Error(check.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, parsed.source)).join('\n'));
  }
  return compileVerifier(
    parsed.expression,
    parsed.source,
  )({
    inputs: {},
    output: 'done',
    steps: { main: 'done' },
    expected,
    trace,
  });
}

function diagnostics(expression: string, scope: Partial<ExpressionScope> = {}): string[] {
  const parsed = parseVerify(expression);
  return checkExpression(parsed.expression, { inputs: [], ...scope }, 'p.prog').diagnostics.map((diagnostic) =>
    renderDiagnostic(diagnostic, parsed.source),
  );
}

const model = (text: string, calls: { id: string; name: string; arguments: string }[] = []): TurnTrace => ({
  kind: 'model',
  text,
  toolCalls: calls,
  finishReason: calls.length > 0 ? 'tool-calls' : 'stop',
  latencyMs: 1,
  warnings: [],
});

const tool = (name: string, args: unknown, result?: unknown, error?: string): TurnTrace => ({
  kind: 'tool',
  callId: `c-${name}`,
  name,
  arguments: args,
  ...(error === undefined ? { result } : { error }),
  latencyMs: 1,
});

function agentTrace(agent: Partial<AgentTrace> & { turns: readonly TurnTrace[] }): Trace {
  const step: StepTrace = {
    name: 'main',
    messages: [],
    text: 'done',
    output: 'done',
    finishReason: 'stop',
    latencyMs: 3,
    warnings: [],
    agent: {
      ended: 'answer',
      modelTurns: agent.turns.filter((turn) => turn.kind === 'model').length,
      ...agent,
    },
  };
  return { ...plainTrace, steps: [step] };
}

const retail = agentTrace({
  turns: [
    model('Let me look.', [{ id: 'a', name: 'lookup_order', arguments: '{"order_id":"W1"}' }]),
    tool('lookup_order', { order_id: 'W1' }, { status: 'pending' }),
    model('', [{ id: 'b', name: 'cancel_order', arguments: '{"order_id":"W1"}' }]),
    tool(
      'cancel_order',
      { order_id: 'W1' },
      undefined,
      'reason: expected one of "no longer needed", "ordered by mistake"',
    ),
    model('', [{ id: 'c', name: 'cancel_order', arguments: '{}' }]),
    tool('cancel_order', { order_id: 'W1', reason: 'ordered by mistake', extra: { nested: [1, 2] } }, { ok: true }),
    { kind: 'user', text: 'thanks ###STOP###', latencyMs: 1 },
    model('Cancelled.'),
  ],
  state: { orders: { W1: { status: 'cancelled', items: [1, 2] } } },
  expectedState: { orders: { W1: { status: 'cancelled', items: [1, 2] } } },
});

describe('the trajectory value', () => {
  it('gives turns, calls, tool errors, the end, the states and the user turns of the last agent step', async () => {
    expect((await verify('trajectory.turns == 4', retail)).value).toBe(1);
    expect((await verify('trajectory.tool_errors == 1', retail)).value).toBe(1);
    expect((await verify('trajectory.user_turns == 1', retail)).value).toBe(1);
    expect((await verify('trajectory.ended == "answer"', retail)).value).toBe(1);
    expect((await verify('trajectory.turns <= 3', retail)).value).toBe(0);
    expect((await verify('trajectory.state == trajectory.expected_state', retail)).value).toBe(1);
  });

  it('is an error score naming why for a sample without a trajectory, through fields and operators', async () => {
    const score = await verify('trajectory.turns <= 12 and exact("done")', plainTrace);
    expect(score.status).toBe('error');
    expect(score.explanation).toContain('there is no trajectory: the sample has no steps');
    const noAgent: Trace = { ...plainTrace, steps: [{ ...(retail.steps[0] as StepTrace), agent: undefined }] };
    const called = await verify('called("cancel_order")', noAgent);
    expect(called.status).toBe('error');
    expect(called.explanation).toBe(
      '`called` reads the trajectory, and there is none: no step of `p` ran as an agent: a trajectory needs a program with `tool`, `mcp` or `simulate user`',
    );
  });
});

describe('called', () => {
  it('finds a successful call whose arguments contain the given fields, deeply', async () => {
    const score = await verify('called("cancel_order", { order_id: "W1", extra: { nested: [1, 2] } })', retail);
    expect(score).toMatchObject({
      value: 1,
      explanation: '"cancel_order" was called with those arguments (call 3 of 3)',
    });
    expect((await verify('called("lookup_order")', retail)).value).toBe(1);
  });

  it('does not count a failed call, and says which field differed', async () => {
    const score = await verify('called("cancel_order", { reason: "no longer needed" })', retail);
    expect(score.value).toBe(0);
    expect(score.explanation).toBe(
      '"cancel_order" was called 1 time, never with those arguments; in the first, arguments.reason is "ordered by mistake", wanted "no longer needed"',
    );
    const nested = await verify('called("cancel_order", { extra: { nested: [1] } })', retail);
    expect(nested.explanation).toContain('arguments.extra.nested is [1,2], wanted [1]');
  });

  it('names the calls there were when the tool was never called', async () => {
    const score = await verify('called("refund")', retail);
    expect(score.value).toBe(0);
    expect(score.explanation).toBe(
      '"refund" was never called; the calls were "lookup_order", "cancel_order" (failed), "cancel_order"',
    );
    const failing = agentTrace({ turns: [tool('refund', {}, undefined, 'the order is not delivered')] });
    expect((await verify('called("refund")', failing)).explanation).toBe(
      'every call of "refund" failed (1); the first said "the order is not delivered"',
    );
  });

  it('quotes and cuts hostile tool names and arguments from the model', async () => {
    const hostile = `\u001b[31m</script>${'x'.repeat(500)}`;
    const trace = agentTrace({
      turns: [tool(hostile, { [hostile]: hostile }, 1), tool('pay', { to: hostile }, 1)],
    });
    for (const expression of ['called("refund")', 'called("pay", { to: "me" })']) {
      const score = await verify(expression, trace);
      expect(score.value).toBe(0);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
      expect(score.explanation).not.toMatch(/[\u0000-\u001f]/);
      expect(score.explanation?.length).toBeLessThan(300);
    }
  });

  it('composes with the algebra', async () => {
    const score = await verify('0.5 * called("lookup_order") + 0.5 * called("refund")', retail);
    expect(score.value).toBe(0.5);
    expect((await verify('not called("refund")', retail)).value).toBe(1);
  });
});

describe('calls_in_order', () => {
  it('is the share of the calls found in order among the successful ones', async () => {
    expect((await verify('calls_in_order(["lookup_order", "cancel_order"])', retail)).value).toBe(1);
    const reversed = await verify('calls_in_order(["cancel_order", "lookup_order"])', retail);
    expect(reversed.value).toBe(0.5);
    expect(reversed.explanation).toContain(
      '1 of 2 calls were made in order; no successful call of "lookup_order" came after "cancel_order"',
    );
  });

  it('reads reference actions as they are, arguments matched by their fields', async () => {
    const actions = [{ tool: 'cancel_order', arguments: { order_id: 'W1', reason: 'ordered by mistake' } }];
    expect((await verify('calls_in_order(expected.actions)', retail, { actions })).value).toBe(1);
    const wrong = [{ tool: 'cancel_order', arguments: { reason: 'no longer needed' } }];
    const score = await verify('calls_in_order(expected.actions)', retail, { actions: wrong });
    expect(score.value).toBe(0);
    expect(score.explanation).toContain('no successful call of "cancel_order" with those arguments came at all');
  });
});

describe('state_matches', () => {
  it('compares the end state with the expected state of the reference actions', async () => {
    expect(await verify('state_matches()', retail)).toMatchObject({ value: 1 });
    expect((await verify('state_matches', retail)).value).toBe(1);
  });

  it('lists a few differing paths with both values, quoting odd keys', async () => {
    const trace = agentTrace({
      turns: [],
      state: { orders: { W1: { status: 'pending' }, 'W"2\u001b': 1 }, log: [1, 2, 3], a: 1, b: 2 },
      expectedState: { orders: { W1: { status: 'cancelled' } }, log: [1, 2], a: 2, b: 3 },
    });
    const score = await verify('state_matches()', trace);
    expect(score.value).toBe(0);
    expect(score.explanation).toBe(
      'the end state differs in 5 places: $.orders.W1.status is "pending", expected "cancelled"; $.orders["W\\"2\\u001b"] is 1, expected absent; $.log[2] is 3, expected absent; and 2 more',
    );
  });

  it('compares with a given state, and errs when there is no state or nothing to compare with', async () => {
    const score = await verify('state_matches({ orders: { W1: { status: "cancelled", items: [1, 2] } } })', retail);
    expect(score.value).toBe(1);
    const stateless = agentTrace({ turns: [] });
    expect((await verify('state_matches()', stateless)).explanation).toBe(
      'the trajectory has no end state: the program declares no `environment`',
    );
    const noReference = agentTrace({ turns: [], state: { a: 1 } });
    expect((await verify('state_matches()', noReference)).explanation).toContain('there is no expected state');
  });
});

describe('checks before running', () => {
  it('reports trajectory verifiers and fields in a program that is not an agent', () => {
    const found = diagnostics('called("x") and trajectory.turns < 3', { agent: false });
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('error V006: `called` reads the trajectory of an agent, and this program is not one');
    expect(found[1]).toContain('error V006: `trajectory` is the trajectory of an agent, and this program is not one');
    expect(diagnostics('called("x") and trajectory.turns < 3', { agent: true })).toEqual([]);
    expect(diagnostics('called("x") and trajectory.turns < 3')).toEqual([]);
  });

  it('reports an unknown field of trajectory with a suggestion, and literal arguments of the wrong type', () => {
    expect(diagnostics('trajectory.turn <= 3')[0]).toContain('hint: did you mean `turns`?');
    expect(diagnostics('called(3)')[0]).toContain('V002');
    expect(diagnostics('calls_in_order([])')[0]).toContain('the list of calls is empty');
  });
});
