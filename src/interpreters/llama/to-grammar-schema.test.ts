import { describe, expect, it } from 'vitest';
import { toGrammarSchema } from './to-grammar-schema.js';

describe('toGrammarSchema', () => {
  it('keeps what the grammar enforces and drops annotations', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      description: 'an answer',
      properties: {
        answer: { type: 'string', enum: ['yes', 'no'], title: 'Answer' },
        when: { type: 'string', format: 'date' },
      },
      required: ['answer', 'when'],
      additionalProperties: false,
    };
    expect(toGrammarSchema(schema)).toEqual({
      schema: {
        type: 'object',
        properties: { answer: { type: 'string', enum: ['yes', 'no'] }, when: { type: 'string', format: 'date' } },
        required: ['answer', 'when'],
        additionalProperties: false,
      },
      unenforced: [],
    });
  });

  it('turns anyOf (zod unions) into oneOf, at any depth', () => {
    const schema = { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'null' }] } };
    expect(toGrammarSchema(schema).schema).toEqual({
      type: 'array',
      items: { oneOf: [{ type: 'string' }, { type: 'null' }] },
    });
  });

  it('lists the keywords the grammar would ignore, once each', () => {
    const schema = {
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email', pattern: '^\\S+@\\S+$' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        code: { type: 'string', pattern: '^[A-Z]+$' },
      },
    };
    const result = toGrammarSchema(schema);
    expect(result.unenforced).toEqual(['format: email', 'pattern', 'minimum', 'maximum']);
    expect(result.schema).toEqual({
      type: 'object',
      properties: { email: { type: 'string' }, age: { type: 'integer' }, code: { type: 'string' } },
    });
  });
});
