import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { SamplingSettings } from '../contracts/interpreter-call.js';
import type {
  CaseItem,
  CasesFromItem,
  DocumentNode,
  ExpectItem,
  ExpressionNode,
  ItemNode,
  JudgeItem,
  RequireItem,
  SampleItem,
  TypeNode,
} from '../lang/ast.js';
import { literalValue } from '../lang/ast.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import type { SourceSpan } from '../lang/source-span.js';
import { builtinVerifiers } from '../verifiers/builtins.js';
import { checkExpression } from '../verifiers/check-expression.js';
import { checkReferenceActions } from './check-reference-actions.js';
import { lintWeights } from './lint-weights.js';
import type { InputDeclaration, OutputDeclaration, Program, SamplingPlan } from './program.js';
import { programHash } from './program-hash.js';
import { resolveAgent } from './resolve-agent.js';
import { resolveCases } from './resolve-cases.js';
import { DiagnosticSink, type ResolveContext } from './resolve-context.js';
import { resolveExpectations } from './resolve-expectations.js';
import { resolveJudges } from './resolve-judges.js';
import { resolveSteps } from './resolve-steps.js';
import { applySamplingSetting, checkSeed } from './sampling-setting.js';
import { describeType, typeSchema, valueHasType } from './type-schema.js';

/** The items that make a program an agent: reading its trajectory in `verify` needs one of them. */
const agentItemKinds: ReadonlySet<string> = new Set(['tool', 'mcp', 'environment', 'agent', 'simulate-user']);
/** What resolving gives: the program when it has no errors, and every diagnostic found. */
export interface ResolveResult {
  readonly program?: Program;
  readonly diagnostics: readonly Diagnostic[];
}

/** Items that may appear at most once in a program. */
const singleItems = {
  model: 'model',
  output: 'output',
  verify: 'verify',
  'pass-when': 'pass when',
  sample: 'sample',
  environment: 'environment',
  agent: 'agent',
  'simulate-user': 'simulate user',
  budget: 'budget',
  sequential: 'sequential',
} as const;

/** Names a program cannot give to an input, a step, a judge or an import: the verifier reads them. */
/** Names a verifier reads with a meaning of their own, so no input, step, judge or import may take them. */
export const reservedNames = ['output', 'expected', 'steps', 'score'] as const;

/**
 * Resolves a parsed document into a runnable program in one pass: checks every name, type and count, and
 * collects every diagnostic rather than stopping at the first. Files the program reads and what it imports come
 * from `context` (see `loadProgram`); resolving reads nothing itself.
 */
export function resolveProgram(
  document: DocumentNode,
  source: string,
  file: string,
  context: ResolveContext = {},
): ResolveResult {
  const sink = new DiagnosticSink(file);
  const { program } = document;
  const items = program.items;

  const seen = new Map<string, ItemNode>();
  for (const item of items) {
    if (!(item.kind in singleItems)) continue;
    const keyword = singleItems[item.kind as keyof typeof singleItems];
    if (seen.has(item.kind))
      sink.error('R007', `\`${keyword}\` is given twice`, item.span, `keep one \`${keyword}\` line`);
    else seen.set(item.kind, item);
  }

  // One namespace for inputs, steps, judges and imports: each name means one thing in prompts and verifiers.
  const taken = new Map<string, string>();
  const claim = (name: string, what: string, span: { start: number; end: number }) => {
    if ((reservedNames as readonly string[]).includes(name)) {
      sink.error('R020', `\`${name}\` is a reserved name and cannot name ${what}`, span, 'choose another name');
      return false;
    }
    const holder = taken.get(name);
    if (holder) {
      sink.error(
        'R020',
        `the name \`${name}\` is already taken by ${holder}`,
        span,
        `give each ${what.replace(/^an? /, '')} its own name`,
      );
      return false;
    }
    taken.set(name, what);
    return true;
  };
  for (const importItem of document.imports) {
    for (const name of importItem.names) claim(name.name, 'an import', name.span);
  }

  const inputs: InputDeclaration[] = [];
  for (const item of items) {
    if (item.kind !== 'input') continue;
    if (inputs.some((input) => input.name === item.name.name)) {
      sink.error(
        'R006',
        `input \`${item.name.name}\` is declared twice`,
        item.name.span,
        'give each input its own name',
      );
      continue;
    }
    if (!claim(item.name.name, 'an input', item.name.span)) continue;
    const defaultValue = item.defaultValue ? literalValue(item.defaultValue) : undefined;
    if (item.defaultValue && !valueHasType(defaultValue, item.type)) {
      sink.error(
        'R017',
        `the default of \`${item.name.name}\` is not a ${describeType(item.type)}`,
        item.defaultValue.span,
      );
    }
    inputs.push({ name: item.name.name, type: item.type, ...(item.defaultValue ? { defaultValue } : {}) });
  }
  for (const item of items) {
    if (item.kind === 'step') claim(item.name.name, 'a step', item.name.span);
    if (item.kind === 'judge') claim(item.name.name, 'a judge', item.name.span);
  }

  const resolvedAgent = resolveAgent(
    items,
    inputs.map((input) => input.name),
    context,
    context.folder ?? dirname(resolve(file)),
    sink,
  );

  const outputItem = items.find((item) => item.kind === 'output');
  const declaredOutput = outputItem && !isText(outputItem.type) ? outputItem.type : undefined;
  const resolvedSteps = resolveSteps(items, inputs, declaredOutput, context, sink, program.span);
  const output = declaredOutput ? outputDeclaration(declaredOutput) : resolvedSteps.inheritedOutput;

  const judgeItems = items.filter((item): item is JudgeItem => item.kind === 'judge');
  const judges = resolveJudges(
    judgeItems,
    inputs.map((input) => input.name),
    context,
    sink,
  );
  for (const judge of judgeItems) {
    if (builtinVerifiers.has(judge.name.name) || context.verifiers?.has(judge.name.name)) {
      sink.error(
        'R020',
        `the judge \`${judge.name.name}\` has the name of a verifier`,
        judge.name.span,
        'rename the judge',
      );
    }
  }

  const verifyItem = items.find((item) => item.kind === 'verify');
  const requireItems = items.filter((item): item is RequireItem => item.kind === 'require');
  let usesExpected = false;
  if (!verifyItem) {
    sink.error(
      'R015',
      `program \`${program.name.name}\` has no verifier`,
      program.name.span,
      'add a line such as `verify exact(expected)`',
    );
  }
  // A tool is not a verifier: its calls are checked by `called(…)`. Said once here, not again as an unknown verifier.
  const toolNames = new Set(resolvedAgent.toolNames);
  const notVerifiers = new Set([...(context.failedImports ?? []), ...toolNames]);
  for (const expression of [
    ...requireItems.map((item) => item.expression),
    ...(verifyItem ? [verifyItem.expression] : []),
  ]) {
    for (const use of toolUses(expression, toolNames)) {
      sink.error(
        'R049',
        `\`${use.name}\` is a tool, not a verifier`,
        use.span,
        `to check that the agent called it, write \`called("${use.name}")\``,
      );
    }
    const check = checkExpression(
      expression,
      {
        inputs,
        steps: resolvedSteps.scope,
        ...(output ? { output: output.type } : {}),
        ...(context.verifiers ? { verifiers: context.verifiers } : {}),
        judges: judges.map((judge) => judge.name),
        ...(notVerifiers.size > 0 ? { failedImports: notVerifiers } : {}),
        agent: items.some((item) => agentItemKinds.has(item.kind)),
      },
      file,
    );
    sink.diagnostics.push(...check.diagnostics);
    usesExpected ||= check.usesExpected;
    lintWeights(expression, sink);
  }

  const caseItems = items.filter(
    (item): item is CaseItem | CasesFromItem => item.kind === 'case' || item.kind === 'cases-from',
  );
  const cases = resolveCases(caseItems, inputs, usesExpected, context, sink);
  if (resolvedAgent.agent) {
    const written = caseItems.filter((item): item is CaseItem => item.kind === 'case');
    checkReferenceActions(cases, written, resolvedAgent.agent, sink);
  }
  if (caseItems.length === 0) {
    sink.error(
      'R009',
      `program \`${program.name.name}\` has no cases to run`,
      program.name.span,
      'add a case such as `case "first" { … } -> "expected"`, or `cases from "./cases.jsonl"`',
    );
  }

  const sampling = resolveSampling(
    items.find((item) => item.kind === 'sample'),
    sink,
  );
  const expectations = resolveExpectations(
    items.filter((item): item is ExpectItem => item.kind === 'expect'),
    sampling.samples,
    source,
    sink,
  );
  for (const item of items) {
    if (item.kind !== 'case' || item.expectations.length === 0) continue;
    expectations.push(...resolveExpectations(item.expectations, sampling.samples, source, sink, item.id.value));
  }

  const passWhen = items.find((item) => item.kind === 'pass-when');
  if (passWhen && !(passWhen.threshold >= 0 && passWhen.threshold <= 1)) {
    sink.error(
      'R037',
      `a score lies in [0, 1], so \`score ${passWhen.operator} ${passWhen.threshold}\` cannot be meant`,
      passWhen.span,
      'write a threshold between 0 and 1',
    );
  }
  const budgetItem = items.find((item) => item.kind === 'budget');
  if (budgetItem && !(budgetItem.dollars > 0 && Number.isFinite(budgetItem.dollars))) {
    sink.error(
      'R053',
      `a budget of ${budgetItem.dollars} dollars lets no call run`,
      budgetItem.span,
      'write the dollars the run may spend, more than 0, such as `budget 0.50`',
    );
  }
  const sequentialItem = items.find((item) => item.kind === 'sequential');
  const errorRate = sequentialItem?.errorRate;
  if (sequentialItem && errorRate !== undefined && !(errorRate > 0 && errorRate < 1)) {
    sink.error(
      'R054',
      `an error rate of ${errorRate} is not a chance of a wrong decision`,
      sequentialItem.errorSpan ?? sequentialItem.span,
      errorRate > 1 && errorRate < 100
        ? `an error rate is a fraction, not a percentage: \`sequential error ${Number((errorRate / 100).toPrecision(6))}\``
        : 'write a number between 0 and 1, both excluded, such as `sequential error 0.05`',
    );
  }
  if (sink.errorCount > 0 || !verifyItem) return { diagnostics: sink.diagnostics };
  const modelItem = items.find((item) => item.kind === 'model');
  const firstPrompt = resolvedSteps.steps.find((step) => step.kind === 'prompt');
  return {
    diagnostics: sink.diagnostics,
    program: {
      file,
      source,
      name: program.name.name,
      ...(program.description !== undefined ? { description: program.description } : {}),
      ...(modelItem ? { defaultInterpreter: modelItem.interpreterId } : {}),
      interpreterNames: interpreterNamesIn(items),
      inputs,
      messages: firstPrompt?.kind === 'prompt' ? firstPrompt.messages : [],
      steps: resolvedSteps.steps,
      ...(output ? { output } : {}),
      ...(resolvedAgent.agent ? { agent: resolvedAgent.agent } : {}),
      verify: { expression: verifyItem.expression, requires: requireItems.map((item) => item.expression) },
      verifiers: context.verifiers ?? new Map(),
      passWhen: passWhen
        ? { operator: passWhen.operator, threshold: passWhen.threshold }
        : { operator: '>=', threshold: 1 },
      cases,
      sampling,
      ...(budgetItem ? { budget: budgetItem.dollars } : {}),
      ...(sequentialItem ? { sequential: errorRate !== undefined ? { errorRate } : {} } : {}),
      expectations,
      judges,
      hash: programHash(program.name.name, inputs, resolvedSteps.steps, sampling, output?.type, resolvedAgent.agent),
    },
  };
}

/** Where an expression calls or reads a name in `names`, in source order. */
function toolUses(expression: ExpressionNode, names: ReadonlySet<string>): { name: string; span: SourceSpan }[] {
  if (names.size === 0) return [];
  const found: { name: string; span: SourceSpan }[] = [];
  const pending: ExpressionNode[] = [expression];
  for (let node = pending.pop(); node; node = pending.pop()) {
    switch (node.kind) {
      case 'call':
        if (names.has(node.callee.name)) found.push({ name: node.callee.name, span: node.callee.span });
        pending.push(...[...node.args].reverse());
        break;
      case 'name':
        if (names.has(node.name)) found.push({ name: node.name, span: node.span });
        break;
      case 'member':
        pending.push(node.object);
        break;
      case 'not':
      case 'negate':
        pending.push(node.operand);
        break;
      case 'binary':
        pending.push(node.right, node.left);
        break;
      case 'literal':
        break;
      default:
        node satisfies never;
    }
  }
  return found;
}

const isText = (type: TypeNode) => type.kind === 'primitive' && type.name === 'string';

/** A typed output: its schema, and the JSON Schema sent to interpreters that take one (objects and arrays). */
function outputDeclaration(type: TypeNode): OutputDeclaration {
  const schema = typeSchema(type);
  const structured = type.kind === 'object' || type.kind === 'array';
  return { type, schema, ...(structured ? { jsonSchema: z.toJSONSchema(schema) as Record<string, unknown> } : {}) };
}

/** The most samples a program draws per case: each is planned, stored and summarised in memory. */
const maxSamples = 1_000_000;

function resolveSampling(item: SampleItem | undefined, sink: DiagnosticSink): SamplingPlan {
  if (!item) return { samples: 1, seed: 0, settings: {} };
  if (item.count.value < 1) sink.error('R016', 'the sample count must be at least 1', item.count.span);
  if (item.count.value > maxSamples) {
    sink.error(
      'R016',
      `the sample count must be at most ${maxSamples.toLocaleString('en-US')} per case`,
      item.count.span,
      'every sample is planned, stored and summarised: spread more draws over several runs and `informal merge` them',
    );
  }
  let seed = 0;
  const settings: { temperature?: number; topP?: number; maxTokens?: number } = {};
  const given = new Set<string>();
  for (const setting of item.settings) {
    if (given.has(setting.name)) sink.error('R007', `\`${setting.name}\` is given twice`, setting.span);
    given.add(setting.name);
    if (applySamplingSetting(setting, settings, sink)) continue;
    seed = checkSeed(setting, sink);
  }
  return { samples: item.count.value, seed, settings: settings satisfies SamplingSettings };
}

/** The interpreter names the items write, where they are written: `model`, and each judge's and simulated user's. */
function interpreterNamesIn(items: readonly ItemNode[]): { name: string; span: SourceSpan }[] {
  const named: { name: string; span: SourceSpan }[] = [];
  for (const item of items) {
    if (item.kind === 'model') named.push({ name: item.interpreterId, span: item.span });
    if (item.kind === 'judge' || item.kind === 'simulate-user') {
      for (const setting of item.settings) {
        if (setting.name === 'model') named.push({ name: setting.value, span: setting.span });
      }
    }
  }
  return named;
}
