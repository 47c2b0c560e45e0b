import { createHash } from 'node:crypto';
import type { TypeNode } from '../lang/ast.js';
import type { AgentDeclaration, InputDeclaration, MessageTemplate, SamplingPlan, StepDeclaration } from './program.js';
import { describeType } from './type-schema.js';

const canonicalMessages = (messages: readonly MessageTemplate[]) =>
  messages.map((message) => ({
    role: message.role,
    parts: message.parts.map((part) => (part.kind === 'text' ? part.text : { path: part.path })),
  }));

/**
 * What an interpreter sees of an agent: each tool's name, description and JSON Schema, each MCP server's command and
 * tools, the loop's settings and the simulated user's interpreter, settings and instructions. Implementations (the
 * functions, the environment) do not enter it: changing a tool's code keeps the seeds and the cached turns.
 */
const canonicalAgent = (agent: AgentDeclaration) => ({
  tools: agent.tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.jsonSchema })),
  mcpServers: agent.mcpServers.map((server) => ({
    name: server.name,
    command: server.command,
    args: server.args,
    ...(server.tools ? { tools: server.tools } : {}),
  })),
  settings: agent.settings,
  ...(agent.simulatedUser
    ? {
        simulatedUser: {
          interpreter: agent.simulatedUser.interpreter ?? null,
          maxTurns: agent.simulatedUser.maxTurns,
          stop: agent.simulatedUser.stop,
          settings: agent.simulatedUser.settings,
          seed: agent.simulatedUser.seed ?? null,
          instructions: canonicalMessages([{ role: 'system', parts: agent.simulatedUser.instructions }])[0]?.parts,
        },
      }
    : {}),
});

/**
 * The hash of what an interpreter sees of a program; see `Program.hash`. A program of one `prompt` hashes as it
 * always has (its seeds and cached samples stay valid); a program of several steps also hashes each step's name and
 * kind, and the hash of each program it calls; an agent also hashes what the interpreter sees of it (see
 * `canonicalAgent`).
 */
export function programHash(
  name: string,
  inputs: readonly InputDeclaration[],
  steps: readonly StepDeclaration[],
  sampling: SamplingPlan,
  output?: TypeNode,
  agent?: AgentDeclaration,
): string {
  const [first] = steps;
  const single = steps.length === 1 && first?.kind === 'prompt' && first.name === 'main';
  const canonical = JSON.stringify({
    name,
    inputs: inputs.map((input) => ({
      name: input.name,
      type:
        input.type.kind === 'enum'
          ? input.type.values
          : input.type.kind === 'primitive'
            ? input.type.name
            : describeType(input.type),
    })),
    ...(single
      ? { messages: canonicalMessages(first.messages) }
      : {
          steps: steps.map((step) =>
            step.kind === 'prompt'
              ? { name: step.name, messages: canonicalMessages(step.messages) }
              : { name: step.name, program: step.program.hash, args: step.args },
          ),
        }),
    settings: sampling.settings,
    ...(output ? { output: describeType(output) } : {}),
    ...(agent ? { agent: canonicalAgent(agent) } : {}),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
