import { createHash } from 'node:crypto';
import type { InputDeclaration, MessageTemplate, SamplingPlan } from './program.js';

/** The hash of what an interpreter sees of a program; see `Program.hash`. */
export function programHash(
  name: string,
  inputs: readonly InputDeclaration[],
  messages: readonly MessageTemplate[],
  sampling: SamplingPlan,
): string {
  const parts = messages.map((message) => ({
    role: message.role,
    parts: message.parts.map((part) => (part.kind === 'text' ? part.text : { path: part.path })),
  }));
  const canonical = JSON.stringify({
    name,
    inputs: inputs.map((input) => ({
      name: input.name,
      type: input.type.kind === 'enum' ? input.type.values : input.type.name,
    })),
    messages: parts,
    settings: sampling.settings,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
