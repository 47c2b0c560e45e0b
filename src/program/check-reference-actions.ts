import type { CaseItem, LiteralNode } from '../lang/ast.js';
import type { SourceSpan } from '../lang/source-span.js';
import { suggest } from '../lang/suggest.js';
import type { AgentDeclaration, ProgramCase } from './program.js';
import type { DiagnosticSink } from './resolve-context.js';

/** The most problems reported for the actions of all cases: a file of cases with one mistake in each row stays readable. */
const problemLimit = 20;

/**
 * Checks the reference actions of an agent's cases (`expected.actions`, a list of `{ tool, arguments }`): each
 * names a tool of the agent, and a function tool's arguments pass its parameters' schema, so that the expected end
 * state can be computed by applying them. Tools of MCP servers are checked by name when the servers list them.
 */
export function checkReferenceActions(
  cases: readonly ProgramCase[],
  caseItems: readonly CaseItem[],
  agent: AgentDeclaration,
  sink: DiagnosticSink,
): void {
  // Where each case written in the program writes its actions, to point at them rather than at the whole case.
  const written = new Map<string, LiteralNode>();
  for (const item of caseItems) {
    const field =
      item.expected?.kind === 'object'
        ? item.expected.fields.find((entry) => entry.name.name === 'actions')
        : undefined;
    if (field && !written.has(item.id.value)) written.set(item.id.value, field.value);
  }
  const spanOf = (testCase: ProgramCase, index: number | undefined): SourceSpan => {
    const actions = testCase.origin ? undefined : written.get(testCase.id);
    if (!actions) return testCase.span;
    if (index === undefined || actions.kind !== 'array') return actions.span;
    return actions.items[index]?.span ?? actions.span;
  };
  const declared = new Map(agent.tools.map((tool) => [tool.name, tool]));
  const served = new Set(agent.mcpServers.flatMap((server) => server.tools ?? []));
  const openServer = agent.mcpServers.some((server) => server.tools === undefined);
  const names = [...declared.keys(), ...served];
  let problems = 0;
  const report = (testCase: ProgramCase, index: number | undefined, message: string, hint?: string) => {
    problems++;
    if (problems > problemLimit) return;
    const where = testCase.origin ? `case "${testCase.id}" (row ${testCase.origin.row})` : `case "${testCase.id}"`;
    const subject = index === undefined ? '`expected.actions`' : `action ${index + 1}`;
    sink.error('R052', `${where}: ${subject} ${message}`, spanOf(testCase, index), hint);
  };
  for (const testCase of cases) {
    const expected = testCase.expected;
    if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) continue;
    if (!Object.hasOwn(expected, 'actions')) continue;
    const actions = (expected as { actions?: unknown }).actions;
    if (!Array.isArray(actions)) {
      report(testCase, undefined, 'is not a list', 'write `actions: [{ tool: "…", arguments: { … } }, …]`');
      continue;
    }
    actions.forEach((action: unknown, index) => {
      const shape = action as { tool?: unknown; arguments?: unknown } | null;
      const argumentsValue = shape?.arguments;
      if (
        shape === null ||
        typeof shape !== 'object' ||
        typeof shape.tool !== 'string' ||
        argumentsValue === null ||
        typeof argumentsValue !== 'object' ||
        Array.isArray(argumentsValue)
      ) {
        report(testCase, index, 'is not `{ tool: "name", arguments: { … } }`');
        return;
      }
      const tool = declared.get(shape.tool);
      if (!tool) {
        if (served.has(shape.tool) || openServer) return;
        const guess = suggest(shape.tool, names);
        report(
          testCase,
          index,
          `names the tool \`${shape.tool}\`, which the program does not offer`,
          guess
            ? `did you mean \`${guess}\`?`
            : names.length > 0
              ? `its tools are ${names.map((name) => `\`${name}\``).join(', ')}`
              : undefined,
        );
        return;
      }
      const parsed = tool.schema.safeParse(argumentsValue);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue && issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : '';
        report(
          testCase,
          index,
          `has arguments that \`${shape.tool}\` refuses: ${path}${issue?.message ?? 'they do not match its parameters'}`,
          `its parameters are (${tool.parameters.map((parameter) => `${parameter.name}${'defaultValue' in parameter ? '?' : ''}`).join(', ')})`,
        );
      }
    });
  }
  if (problems > problemLimit) {
    sink.error('R052', `${problems - problemLimit} more actions have problems`, cases[0]?.span ?? { start: 0, end: 0 });
  }
}
