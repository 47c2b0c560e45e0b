/** A shipping address, as the shop keeps it on users and orders. */
export interface Address {
  readonly address1: string;
  /** An apartment or suite; empty when there is none. */
  readonly address2: string;
  readonly city: string;
  readonly state: string;
  readonly country: string;
  /** Five digits. */
  readonly zip: string;
}

/** A way a user pays: a card, PayPal, or a gift card with a balance that refunds go back to. */
export type PaymentMethod =
  | { readonly id: string; readonly source: 'credit_card'; readonly brand: string; readonly last_four: string }
  | { readonly id: string; readonly source: 'paypal' }
  | { readonly id: string; readonly source: 'gift_card'; balance: number };

export interface User {
  readonly user_id: string;
  readonly name: { readonly first_name: string; readonly last_name: string };
  readonly email: string;
  readonly address: Address;
  /** By payment method id. */
  readonly payment_methods: Record<string, PaymentMethod>;
  /** The user's order ids, oldest first. */
  readonly orders: readonly string[];
}

/** One unit of a product variant in an order; an order may hold the same item twice. */
export interface OrderItem {
  readonly item_id: string;
  readonly product_id: string;
  readonly name: string;
  /** In dollars, two decimals. */
  readonly price: number;
  readonly options: Readonly<Record<string, string>>;
}

/**
 * `pending` orders may be cancelled or readdressed; `delivered` ones returned or exchanged, once, after which they
 * are `return requested` or `exchange requested`.
 */
export type OrderStatus = 'pending' | 'delivered' | 'cancelled' | 'return requested' | 'exchange requested';

/** Money moving for an order: what was paid, what was refunded, by which payment method. */
export interface Transaction {
  readonly transaction_type: 'payment' | 'refund';
  readonly amount: number;
  readonly payment_method_id: string;
}

export interface Order {
  readonly order_id: string;
  readonly user_id: string;
  status: OrderStatus;
  address: Address;
  readonly items: readonly OrderItem[];
  /** The method the order was paid with. */
  readonly payment_method_id: string;
  readonly payment_history: Transaction[];
  /** Set when cancelled. */
  cancel_reason?: 'no longer needed' | 'ordered by mistake';
  /** Set when a return is requested: the items going back and where their refund goes. */
  return_request?: { readonly item_ids: readonly string[]; readonly payment_method_id: string };
  /** Set when an exchange is requested: each item and the item replacing it, and the difference settled. */
  exchange_request?: {
    readonly item_ids: readonly string[];
    readonly new_item_ids: readonly string[];
    readonly price_difference: number;
    readonly payment_method_id: string;
  };
  /** Items refunded as damaged or missing; each may be refunded once. */
  readonly refunded_item_ids: string[];
}

/** One variant of a product, such as a size and colour, with its price and how many are in stock. */
export interface Variant {
  readonly item_id: string;
  readonly options: Readonly<Record<string, string>>;
  readonly price: number;
  stock: number;
}

export interface Product {
  readonly product_id: string;
  readonly name: string;
  /** By item id. */
  readonly variants: Record<string, Variant>;
}

/** A refund the shop issued: for a cancellation, a return, a cheaper exchange or damaged or missing items. */
export interface Refund {
  readonly refund_id: string;
  readonly order_id: string;
  readonly item_ids: readonly string[];
  readonly amount: number;
  readonly payment_method_id: string;
  readonly reason: 'cancellation' | 'return' | 'exchange' | 'damaged' | 'missing';
}

/**
 * The shop's state for one sample: JSON throughout, so that it can be recorded and compared with the expected end
 * state. Tools look ids up with `Object.hasOwn`, so an id such as `__proto__` is simply not found.
 */
export interface RetailStore {
  readonly users: Record<string, User>;
  readonly orders: Record<string, Order>;
  readonly products: Record<string, Product>;
  readonly refunds: Refund[];
}
