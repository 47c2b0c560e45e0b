import type { ToolDefinition } from '../../../contracts/tool.js';

/** A small shop for testing simulated agents: orders that can be looked up and cancelled. */
export interface RetailStore {
  readonly orders: Record<string, { status: 'pending' | 'delivered' | 'cancelled'; reason?: string }>;
}

/** A fresh store: W1 and W2 pending, W3 delivered. */
export const createRetailStore = (): RetailStore => ({
  orders: { W1: { status: 'pending' }, W2: { status: 'pending' }, W3: { status: 'delivered' } },
});

const reasons = ['no longer needed', 'ordered by mistake'];

/** The store's tools as an interpreter is shown them. */
export const retailTools: readonly ToolDefinition[] = [
  {
    name: 'lookup_order',
    description: 'Look up an order by its id',
    parameters: {
      type: 'object',
      properties: { order_id: { type: 'string' } },
      required: ['order_id'],
      additionalProperties: false,
    },
  },
  {
    name: 'cancel_order',
    description: 'Cancel a pending order',
    parameters: {
      type: 'object',
      properties: { order_id: { type: 'string' }, reason: { type: 'string', enum: reasons } },
      required: ['order_id', 'reason'],
      additionalProperties: false,
    },
  },
  {
    name: 'list_orders',
    description: 'List the ids of all orders',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
  },
];

/** A tool's outcome: its result as JSON text, or an error message the agent reads. */
export type ToolOutcome =
  | { readonly ok: true; readonly content: string }
  | { readonly ok: false; readonly content: string };

/** Runs one call on the store as an engine would: arguments parsed and checked strictly, errors as messages. */
export function runRetailTool(store: RetailStore, name: string, argumentsText: string): ToolOutcome {
  const tool = retailTools.find((candidate) => candidate.name === name);
  if (!tool) return { ok: false, content: `unknown tool ${name}` };
  let args: unknown;
  try {
    args = JSON.parse(argumentsText);
  } catch {
    return { ok: false, content: 'the arguments are not JSON' };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return { ok: false, content: 'the arguments are not an object' };
  }
  const record = args as Record<string, unknown>;
  const properties = tool.parameters.properties as Record<string, { enum?: string[] }>;
  for (const key of Object.keys(record))
    if (!Object.hasOwn(properties, key)) return { ok: false, content: `unknown field ${key}` };
  for (const key of (tool.parameters.required as string[] | undefined) ?? []) {
    if (typeof record[key] !== 'string') return { ok: false, content: `${key}: expected a string` };
  }
  const reason = record.reason as string | undefined;
  if (reason !== undefined && !reasons.includes(reason))
    return { ok: false, content: `reason: expected one of ${reasons.join(', ')}` };
  if (name === 'list_orders') return { ok: true, content: JSON.stringify(Object.keys(store.orders)) };
  const order = store.orders[record.order_id as string];
  if (!order) return { ok: false, content: `no order ${String(record.order_id)}` };
  if (name === 'lookup_order') return { ok: true, content: JSON.stringify(order) };
  if (order.status !== 'pending') return { ok: false, content: `order ${String(record.order_id)} is ${order.status}` };
  order.status = 'cancelled';
  order.reason = reason as string;
  return { ok: true, content: JSON.stringify(order) };
}
