import { describe, expect, it } from 'vitest';
import { argumentsFromSchema, likelyValue, wrongArguments } from './sim-tool-arguments.js';

const schema = {
  type: 'object',
  properties: {
    order_id: { type: 'string' },
    reason: { type: 'string', enum: ['no longer needed', 'ordered by mistake'] },
    quantity: { type: 'integer' },
    note: { type: 'string' },
  },
  required: ['order_id', 'reason', 'quantity'],
};

describe("the simulated agent's arguments", () => {
  it("guesses the required fields from the schema and the user's words", () => {
    expect(argumentsFromSchema(schema, 'Cancel two of order #W17 please')).toEqual({
      order_id: 'W17',
      reason: 'no longer needed',
      quantity: 17,
    });
    expect(likelyValue('no digits here\nsecond line')).toBe('second line');
    expect(likelyValue(`${'a'.repeat(300)}7`)).toHaveLength(200);
  });

  it('keeps a field named __proto__ as data, never as the prototype', () => {
    const hostile = { type: 'object', properties: { __proto__: { type: 'string' } }, required: ['__proto__'] };
    const args = argumentsFromSchema(hostile, 'order W1');
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(JSON.stringify(args)).toBe('{"__proto__":"W1"}');
  });

  it('changes or leaves out exactly one field, and a changed value is never the right one', () => {
    const right = { order_id: 'W1', reason: 'ordered by mistake', quantity: 2 };
    for (let step = 0; step < 100; step++) {
      const draw = step / 100;
      const changed = JSON.parse(wrongArguments(right, schema, false, draw) as string) as Record<string, unknown>;
      const differing = Object.keys(right).filter((key) => changed[key] !== right[key as keyof typeof right]);
      expect(differing).toHaveLength(1);
      if (differing[0] === 'reason') expect(changed.reason).toBe('no longer needed');
      const missing = JSON.parse(wrongArguments(right, schema, true, draw) as string) as Record<string, unknown>;
      expect(Object.keys(missing)).toHaveLength(2);
    }
    expect(wrongArguments({}, schema, false, 0.5)).toBeUndefined();
    // A swap of two equal letters would change nothing: the value gets a letter more instead.
    expect(JSON.parse(wrongArguments({ note: 'aaaa' }, schema, false, 0.1) as string)).toEqual({ note: 'aaaas' });
  });
});
