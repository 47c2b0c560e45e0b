/** The tools and environment of the agent programs of the corpus: a shop's orders, fresh for each sample. */
interface Store {
  orders: Record<string, { status: string }>;
}

export function create_store(_testCase: { inputs: Record<string, unknown> }, { seed }: { seed: number }): Store {
  return { orders: { W1: { status: 'pending' }, [`S${seed % 10}`]: { status: 'shipped' } } };
}

export function order_status(args: Record<string, unknown>, { state }: { state: Store }) {
  return state.orders[String(args.order_id)] ?? 'no such order';
}

export function cancel_order(args: Record<string, unknown>, { state }: { state: Store }) {
  const order = state.orders[String(args.order_id)];
  if (!order) throw new Error('no such order');
  if (order.status !== 'pending') throw new Error(`order ${String(args.order_id)} is ${order.status}`);
  order.status = 'cancelled';
  return 'cancelled';
}
