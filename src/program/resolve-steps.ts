import type { HistoryItem, ItemNode, MessageItem, PromptText, StepItem, TemplatePart, TypeNode } from '../lang/ast.js';
import { literalValue } from '../lang/ast.js';
import type { SourceSpan } from '../lang/source-span.js';
import { suggest } from '../lang/suggest.js';
import type { ScopeValue } from '../verifiers/check-expression.js';
import type {
  ArgumentValue,
  InputDeclaration,
  MessageTemplate,
  OutputDeclaration,
  Program,
  StepDeclaration,
} from './program.js';
import { promptFileParts } from './prompt-file.js';
import { type DiagnosticSink, listNames, type ResolveContext } from './resolve-context.js';
import { describeType, valueHasType } from './type-schema.js';

/** A program's steps, resolved. */
export interface ResolvedSteps {
  readonly steps: readonly StepDeclaration[];
  /** Each step's name and output type (absent for text), for checking expressions that read them. */
  readonly scope: readonly ScopeValue[];
  /** The output type of the last step when it calls a program and the program declares none. */
  readonly inheritedOutput?: OutputDeclaration;
}

const textType: TypeNode = { kind: 'primitive', name: 'string', span: { start: 0, end: 0 } };

/** The template of a prompt text: written in place, or read from its file (already read into the context). */
export function promptParts(
  text: PromptText,
  context: ResolveContext,
  sink: DiagnosticSink,
): readonly TemplatePart[] | undefined {
  if (text.kind === 'inline') return text.parts;
  const file = context.files?.get(text.path.value);
  if (!file?.ok) {
    sink.error(
      file?.code ?? 'R035',
      `cannot read the prompt file "${text.path.value}": ${file && !file.ok ? file.reason : 'it was not read'}`,
      text.path.span,
      file?.hint ?? 'the path is relative to this .prog file',
    );
    return undefined;
  }
  const parsed = promptFileParts(file.text, text.path.span);
  if (!parsed.ok) {
    sink.error('R036', `"${text.path.value}", line ${parsed.line}: ${parsed.problem}`, text.path.span, parsed.hint);
    return undefined;
  }
  return parsed.parts;
}

/** The type found at a path below a type, or a problem naming the missing field. */
function typeAtPath(
  type: TypeNode,
  path: readonly string[],
): { type: TypeNode } | { missing: string; fields: string[] } | { notObject: string } {
  let current = type;
  for (const key of path) {
    if (current.kind !== 'object') return { notObject: key };
    const field = current.fields.find((candidate) => candidate.name.name === key);
    if (!field) return { missing: key, fields: current.fields.map((candidate) => candidate.name.name) };
    current = field.type;
  }
  return { type: current };
}

/** Whether every value of `source` is a value of `target`. */
export function assignable(source: TypeNode, target: TypeNode): boolean {
  switch (target.kind) {
    case 'primitive':
      if (source.kind === 'primitive') {
        return source.name === target.name || (target.name === 'number' && source.name === 'integer');
      }
      return target.name === 'string' && source.kind === 'enum';
    case 'enum':
      return source.kind === 'enum' && source.values.every((value) => target.values.includes(value));
    case 'array':
      return source.kind === 'array' && assignable(source.element, target.element);
    case 'object':
      return (
        source.kind === 'object' &&
        target.fields.every((field) => {
          const given = source.fields.find((candidate) => candidate.name.name === field.name.name);
          return given ? (!given.optional || field.optional) && assignable(given.type, field.type) : field.optional;
        }) &&
        source.fields.every((field) => target.fields.some((candidate) => candidate.name.name === field.name.name))
      );
    default:
      return target satisfies never;
  }
}

/**
 * Resolves the `system` message and the steps (`prompt` is a step named `main`), in source order: every
 * interpolation names an input or an earlier step, every called program was imported, and every argument has
 * the type of the input it fills.
 */
export function resolveSteps(
  items: readonly ItemNode[],
  inputs: readonly InputDeclaration[],
  output: TypeNode | undefined,
  context: ResolveContext,
  sink: DiagnosticSink,
  programSpan: SourceSpan,
): ResolvedSteps {
  const messageItems = items.filter((item): item is MessageItem => item.kind === 'message');
  const systems = messageItems.filter((item) => item.role === 'system');
  for (const extra of systems.slice(1)) {
    sink.error('R018', 'a program has one `system`', extra.span, 'join the texts into one `system` block');
  }
  const stepItems = items.filter(
    (item): item is MessageItem | StepItem => (item.kind === 'message' && item.role === 'user') || item.kind === 'step',
  );
  const simulateItem = items.find((item) => item.kind === 'simulate-user');
  if (simulateItem) {
    for (const item of stepItems) {
      sink.error(
        'R050',
        `a program with a simulated user has no ${item.kind === 'step' ? '`step`' : '`prompt`'}: the simulated user speaks first`,
        { start: item.span.start, end: item.span.start + (item.kind === 'step' ? 4 : 6) },
        'remove it; put what the user should ask in the instructions of `simulate user`',
      );
    }
  } else if (stepItems.length === 0) {
    sink.error(
      'R008',
      'the program has no `prompt`',
      { start: programSpan.start, end: programSpan.start + 7 },
      'add `prompt """ … """`, or steps such as `step answer = """ … """`',
    );
  }
  const inputNames = inputs.map((input) => input.name);
  const known = new Map<string, TypeNode>(inputs.map((input) => [input.name, input.type]));
  const laterSteps = new Set(stepItems.map((item) => (item.kind === 'step' ? item.name.name : 'main')));

  const checkParts = (parts: readonly TemplatePart[], where: string) => {
    for (const part of parts) {
      if (part.kind !== 'interpolation') continue;
      const [root, ...rest] = part.path;
      if (root === undefined) continue;
      const type = known.get(root);
      if (!type) {
        if (laterSteps.has(root)) {
          sink.error(
            'R025',
            `step \`${root}\` is used ${where} before it runs`,
            part.span,
            'a step reads the inputs and the steps above it',
          );
          continue;
        }
        const names = [...known.keys()];
        const guess = suggest(root, names);
        sink.error(
          'R001',
          `unknown input \`${root}\` ${where}`,
          part.span,
          guess
            ? `did you mean \`${guess}\`?`
            : `declare it with \`input ${root}: string\`${names.length ? `, or use one of ${listNames(names)}` : ''}`,
        );
        continue;
      }
      const found = typeAtPath(type, rest);
      if ('missing' in found) {
        const guess = suggest(found.missing, found.fields);
        sink.error(
          'R001',
          `\`${part.path.join('.')}\` has no field \`${found.missing}\``,
          part.span,
          guess ? `did you mean \`${guess}\`?` : `its fields are ${listNames(found.fields)}`,
        );
      } else if ('notObject' in found) {
        sink.error('R001', `\`${part.path.join('.')}\`: \`${root}\` has no fields`, part.span);
      }
    }
  };

  const system = systems[0];
  let systemParts: readonly TemplatePart[] | undefined;
  if (system) {
    systemParts = promptParts(system.text, context, sink);
    if (systemParts) checkParts(systemParts, 'in the system message');
  }

  // History messages: templates over the inputs, like the system message, in the order written.
  const history: MessageTemplate[] = [];
  for (const item of items) {
    if (item.kind !== 'history') continue;
    const parts = promptParts((item as HistoryItem).text, context, sink);
    if (!parts) continue;
    checkParts(parts, `in the \`${item.role}\` message`);
    history.push({ role: item.role, parts });
  }
  const leading: MessageTemplate[] = [
    ...(systemParts ? [{ role: 'system' as const, parts: systemParts }] : []),
    ...history,
  ];

  const steps: StepDeclaration[] = [];
  const scope: ScopeValue[] = [];
  if (simulateItem) {
    // The conversation's first user message is the simulated user's: the step's messages are system and history.
    steps.push({ kind: 'prompt', name: 'main', messages: leading, span: simulateItem.span });
    scope.push({ name: 'main', ...(output ? { type: output } : {}) });
    return { steps, scope };
  }
  let inheritedOutput: OutputDeclaration | undefined;
  let promptSeen = false;
  stepItems.forEach((item, index) => {
    const last = index === stepItems.length - 1;
    const name = item.kind === 'step' ? item.name.name : 'main';
    const nameSpan = item.kind === 'step' ? item.name.span : item.span;
    laterSteps.delete(name);
    if (steps.some((step) => step.name === name) || known.has(name)) {
      // A step's name was claimed, and any clash reported, when the program's names were; the implicit name `main`
      // of a `prompt` was not, so only its clashes are reported here.
      if (item.kind === 'step' && !(name === 'main' && promptSeen)) return;
      const heldByInput = item.kind === 'message' && inputNames.includes(name);
      sink.error(
        'R020',
        heldByInput
          ? 'the `prompt` is the step named `main`, and an input has that name'
          : item.kind === 'message'
            ? 'a program has one `prompt` (a step named `main`)'
            : 'the name `main` is taken by the `prompt`',
        nameSpan,
        heldByInput
          ? 'rename the input'
          : item.kind === 'message'
            ? 'join the texts into one `prompt` block, or name the steps'
            : 'give the step another name',
      );
      return;
    }
    if (item.kind === 'message') promptSeen = true;
    if (item.kind === 'message' || item.body.kind === 'prompt') {
      const text = item.kind === 'message' ? item.text : (item.body as { text: PromptText }).text;
      const parts = promptParts(text, context, sink);
      if (parts) checkParts(parts, text.kind === 'file' ? `in "${text.path.value}"` : 'in the prompt');
      const messages: MessageTemplate[] = [...leading, { role: 'user', parts: parts ?? [] }];
      steps.push({ kind: 'prompt', name, messages, span: item.span });
      const type = last && output ? output : undefined;
      scope.push({ name, ...(type ? { type } : {}) });
      known.set(name, type ?? textType);
      return;
    }
    const body = item.body;
    const callee = context.programs?.get(body.callee.name);
    if (!callee) {
      if (!context.failedImports?.has(body.callee.name)) {
        const names = [...(context.programs?.keys() ?? [])];
        const guess = suggest(body.callee.name, names);
        sink.error(
          'R021',
          `unknown program \`${body.callee.name}\``,
          body.callee.span,
          guess
            ? `did you mean \`${guess}\`?`
            : `import it first: \`import { ${body.callee.name} } from "./${body.callee.name}.prog"\``,
        );
      }
      known.set(name, textType);
      scope.push({ name });
      return;
    }
    const args = resolveArguments(item, callee, known, sink);
    steps.push({ kind: 'call', name, program: callee, args, span: item.span });
    const type = callee.output?.type;
    scope.push({ name, ...(type ? { type } : {}) });
    known.set(name, type ?? textType);
    if (last) {
      if (!output) inheritedOutput = callee.output;
      else if (describeType(output) !== describeType(type ?? textType)) {
        sink.error(
          'R026',
          `the output is declared as ${describeType(output)}, but the last step returns ${describeType(type ?? textType)} (the output of \`${callee.name}\`)`,
          item.span,
          'declare the same output type as the called program, or end with a prompt step',
        );
      }
    }
  });
  return { steps, scope, ...(inheritedOutput ? { inheritedOutput } : {}) };
}

/** Matches a call's arguments to the called program's inputs and checks their types. */
function resolveArguments(
  item: StepItem,
  callee: Program,
  known: ReadonlyMap<string, TypeNode>,
  sink: DiagnosticSink,
): Record<string, ArgumentValue> {
  if (item.body.kind !== 'call') return {};
  const { args: written, callee: calleeName } = item.body;
  const parameters = callee.inputs;
  const signature = `${callee.name}(${parameters.map((input) => `${input.name}${'defaultValue' in input ? '?' : ''}`).join(', ')})`;
  // Arguments without a name are matched by position, so a type mismatch is often an argument in the wrong place.
  const orderHint = `its inputs are \`${signature}\`, in that order; name an argument to give it out of order (\`${parameters[0]?.name ?? 'name'}: …\`)`;
  const args: Record<string, ArgumentValue> = {};
  let position = 0;
  for (const argument of written) {
    let parameter: InputDeclaration | undefined;
    if (argument.name) {
      const argumentName = argument.name.name;
      parameter = parameters.find((input) => input.name === argumentName);
      if (!parameter) {
        const guess = suggest(
          argumentName,
          parameters.map((input) => input.name),
        );
        sink.error(
          'R022',
          `\`${callee.name}\` has no input \`${argumentName}\``,
          argument.name.span,
          guess ? `did you mean \`${guess}\`?` : `write \`${signature}\``,
        );
        continue;
      }
    } else {
      parameter = parameters[position++];
      if (!parameter) {
        sink.error(
          'R022',
          `\`${callee.name}\` takes ${parameters.length} input${parameters.length === 1 ? '' : 's'}, got more`,
          argument.span,
          `write \`${signature}\``,
        );
        continue;
      }
    }
    if (parameter.name in args) {
      sink.error(
        'R022',
        `the input \`${parameter.name}\` of \`${callee.name}\` is given twice`,
        argument.span,
        `give it once: arguments without a name take the inputs of \`${signature}\` in order`,
      );
      continue;
    }
    const value = argument.value;
    if (value.kind === 'literal') {
      const literal = literalValue(value.literal);
      if (!valueHasType(literal, parameter.type)) {
        sink.error(
          'R023',
          `\`${callee.name}\` expects \`${parameter.name}\` to be ${describeType(parameter.type)}, got ${JSON.stringify(literal)}`,
          value.span,
          orderHint,
        );
      }
      args[parameter.name] = { kind: 'literal', value: literal };
      continue;
    }
    const [root, ...rest] = value.path;
    const rootType = root === undefined ? undefined : known.get(root);
    if (!rootType) {
      const guess = suggest(root ?? '', [...known.keys()]);
      sink.error(
        'R001',
        `unknown name \`${root}\` in the call of \`${calleeName.name}\``,
        value.span,
        guess
          ? `did you mean \`${guess}\`?`
          : `an argument reads the inputs and earlier steps: ${listNames(known.keys())}`,
      );
      continue;
    }
    const found = typeAtPath(rootType, rest);
    if (!('type' in found)) {
      sink.error('R001', `\`${value.path.join('.')}\` names no field`, value.span);
      continue;
    }
    if (!assignable(found.type, parameter.type)) {
      sink.error(
        'R023',
        `\`${callee.name}\` expects \`${parameter.name}\` to be ${describeType(parameter.type)}, and \`${value.path.join('.')}\` is ${describeType(found.type)}`,
        value.span,
        orderHint,
      );
    }
    args[parameter.name] = { kind: 'path', path: value.path };
  }
  for (const parameter of parameters) {
    if (parameter.name in args || 'defaultValue' in parameter) continue;
    if (written.some((argument) => argument.name?.name === parameter.name)) continue;
    sink.error(
      'R024',
      `the call of \`${callee.name}\` does not give its input \`${parameter.name}\` (${describeType(parameter.type)})`,
      item.body.callee.span,
      `write \`${signature}\``,
    );
  }
  return args;
}
