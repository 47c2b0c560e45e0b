import type { EnvironmentFactory, ToolFunction } from 'informal';
import { evaluateArithmetic } from './evaluate-arithmetic.js';
import { initialStore, toCents, toDollars } from './store-data.js';
import {
  checkItemsBelong,
  findOrder,
  findPaymentMethod,
  findProduct,
  findUser,
  oneOf,
  text,
  textList,
} from './store-lookups.js';
import type { Order, OrderItem, Refund, RetailStore } from './store-types.js';

// A small shop's support desk: the environment of `support.prog`. Every tool reads and changes only the sample's
// state; none touches a file or the network. Each checks the shop's rules and throws an Error that says what is
// wrong; the model reads it as a tool error and can recover.

type Tool = ToolFunction<RetailStore>;

/**
 * `environment create_store`: every case starts from the same shop (`store-data.ts`), fresh for each sample. The
 * seed changes nothing in the state: the same case gives the same store, so the expected end state is comparable.
 */
export const create_store: EnvironmentFactory<RetailStore> = () => initialStore();

function total(items: readonly OrderItem[]): number {
  return toDollars(items.reduce((sum, each) => sum + toCents(each.price), 0));
}

function itemsOf(order: Order, item_ids: readonly string[]): OrderItem[] {
  return item_ids.map((id) => order.items.find((each) => each.item_id === id) as OrderItem);
}

/** Pays money back: into a gift card's balance at once, to a card or PayPal as a refund the bank settles. */
function refund(
  state: RetailStore,
  order: Order,
  payment_method_id: string,
  amount: number,
  details: Pick<Refund, 'item_ids' | 'reason'>,
) {
  const method = findPaymentMethod(state, order, payment_method_id);
  if (method.source === 'gift_card') method.balance = toDollars(toCents(method.balance) + toCents(amount));
  order.payment_history.push({ transaction_type: 'refund', amount, payment_method_id });
  const issued: Refund = {
    refund_id: `RF${String(state.refunds.length + 1).padStart(4, '0')}`,
    order_id: order.order_id,
    item_ids: details.item_ids,
    amount,
    payment_method_id,
    reason: details.reason,
  };
  state.refunds.push(issued);
  return issued;
}

function requireStatus(order: Order, status: Order['status'], action: string) {
  if (order.status !== status) {
    throw new Error(`order ${order.order_id} is ${order.status}: only ${status} orders can be ${action}`);
  }
}

/** Finds a user's id from their email address, ignoring case. */
export const find_user_by_email: Tool = (args, { state }) => {
  const email = text(args, 'email').trim().toLowerCase();
  const user = Object.values(state.users).find((candidate) => candidate.email.toLowerCase() === email);
  if (!user) throw new Error(`no user has the email ${JSON.stringify(email)}`);
  return { user_id: user.user_id };
};

/** A user's name, email, address, payment methods (with gift card balances) and order ids. */
export const get_user: Tool = (args, { state }) => findUser(state, text(args, 'user_id'));

/** An order's status, address, items, payment method and payment history. */
export const get_order: Tool = (args, { state }) => findOrder(state, text(args, 'order_id'));

/** A user's orders, each with its status and total. */
export const list_orders: Tool = (args, { state }) =>
  findUser(state, text(args, 'user_id')).orders.map((order_id) => {
    const order = findOrder(state, order_id);
    return { order_id, status: order.status, total: total(order.items) };
  });

/** A product and its variants: each item id's options, price and stock. */
export const get_product: Tool = (args, { state }) => findProduct(state, text(args, 'product_id'));

/** Cancels a pending order: its items go back to stock and its total is refunded to the payment method it used. */
export const cancel_order: Tool = (args, { state }) => {
  const order = findOrder(state, text(args, 'order_id'));
  const reason = oneOf(args, 'reason', ['no longer needed', 'ordered by mistake'] as const);
  requireStatus(order, 'pending', 'cancelled');
  for (const each of order.items) {
    const variant = findProduct(state, each.product_id).variants[each.item_id];
    if (variant) variant.stock += 1;
  }
  order.status = 'cancelled';
  order.cancel_reason = reason;
  const issued = refund(state, order, order.payment_method_id, total(order.items), {
    item_ids: order.items.map((each) => each.item_id),
    reason: 'cancellation',
  });
  return { order_id: order.order_id, status: order.status, refund: issued };
};

/** The payment method a refund of the order may go to: the one it was paid with, or a gift card of its owner. */
function refundMethod(state: RetailStore, order: Order, payment_method_id: string) {
  const method = findPaymentMethod(state, order, payment_method_id);
  if (payment_method_id !== order.payment_method_id && method.source !== 'gift_card') {
    throw new Error(
      `a refund goes to the original payment method (${order.payment_method_id}) or a gift card of the user, not ${payment_method_id}`,
    );
  }
  return payment_method_id;
}

/** Requests the return of delivered items; their price is refunded to the original payment method or a gift card. */
export const return_items: Tool = (args, { state }) => {
  const order = findOrder(state, text(args, 'order_id'));
  const item_ids = textList(args, 'item_ids');
  const payment_method_id = text(args, 'payment_method_id');
  requireStatus(order, 'delivered', 'returned');
  checkItemsBelong(order, item_ids, order.refunded_item_ids);
  refundMethod(state, order, payment_method_id);
  order.status = 'return requested';
  order.return_request = { item_ids, payment_method_id };
  const issued = refund(state, order, payment_method_id, total(itemsOf(order, item_ids)), {
    item_ids,
    reason: 'return',
  });
  return { order_id: order.order_id, status: order.status, refund: issued };
};

/**
 * Exchanges delivered items for other variants of the same products, in stock. A dearer variant is paid with the
 * given payment method (a gift card needs the balance); a cheaper one is refunded to it.
 */
export const exchange_items: Tool = (args, { state }) => {
  const order = findOrder(state, text(args, 'order_id'));
  const item_ids = textList(args, 'item_ids');
  const new_item_ids = textList(args, 'new_item_ids');
  const payment_method_id = text(args, 'payment_method_id');
  requireStatus(order, 'delivered', 'exchanged');
  if (item_ids.length !== new_item_ids.length) {
    throw new Error('`item_ids` and `new_item_ids` must have the same length: one new item for each old one');
  }
  checkItemsBelong(order, item_ids, order.refunded_item_ids);
  const method = findPaymentMethod(state, order, payment_method_id);
  const wanted = new Map<string, number>();
  const newItems = item_ids.map((old_id, index) => {
    const old = order.items.find((each) => each.item_id === old_id) as OrderItem;
    const new_id = new_item_ids[index] as string;
    const product = findProduct(state, old.product_id);
    const variant = Object.hasOwn(product.variants, new_id) ? product.variants[new_id] : undefined;
    if (!variant) throw new Error(`item ${JSON.stringify(new_id)} is not a variant of ${product.name} (${old_id})`);
    if (new_id === old_id) throw new Error(`item ${old_id} would be exchanged for itself`);
    wanted.set(new_id, (wanted.get(new_id) ?? 0) + 1);
    if (variant.stock < (wanted.get(new_id) ?? 0)) throw new Error(`item ${new_id} is out of stock`);
    return variant;
  });
  const differenceCents =
    newItems.reduce((sum, each) => sum + toCents(each.price), 0) - toCents(total(itemsOf(order, item_ids)));
  const price_difference = toDollars(differenceCents);
  if (differenceCents > 0 && method.source === 'gift_card' && toCents(method.balance) < differenceCents) {
    throw new Error(
      `gift card ${payment_method_id} has a balance of ${method.balance}, less than the price difference of ${price_difference}`,
    );
  }
  for (const variant of newItems) variant.stock -= 1;
  order.status = 'exchange requested';
  order.exchange_request = { item_ids, new_item_ids, price_difference, payment_method_id };
  if (differenceCents > 0) {
    if (method.source === 'gift_card') method.balance = toDollars(toCents(method.balance) - differenceCents);
    order.payment_history.push({ transaction_type: 'payment', amount: price_difference, payment_method_id });
  } else if (differenceCents < 0) {
    refund(state, order, payment_method_id, -price_difference, { item_ids, reason: 'exchange' });
  }
  return { order_id: order.order_id, status: order.status, price_difference };
};

/** Changes the shipping address of a pending order (the shop ships within the USA). */
export const modify_address: Tool = (args, { state }) => {
  const order = findOrder(state, text(args, 'order_id'));
  const address = {
    address1: text(args, 'address1'),
    address2: text(args, 'address2', { optional: true }),
    city: text(args, 'city'),
    state: text(args, 'state'),
    country: text(args, 'country'),
    zip: text(args, 'zip'),
  };
  requireStatus(order, 'pending', 'given a new address');
  if (!/^\d{5}$/.test(address.zip))
    throw new Error(`the zip code must be five digits, not ${JSON.stringify(address.zip)}`);
  if (!['USA', 'US', 'United States'].includes(address.country)) {
    throw new Error(`the shop ships within the USA only, not to ${JSON.stringify(address.country)}`);
  }
  order.address = { ...address, country: 'USA' };
  return { order_id: order.order_id, address: order.address };
};

/** Refunds delivered items that arrived damaged or never arrived, to the original payment method; once per item. */
export const refund_order: Tool = (args, { state }) => {
  const order = findOrder(state, text(args, 'order_id'));
  const item_ids = textList(args, 'item_ids');
  const reason = oneOf(args, 'reason', ['damaged', 'missing'] as const);
  requireStatus(order, 'delivered', 'refunded for damaged or missing items');
  checkItemsBelong(order, item_ids, order.refunded_item_ids);
  order.refunded_item_ids.push(...item_ids);
  const issued = refund(state, order, order.payment_method_id, total(itemsOf(order, item_ids)), { item_ids, reason });
  return { order_id: order.order_id, refund: issued };
};

/** Hands the conversation to a human agent. Changes nothing in the store; the ticket number is incidental. */
export const transfer_to_human: Tool = (args, { seed }) => {
  text(args, 'summary');
  return { transferred: true, ticket: `H-${String(seed % 100_000).padStart(5, '0')}` };
};

/** A place to reason before acting; changes nothing. */
export const think: Tool = (args) => {
  text(args, 'thought');
  return 'noted';
};

/** Arithmetic on prices: numbers, + - * / and parentheses. */
export const calculate: Tool = (args) => evaluateArithmetic(text(args, 'expression'));
