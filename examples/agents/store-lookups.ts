import type { Order, PaymentMethod, Product, RetailStore, User } from './store-types.js';

/** The longest id or text field a tool reads; longer is a mistake or an attack, and is refused. */
const maxTextLength = 500;

/** A string argument, checked again here: the engine checks declared types, but a tool is also called directly. */
export function text(args: Readonly<Record<string, unknown>>, name: string, options: { optional?: boolean } = {}) {
  const value = Object.hasOwn(args, name) ? args[name] : undefined;
  if (value === undefined && options.optional) return '';
  if (typeof value !== 'string') throw new Error(`\`${name}\` must be a string`);
  if (value.length > maxTextLength) throw new Error(`\`${name}\` is longer than ${maxTextLength} characters`);
  if (!options.optional && value.trim() === '') throw new Error(`\`${name}\` must not be empty`);
  return value;
}

/** A non-empty list of strings. */
export function textList(args: Readonly<Record<string, unknown>>, name: string): string[] {
  const value = Object.hasOwn(args, name) ? args[name] : undefined;
  if (!Array.isArray(value) || value.length === 0) throw new Error(`\`${name}\` must be a non-empty list of ids`);
  if (value.length > 50) throw new Error(`\`${name}\` lists more than 50 ids`);
  return value.map((entry, index) => {
    if (typeof entry !== 'string' || entry.length > maxTextLength) {
      throw new Error(`\`${name}[${index}]\` must be an id (a string)`);
    }
    return entry;
  });
}

/** One of the allowed strings. */
export function oneOf<T extends string>(args: Readonly<Record<string, unknown>>, name: string, allowed: readonly T[]) {
  const value = text(args, name);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`\`${name}\` must be one of ${allowed.map((each) => `"${each}"`).join(', ')}, not "${value}"`);
  }
  return value as T;
}

// Object.hasOwn, never `in` or a bare index: an id such as "__proto__" or "constructor" is simply not found.
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function findUser(state: RetailStore, user_id: string): User {
  const user = own(state.users, user_id);
  if (!user) throw new Error(`user not found: ${JSON.stringify(user_id)}`);
  return user;
}

export function findOrder(state: RetailStore, order_id: string): Order {
  // Customers write "#W1001"; the store's ids have no "#".
  const order = own(state.orders, order_id.startsWith('#') ? order_id.slice(1) : order_id);
  if (!order) throw new Error(`order not found: ${JSON.stringify(order_id)}`);
  return order;
}

export function findProduct(state: RetailStore, product_id: string): Product {
  const product = own(state.products, product_id);
  if (!product) throw new Error(`product not found: ${JSON.stringify(product_id)}`);
  return product;
}

/** A payment method of the order's owner. */
export function findPaymentMethod(state: RetailStore, order: Order, payment_method_id: string): PaymentMethod {
  const method = own(findUser(state, order.user_id).payment_methods, payment_method_id);
  if (!method) {
    throw new Error(`payment method not found for user ${order.user_id}: ${JSON.stringify(payment_method_id)}`);
  }
  return method;
}

/**
 * Checks that the ids name items of the order, no more often than the order holds each (an order may hold an item
 * twice), leaving out units already taken by `taken` (such as items refunded before).
 */
export function checkItemsBelong(order: Order, item_ids: readonly string[], taken: readonly string[] = []) {
  const available = new Map<string, number>();
  for (const each of order.items) available.set(each.item_id, (available.get(each.item_id) ?? 0) + 1);
  for (const id of taken) available.set(id, (available.get(id) ?? 0) - 1);
  for (const id of item_ids) {
    const left = available.get(id) ?? 0;
    if (!order.items.some((each) => each.item_id === id)) {
      throw new Error(`item ${JSON.stringify(id)} is not in order ${order.order_id}`);
    }
    if (left <= 0) throw new Error(`order ${order.order_id} has no more units of item ${id} to take`);
    available.set(id, left - 1);
  }
}
