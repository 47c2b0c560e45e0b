import { describe, expect, it } from 'vitest';
import { verifyExpression as verify } from './testing/verify-expression.js';

const schema = `{ type: "object", properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } }, required: ["name"] }`;

describe('json', () => {
  it('accepts valid JSON, in a code fence unless strict, and typed outputs', async () => {
    expect((await verify('json', '{"a": [1, 2]}')).value).toBe(1);
    expect((await verify('json', '```json\n{"a": 1}\n```')).value).toBe(1);
    expect((await verify('json({ strict: true })', '```json\n{"a": 1}\n```')).value).toBe(0);
    expect((await verify('json', { already: 'parsed' })).value).toBe(1);
    expect((await verify('json', '{"name": "Zoë 😀"}')).value).toBe(1);
  });

  it('explains invalid JSON, empty output included', async () => {
    expect((await verify('json', '')).value).toBe(0);
    const broken = await verify('json', '{"a": 1,}');
    expect(broken.value).toBe(0);
    expect(broken.explanation).toContain('is not JSON');
  });

  it('reads a very large document in linear time', async () => {
    const large = JSON.stringify(Array.from({ length: 60_000 }, (_, index) => ({ index, name: `item ${index}` })));
    expect(large.length).toBeGreaterThan(1_000_000);
    expect((await verify('json', large)).value).toBe(1);
  });
});

describe('json_schema', () => {
  it('checks a JSON Schema written as an object literal', async () => {
    expect((await verify(`json_schema(${schema})`, '{"name": "Ada", "age": 36}')).value).toBe(1);
    const wrong = await verify(`json_schema(${schema})`, '{"age": -1}');
    expect(wrong.value).toBe(0);
    expect(wrong.explanation).toMatch(/^does not match the schema: name: .*; age: Too small/);
    expect((await verify(`json_schema(${schema})`, '')).value).toBe(0);
    expect((await verify(`json_schema(${schema})`, { name: 'Ünï' })).value).toBe(1);
  });

  it('supports enums, arrays and local references', async () => {
    const list = `{ type: "array", items: { enum: ["low", "high"] }, maxItems: 2 }`;
    expect((await verify(`json_schema(${list})`, '["low", "high"]')).value).toBe(1);
    expect((await verify(`json_schema(${list})`, '["medium"]')).value).toBe(0);
    expect((await verify(`json_schema(${list})`, '["low", "low", "low"]')).value).toBe(0);
  });
});
