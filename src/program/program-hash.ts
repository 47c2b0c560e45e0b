import { createHash } from 'node:crypto';
import type { TypeNode } from '../lang/ast.js';
import type { InputDeclaration, MessageTemplate, SamplingPlan } from './program.js';
import { describeType } from './type-schema.js';

/** The hash of what an interpreter sees of a program; see `Program.hash`. */
export function programHash(
  name: string,
  inputs: readonly InputDeclaration[],
  messages: readonly MessageTemplate[],
  sampling: SamplingPlan,
  output?: TypeNode,
): string {
  const parts = messages.map((message) => ({
    role: message.role,
    parts: message.parts.map((part) => (part.kind === 'text' ? part.text : { path: part.path })),
  }));
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
    messages: parts,
    settings: sampling.settings,
    ...(output ? { output: describeType(output) } : {}),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
