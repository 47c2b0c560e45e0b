/** Tools and an environment for the agent programs of the corpus: plain functions, and one export that is not. */
export function lookup_order(args: { order_id: string }, context: { state: { orders: Record<string, unknown> } }) {
  return context.state.orders[args.order_id] ?? 'no such order';
}

export function cancel_order(args: { order_id: string }, context: { state: { orders: Record<string, unknown> } }) {
  delete context.state.orders[args.order_id];
  return 'cancelled';
}

export function create_store() {
  return { orders: { W1: { status: 'pending' } } };
}

export const store_name = 'the corner shop';

/** A tool whose name interpreters refuse: tool names are ASCII. */
export function résumé(args: { order_id: string }) {
  return `order ${args.order_id}`;
}
