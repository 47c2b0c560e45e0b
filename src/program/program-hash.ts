import { createHash } from 'node:crypto';
import type { TypeNode } from '../lang/ast.js';
import type { InputDeclaration, MessageTemplate, SamplingPlan, StepDeclaration } from './program.js';
import { describeType } from './type-schema.js';

const canonicalMessages = (messages: readonly MessageTemplate[]) =>
  messages.map((message) => ({
    role: message.role,
    parts: message.parts.map((part) => (part.kind === 'text' ? part.text : { path: part.path })),
  }));

/**
 * The hash of what an interpreter sees of a program; see `Program.hash`. A program of one `prompt` hashes as it
 * always has (its seeds and cached samples stay valid); a program of several steps also hashes each step's name and
 * kind, and the hash of each program it calls.
 */
export function programHash(
  name: string,
  inputs: readonly InputDeclaration[],
  steps: readonly StepDeclaration[],
  sampling: SamplingPlan,
  output?: TypeNode,
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
  });
  return createHash('sha256').update(canonical).digest('hex');
}
