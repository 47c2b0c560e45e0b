import { z } from 'zod';
import type { ToolFunction } from '../contracts/tool-function.js';
import type { LiteralNode, McpItem, ToolItem, TypeField, TypeNode } from '../lang/ast.js';
import { literalValue } from '../lang/ast.js';
import type { SourceSpan } from '../lang/source-span.js';
import { suggest } from '../lang/suggest.js';
import type { InputDeclaration, McpServerDeclaration, Program, ToolDeclaration } from './program.js';
import { type DiagnosticSink, listNames, type ResolveContext } from './resolve-context.js';
import { describeType, typeSchema } from './type-schema.js';

/** The fields of an `mcp` item's object, in the order the hint lists them. */
const mcpFields = ['command', 'args', 'env', 'tools'] as const;

/** The tool names that interpreters' APIs accept. */
const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The tools and MCP servers of a program, resolved. */
export interface ResolvedTools {
  readonly tools: readonly ToolDeclaration[];
  readonly mcpServers: readonly McpServerDeclaration[];
  /** Every tool name the agent may call: declared tools, and the tools MCP servers list. */
  readonly names: readonly string[];
  /** Whether some MCP server offers all its tools, whose names are known only when it runs. */
  readonly openServer: boolean;
}

/** The parameters of a tool as an object type, from which its zod schema and JSON Schema are made. */
function parametersType(parameters: readonly InputDeclaration[], span: SourceSpan): TypeNode {
  return {
    kind: 'object',
    fields: parameters.map((parameter) => ({
      name: { name: parameter.name, span },
      optional: 'defaultValue' in parameter,
      type: parameter.type,
    })),
    span,
  };
}

/**
 * The schema that checks a tool's arguments (a strict object: unknown fields are refused) and the JSON Schema an
 * interpreter is shown, without `$schema`: a tool's parameters are a plain object schema.
 */
export function toolSchemas(
  parameters: readonly InputDeclaration[],
  span: SourceSpan,
): { schema: z.ZodType; jsonSchema: Record<string, unknown> } {
  const schema = typeSchema(parametersType(parameters, span));
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { schema, jsonSchema };
}

const fieldParameter = (field: TypeField): InputDeclaration => ({
  name: field.name.name,
  type: field.type,
  // A parameter that may be left out reads as an input with a default; its value is never used.
  ...(field.optional ? { defaultValue: undefined } : {}),
});

/** `name?: T` or `name: T`, as the parameter would be written. */
const describeParameter = (parameter: InputDeclaration) =>
  `${parameter.name}${'defaultValue' in parameter ? '?' : ''}: ${describeType(parameter.type)}`;

/** Checks that a program tool's written parameters are its inputs: the same names, types and optionality. */
function checkProgramParameters(item: ToolItem, program: Program, sink: DiagnosticSink): void {
  if (!item.parameters) return;
  const written = item.parameters.map(fieldParameter).map(describeParameter).join(', ');
  const inputs = program.inputs.map(describeParameter).join(', ');
  if (written === inputs) return;
  sink.error(
    'R044',
    `the parameters of tool \`${item.name.name}\` are not the inputs of the program \`${program.name}\``,
    item.parameters[0]?.name.span ?? item.name.span,
    `write \`tool ${item.name.name}(${inputs}) "…"\`, or leave the parameters out: a program tool takes its inputs`,
  );
}

/** Reads an `mcp` item's object: `command` required, `args` a list of strings, `env` strings, `tools` names. */
function resolveMcpServer(item: McpItem, folder: string, sink: DiagnosticSink): McpServerDeclaration | undefined {
  const where = `\`mcp ${item.name.name}\``;
  const errorCount = sink.errorCount;
  const given = new Map<string, LiteralNode>();
  const guesses = new Set<string>();
  for (const field of item.config.fields) {
    const name = field.name.name;
    if (!(mcpFields as readonly string[]).includes(name)) {
      const guess = suggest(name, mcpFields);
      if (guess) guesses.add(guess);
      sink.error(
        'R045',
        `${where} has no field \`${name}\``,
        field.name.span,
        guess ? `did you mean \`${guess}\`?` : `an MCP server takes ${listNames(mcpFields)}`,
      );
      continue;
    }
    if (given.has(name)) {
      sink.error('R007', `\`${name}\` is given twice`, field.name.span, `keep one \`${name}\``);
      continue;
    }
    given.set(name, field.value);
  }
  const command = given.get('command');
  // A misspelt `command` was reported with its correction: its absence is the same mistake.
  if (!command && !guesses.has('command')) {
    sink.error(
      'R045',
      `${where} has no \`command\``,
      item.name.span,
      'name the program that serves it: `{ command: "node", args: ["./server.mjs"] }`',
    );
  } else if (command && (command.kind !== 'string' || command.value.trim() === '')) {
    sink.error('R045', `the \`command\` of ${where} must be a string: the program to start`, command.span);
  }
  const stringList = (name: 'args' | 'tools', what: string): string[] | undefined => {
    const value = given.get(name);
    if (!value) return undefined;
    if (value.kind !== 'array' || value.items.some((entry) => entry.kind !== 'string')) {
      sink.error('R045', `the \`${name}\` of ${where} must be a list of strings: ${what}`, value.span);
      return undefined;
    }
    return value.items.map((entry) => literalValue(entry) as string);
  };
  const args = stringList('args', 'the arguments of the command, such as `["./server.mjs"]`') ?? [];
  const tools = stringList('tools', 'the names of the tools the agent may call');
  const toolsValue = given.get('tools');
  if (tools && toolsValue) {
    if (tools.length === 0) {
      sink.error(
        'R045',
        `the \`tools\` of ${where} lists no tool`,
        toolsValue.span,
        "leave `tools` out to offer all the server's tools",
      );
    }
    const seen = new Set<string>();
    for (const tool of tools) {
      if (!toolNamePattern.test(tool)) {
        sink.error(
          'R045',
          `${where} lists the tool ${JSON.stringify(tool)}, which is not a tool name`,
          toolsValue.span,
          'a tool name is 1 to 64 letters, digits, `_` or `-`',
        );
      } else if (seen.has(tool)) {
        sink.error('R042', `${where} lists the tool \`${tool}\` twice`, toolsValue.span);
      }
      seen.add(tool);
    }
  }
  const envValue = given.get('env');
  const env: Record<string, string> = {};
  if (envValue) {
    if (envValue.kind !== 'object' || envValue.fields.some((field) => field.value.kind !== 'string')) {
      sink.error(
        'R045',
        `the \`env\` of ${where} must be an object of strings: the variables added to the server's environment`,
        envValue.span,
        'such as `env: { UNITS: "metric" }`',
      );
    } else {
      for (const field of envValue.fields) env[field.name.name] = literalValue(field.value) as string;
    }
  }
  if (sink.errorCount > errorCount || command?.kind !== 'string') return undefined;
  return {
    name: item.name.name,
    command: command.value,
    args,
    env,
    cwd: folder,
    ...(tools ? { tools } : {}),
    span: item.span,
  };
}

/**
 * Resolves `tool` and `mcp` items. Each tool is implemented by the import of its name: a function of a TypeScript
 * module, or a program (whose inputs are its parameters). A tool that an MCP server lists needs no `tool` line.
 */
export function resolveTools(
  toolItems: readonly ToolItem[],
  mcpItems: readonly McpItem[],
  context: ResolveContext,
  folder: string,
  sink: DiagnosticSink,
): ResolvedTools {
  const mcpServers: McpServerDeclaration[] = [];
  /** Each MCP tool's server, by the tool's name. */
  const mcpTools = new Map<string, string>();
  for (const item of mcpItems) {
    if (mcpServers.some((server) => server.name === item.name.name)) {
      sink.error(
        'R042',
        `the MCP server \`${item.name.name}\` is declared twice`,
        item.name.span,
        'give each its own name',
      );
      continue;
    }
    const server = resolveMcpServer(item, folder, sink);
    if (!server) continue;
    mcpServers.push(server);
    for (const tool of server.tools ?? []) {
      const other = mcpTools.get(tool);
      if (other !== undefined && other !== server.name) {
        sink.error(
          'R042',
          `the tool \`${tool}\` is listed by the MCP servers \`${other}\` and \`${server.name}\``,
          item.span,
          'a tool name means one tool: list it under one server',
        );
      }
      mcpTools.set(tool, server.name);
    }
  }

  const tools: ToolDeclaration[] = [];
  const declared = new Set<string>();
  const imported = [...(context.functions?.keys() ?? []), ...(context.programs?.keys() ?? [])];
  for (const item of toolItems) {
    const name = item.name.name;
    if (declared.has(name)) {
      sink.error('R042', `the tool \`${name}\` is declared twice`, item.name.span, 'keep one `tool` line for it');
      continue;
    }
    declared.add(name);
    if (!toolNamePattern.test(name)) {
      sink.error(
        'R051',
        `the tool name \`${name}\` is not one interpreters accept`,
        item.name.span,
        'a tool name is 1 to 64 ASCII letters, digits, `_` or `-`: rename the export and the tool',
      );
      continue;
    }
    const server = mcpTools.get(name);
    const function_ = context.functions?.get(name);
    const program = context.programs?.get(name);
    if (server !== undefined) {
      if (function_ || program) {
        sink.error(
          'R042',
          `the tool \`${name}\` is imported and also listed by the MCP server \`${server}\``,
          item.name.span,
          "a tool name means one tool: rename the import, or remove it from the server's `tools`",
        );
      } else {
        sink.warning(
          'W002',
          `the tool \`${name}\` is served by the MCP server \`${server}\`: this line is not needed`,
          item.span,
          "its description and parameters are the server's; remove this line",
        );
      }
      continue;
    }
    if (context.failedImports?.has(name)) continue;
    if (function_) {
      if (typeof function_.value !== 'function') {
        sink.error(
          'R043',
          `the import \`${name}\` is not a function, so it cannot be a tool`,
          item.name.span,
          function_.value !== null && typeof function_.value === 'object' && 'score' in function_.value
            ? 'it is a verifier: a verifier scores in `verify`, a tool is a function the agent calls'
            : 'export a function `(args, { state, signal }) => result` under this name',
        );
        continue;
      }
      const parameters = (item.parameters ?? []).map(fieldParameter);
      tools.push({
        name,
        description: item.description.value,
        parameters,
        ...toolSchemas(parameters, item.name.span),
        implementation: {
          kind: 'function',
          run: function_.value as ToolFunction,
          module: function_.module,
        },
        span: item.span,
      });
      continue;
    }
    if (program) {
      checkProgramParameters(item, program, sink);
      tools.push({
        name,
        description: item.description.value,
        parameters: program.inputs,
        ...toolSchemas(program.inputs, item.name.span),
        implementation: { kind: 'program', program },
        span: item.span,
      });
      continue;
    }
    if (context.verifiers?.has(name)) {
      sink.error(
        'R043',
        `\`${name}\` is imported as a verifier, so it cannot be a tool`,
        item.name.span,
        'a verifier scores in `verify`; a tool is a function or a program the agent calls',
      );
      continue;
    }
    const guess = suggest(name, [...imported, ...mcpTools.keys()]);
    sink.error(
      'R041',
      `the tool \`${name}\` has no implementation`,
      item.name.span,
      guess
        ? `did you mean \`${guess}\`?`
        : `import it: \`import { ${name} } from "./tools.ts"\` (a function) or from a .prog file (a program)`,
    );
  }
  return {
    tools,
    mcpServers,
    names: [...tools.map((tool) => tool.name), ...mcpTools.keys()],
    openServer: mcpServers.some((server) => server.tools === undefined),
  };
}
