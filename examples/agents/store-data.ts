import type { Address, Order, OrderItem, OrderStatus, Product, RetailStore, User, Variant } from './store-types.js';

/** In cents, so that sums of prices are exact; the store shows dollars with two decimals. */
export function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}

export function toDollars(cents: number): number {
  return cents / 100;
}

function product(product_id: string, name: string, variants: readonly Variant[]): Product {
  return { product_id, name, variants: Object.fromEntries(variants.map((variant) => [variant.item_id, variant])) };
}

function variant(item_id: string, options: Record<string, string>, price: number, stock: number): Variant {
  return { item_id, options, price, stock };
}

const products: readonly Product[] = [
  product('P1001', 'T-Shirt', [
    variant('I2001', { color: 'blue', size: 'M' }, 19.99, 5),
    variant('I2002', { color: 'blue', size: 'L' }, 19.99, 0),
    variant('I2003', { color: 'red', size: 'M' }, 21.99, 3),
    variant('I2004', { color: 'red', size: 'L' }, 21.99, 2),
  ]),
  product('P1002', 'Running Shoes', [
    variant('I2011', { size: '9', color: 'black' }, 89.5, 2),
    variant('I2012', { size: '10', color: 'black' }, 89.5, 4),
    variant('I2013', { size: '10', color: 'white' }, 94, 0),
  ]),
  product('P1003', 'Water Bottle', [
    variant('I2021', { capacity: '500ml' }, 12, 10),
    variant('I2022', { capacity: '1L' }, 15.5, 6),
  ]),
  product('P1004', 'Desk Lamp', [
    variant('I2031', { color: 'white' }, 34.99, 3),
    variant('I2032', { color: 'black' }, 34.99, 1),
  ]),
  product('P1005', 'Backpack', [
    variant('I2041', { color: 'grey', capacity: '20L' }, 59, 2),
    variant('I2042', { color: 'grey', capacity: '30L' }, 69, 3),
    variant('I2043', { color: 'green', capacity: '30L' }, 69, 0),
  ]),
  product('P1006', 'Headphones', [
    variant('I2051', { connection: 'wired' }, 45, 4),
    variant('I2052', { connection: 'wireless' }, 99, 2),
  ]),
];

function address(address1: string, address2: string, city: string, state: string, zip: string): Address {
  return { address1, address2, city, state, country: 'USA', zip };
}

const users: readonly User[] = [
  {
    user_id: 'mia_garcia_4516',
    name: { first_name: 'Mia', last_name: 'Garcia' },
    email: 'mia.garcia@example.com',
    address: address('12 Oak Street', 'Apt 4', 'Springfield', 'IL', '62701'),
    payment_methods: {
      credit_card_4421: { id: 'credit_card_4421', source: 'credit_card', brand: 'visa', last_four: '4421' },
      gift_card_7713: { id: 'gift_card_7713', source: 'gift_card', balance: 40 },
    },
    orders: ['W1001', 'W1002', 'W1003'],
  },
  {
    user_id: 'noah_kim_2207',
    name: { first_name: 'Noah', last_name: 'Kim' },
    email: 'noah.kim@example.com',
    address: address('88 River Road', '', 'Portland', 'OR', '97201'),
    payment_methods: { paypal_5530: { id: 'paypal_5530', source: 'paypal' } },
    orders: ['W1004', 'W1005', 'W1006'],
  },
  {
    user_id: 'ava_patel_9034',
    name: { first_name: 'Ava', last_name: 'Patel' },
    email: 'ava.patel@example.org',
    address: address('5 Hill Lane', 'Suite 200', 'Austin', 'TX', '73301'),
    payment_methods: {
      credit_card_9902: { id: 'credit_card_9902', source: 'credit_card', brand: 'mastercard', last_four: '9902' },
      gift_card_1208: { id: 'gift_card_1208', source: 'gift_card', balance: 10 },
    },
    orders: ['W1007', 'W1008', 'W1009'],
  },
  {
    user_id: 'liam_oconnor_6120',
    name: { first_name: 'Liam', last_name: "O'Connor" },
    email: 'liam.oconnor@example.net',
    address: address('301 Pine Avenue', '', 'Denver', 'CO', '80202'),
    payment_methods: {
      credit_card_3318: { id: 'credit_card_3318', source: 'credit_card', brand: 'amex', last_four: '3318' },
    },
    orders: ['W1010', 'W1011', 'W1012'],
  },
];

function item(item_id: string): OrderItem {
  for (const candidate of products) {
    const found = candidate.variants[item_id];
    if (found) {
      return {
        item_id,
        product_id: candidate.product_id,
        name: candidate.name,
        price: found.price,
        options: found.options,
      };
    }
  }
  throw new Error(`the catalogue has no item ${item_id}`);
}

function order(order_id: string, user: User, status: OrderStatus, item_ids: string[], payment_method_id: string) {
  const items = item_ids.map(item);
  const total = toDollars(items.reduce((sum, each) => sum + toCents(each.price), 0));
  const placed: Order = {
    order_id,
    user_id: user.user_id,
    status,
    address: user.address,
    items,
    payment_method_id,
    payment_history: [{ transaction_type: 'payment', amount: total, payment_method_id }],
    refunded_item_ids: [],
  };
  if (status === 'cancelled') {
    placed.cancel_reason = 'no longer needed';
    placed.payment_history.push({ transaction_type: 'refund', amount: total, payment_method_id });
  }
  return placed;
}

function buildOrders(): readonly Order[] {
  const [mia, noah, ava, liam] = users as [User, User, User, User];
  return [
    order('W1001', mia, 'pending', ['I2001', 'I2021'], 'credit_card_4421'),
    order('W1002', mia, 'delivered', ['I2012', 'I2031', 'I2022'], 'gift_card_7713'),
    order('W1003', mia, 'cancelled', ['I2051'], 'credit_card_4421'),
    order('W1004', noah, 'pending', ['I2042'], 'paypal_5530'),
    order('W1005', noah, 'delivered', ['I2003', 'I2003', 'I2052'], 'paypal_5530'),
    order('W1006', noah, 'delivered', ['I2011'], 'paypal_5530'),
    order('W1007', ava, 'delivered', ['I2032', 'I2021'], 'credit_card_9902'),
    order('W1008', ava, 'pending', ['I2052', 'I2001'], 'credit_card_9902'),
    order('W1009', ava, 'delivered', ['I2041'], 'gift_card_1208'),
    order('W1010', liam, 'pending', ['I2031', 'I2022'], 'credit_card_3318'),
    order('W1011', liam, 'pending', ['I2004'], 'credit_card_3318'),
    order('W1012', liam, 'delivered', ['I2051', 'I2003'], 'credit_card_3318'),
  ];
}

function byId<T>(entries: readonly T[], id: (entry: T) => string): Record<string, T> {
  return Object.fromEntries(entries.map((entry) => [id(entry), entry]));
}

/**
 * The shop every case starts from: four customers, a dozen orders, six products. A fresh deep copy each time, so
 * that no sample sees another's changes.
 */
export function initialStore(): RetailStore {
  const store: RetailStore = {
    users: byId(users, (user) => user.user_id),
    orders: byId(buildOrders(), (each) => each.order_id),
    products: byId(products, (each) => each.product_id),
    refunds: [],
  };
  // A JSON copy, not structuredClone: no two places of the state may share an object (an order's address and its
  // user's), so that changing one never changes the other.
  return JSON.parse(JSON.stringify(store)) as RetailStore;
}
