import { describe, expect, test } from 'vitest';
import * as retail from '../examples/agents/retail.js';
import type { RetailStore } from '../examples/agents/store-types.js';

// The retail environment of examples/agents: every tool's happy path, each rule it enforces, and hostile ids.
// Its tasks are checked in examples-agents-tasks.test.ts.

type Tool = (args: Record<string, unknown>, context: Parameters<typeof retail.get_order>[1]) => unknown;
const tools: Record<string, Tool> = Object.fromEntries(
  Object.entries(retail).filter(([name]) => name !== 'create_store'),
) as Record<string, Tool>;

async function freshStore(seed = 1): Promise<RetailStore> {
  return retail.create_store({ id: 'test', inputs: {} }, { seed });
}

function call(state: RetailStore, tool: string, args: Record<string, unknown>, seed = 1) {
  const run = tools[tool];
  if (!run) throw new Error(`no tool ${tool}`);
  return run(args, { state, signal: new AbortController().signal, caseId: 'test', seed });
}

/** Calls a tool that must refuse: the message must match, and the store must not have changed. */
async function refused(tool: string, args: Record<string, unknown>, message: RegExp) {
  const state = await freshStore();
  const before = JSON.stringify(state);
  expect(() => call(state, tool, args)).toThrow(message);
  expect(JSON.stringify(state)).toBe(before);
}

describe('the store', () => {
  test('is the same JSON for every case and seed, and fresh each time', async () => {
    const one = await retail.create_store({ id: 'a', inputs: { instructions: 'x' } }, { seed: 1 });
    const other = await retail.create_store({ id: 'b', inputs: {} }, { seed: 99 });
    expect(JSON.stringify(one)).toBe(JSON.stringify(other));
    expect(JSON.parse(JSON.stringify(one))).toEqual(one);
    call(one, 'cancel_order', { order_id: 'W1001', reason: 'ordered by mistake' });
    expect(other.orders.W1001?.status).toBe('pending');
    expect((await freshStore()).orders.W1001?.status).toBe('pending');
  });

  test('shares no object between two places of the state', async () => {
    const state = await freshStore();
    (state.users.mia_garcia_4516?.address as { city: string }).city = 'Elsewhere';
    (state.products.P1001?.variants.I2001?.options as Record<string, string>).size = 'XL';
    expect(state.orders.W1001?.address.city).toBe('Springfield');
    expect(state.orders.W1001?.items[0]?.options).toEqual({ color: 'blue', size: 'M' });
  });

  test('holds four users, twelve orders and six products, each order paid once', async () => {
    const state = await freshStore();
    expect(Object.keys(state.users)).toHaveLength(4);
    expect(Object.keys(state.orders)).toEqual(Array.from({ length: 12 }, (_, index) => `W${1001 + index}`));
    expect(Object.keys(state.products)).toHaveLength(6);
    expect(state.orders.W1002?.payment_history).toEqual([
      { transaction_type: 'payment', amount: 139.99, payment_method_id: 'gift_card_7713' },
    ]);
  });
});

describe('looking things up', () => {
  test('find_user_by_email ignores case and surrounding space', async () => {
    const state = await freshStore();
    expect(call(state, 'find_user_by_email', { email: ' Mia.Garcia@Example.com ' })).toEqual({
      user_id: 'mia_garcia_4516',
    });
    await refused('find_user_by_email', { email: 'mia.g@example.com' }, /no user has the email "mia.g@example.com"/);
  });

  test('get_user, get_order, list_orders and get_product return what the store holds', async () => {
    const state = await freshStore();
    expect(call(state, 'get_user', { user_id: 'noah_kim_2207' })).toMatchObject({ email: 'noah.kim@example.com' });
    expect(call(state, 'get_order', { order_id: 'W1012' })).toMatchObject({ status: 'delivered' });
    expect(call(state, 'get_order', { order_id: '#W1012' })).toMatchObject({ order_id: 'W1012' });
    expect(call(state, 'list_orders', { user_id: 'liam_oconnor_6120' })).toEqual([
      { order_id: 'W1010', status: 'pending', total: 50.49 },
      { order_id: 'W1011', status: 'pending', total: 21.99 },
      { order_id: 'W1012', status: 'delivered', total: 66.99 },
    ]);
    expect(call(state, 'get_product', { product_id: 'P1002' })).toMatchObject({
      variants: { I2013: { price: 94, stock: 0 } },
    });
  });

  test('an unknown id is not found', async () => {
    await refused('get_user', { user_id: 'nobody' }, /user not found: "nobody"/);
    await refused('get_order', { order_id: 'W9999' }, /order not found: "W9999"/);
    await refused('list_orders', { user_id: 'W1001' }, /user not found/);
    await refused('get_product', { product_id: 'I2001' }, /product not found: "I2001"/);
  });

  test('arguments of the wrong type or size are refused, for direct calls the engine did not check', async () => {
    await refused('get_order', {}, /`order_id` must be a string/);
    await refused('get_order', { order_id: 1001 }, /`order_id` must be a string/);
    // An argument hidden behind a JSON "__proto__" key is an own key of that name, never an inherited order_id.
    await refused('get_order', JSON.parse('{"__proto__": {"order_id": "W1001"}}'), /`order_id` must be a string/);
    await refused('get_order', { order_id: '  ' }, /`order_id` must not be empty/);
    await refused('get_order', { order_id: 'W'.repeat(10_000) }, /longer than 500 characters/);
    await refused(
      'return_items',
      { order_id: 'W1002', item_ids: 'I2012', payment_method_id: 'gift_card_7713' },
      /non-empty list/,
    );
    await refused(
      'return_items',
      { order_id: 'W1002', item_ids: [], payment_method_id: 'gift_card_7713' },
      /non-empty list/,
    );
    await refused(
      'return_items',
      { order_id: 'W1002', item_ids: [{}], payment_method_id: 'x' },
      /`item_ids\[0\]` must be an id/,
    );
  });
});

const hostileIds = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../etc/passwd',
  '\u0000',
];

describe('hostile ids are just not found', () => {
  test.each(hostileIds)('%j', async (id) => {
    await refused('get_user', { user_id: id }, /user not found/);
    await refused('list_orders', { user_id: id }, /user not found/);
    await refused('get_order', { order_id: id }, /order not found/);
    await refused('get_product', { product_id: id }, /product not found/);
    await refused('cancel_order', { order_id: id, reason: 'no longer needed' }, /order not found/);
    await refused('find_user_by_email', { email: id }, /no user has the email/);
    await refused(
      'return_items',
      { order_id: 'W1002', item_ids: [id], payment_method_id: 'gift_card_7713' },
      /is not in order W1002/,
    );
    await refused(
      'return_items',
      { order_id: 'W1002', item_ids: ['I2012'], payment_method_id: id },
      /payment method not found/,
    );
    await refused(
      'exchange_items',
      { order_id: 'W1006', item_ids: ['I2011'], new_item_ids: [id], payment_method_id: 'paypal_5530' },
      /is not a variant of Running Shoes/,
    );
    await refused('refund_order', { order_id: 'W1007', item_ids: [id], reason: 'damaged' }, /is not in order W1007/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('cancel_order', () => {
  test('cancels a pending order, restocks its items and refunds its total', async () => {
    const state = await freshStore();
    const result = call(state, 'cancel_order', { order_id: 'W1001', reason: 'ordered by mistake' });
    expect(result).toMatchObject({
      status: 'cancelled',
      refund: { amount: 31.99, payment_method_id: 'credit_card_4421' },
    });
    expect(state.orders.W1001).toMatchObject({ status: 'cancelled', cancel_reason: 'ordered by mistake' });
    expect(state.products.P1001?.variants.I2001?.stock).toBe(6);
    expect(state.products.P1003?.variants.I2021?.stock).toBe(11);
    expect(state.refunds).toEqual([
      {
        refund_id: 'RF0001',
        order_id: 'W1001',
        item_ids: ['I2001', 'I2021'],
        amount: 31.99,
        payment_method_id: 'credit_card_4421',
        reason: 'cancellation',
      },
    ]);
  });

  test('refuses a delivered or cancelled order, and a reason outside the list', async () => {
    await refused(
      'cancel_order',
      { order_id: 'W1005', reason: 'no longer needed' },
      /W1005 is delivered: only pending orders can be cancelled/,
    );
    await refused('cancel_order', { order_id: 'W1003', reason: 'no longer needed' }, /W1003 is cancelled/);
    await refused(
      'cancel_order',
      { order_id: 'W1001', reason: 'too expensive' },
      /`reason` must be one of "no longer needed", "ordered by mistake"/,
    );
  });
});

describe('return_items', () => {
  test('requests a return and refunds a gift card at once', async () => {
    const state = await freshStore();
    const args = { order_id: 'W1002', item_ids: ['I2012', 'I2022'], payment_method_id: 'gift_card_7713' };
    expect(call(state, 'return_items', args)).toMatchObject({ status: 'return requested', refund: { amount: 105 } });
    expect(state.users.mia_garcia_4516?.payment_methods.gift_card_7713).toMatchObject({ balance: 145 });
    expect(state.orders.W1002?.return_request).toEqual({
      item_ids: ['I2012', 'I2022'],
      payment_method_id: 'gift_card_7713',
    });
  });

  test('refunds a card that paid the order', async () => {
    const state = await freshStore();
    call(state, 'return_items', { order_id: 'W1012', item_ids: ['I2051'], payment_method_id: 'credit_card_3318' });
    expect(state.refunds[0]).toMatchObject({ amount: 45, payment_method_id: 'credit_card_3318', reason: 'return' });
  });

  test('refuses an order that is not delivered, items not in it, too many units, and other payment methods', async () => {
    const base = { item_ids: ['I2001'], payment_method_id: 'credit_card_4421' };
    await refused(
      'return_items',
      { order_id: 'W1001', ...base },
      /W1001 is pending: only delivered orders can be returned/,
    );
    await refused(
      'return_items',
      { order_id: 'W1003', item_ids: ['I2051'], payment_method_id: 'credit_card_4421' },
      /is cancelled/,
    );
    await refused(
      'return_items',
      { order_id: 'W1002', item_ids: ['I2051'], payment_method_id: 'gift_card_7713' },
      /item "I2051" is not in order W1002/,
    );
    await refused(
      'return_items',
      { order_id: 'W1002', item_ids: ['I2012', 'I2012'], payment_method_id: 'gift_card_7713' },
      /no more units of item I2012/,
    );
    await refused(
      'return_items',
      { order_id: 'W1012', item_ids: ['I2051'], payment_method_id: 'paypal_5530' },
      /payment method not found for user liam_oconnor_6120/,
    );
    await refused(
      'return_items',
      { order_id: 'W1005', item_ids: ['I2003'], payment_method_id: 'credit_card_4421' },
      /payment method not found/,
    );
  });

  test('an order is returned once', async () => {
    const state = await freshStore();
    call(state, 'return_items', { order_id: 'W1006', item_ids: ['I2011'], payment_method_id: 'paypal_5530' });
    expect(() =>
      call(state, 'return_items', { order_id: 'W1006', item_ids: ['I2011'], payment_method_id: 'paypal_5530' }),
    ).toThrow(/W1006 is return requested: only delivered orders can be returned/);
  });
});

describe('exchange_items', () => {
  test('exchanges for a variant of the same price, taking it from stock', async () => {
    const state = await freshStore();
    const args = { order_id: 'W1006', item_ids: ['I2011'], new_item_ids: ['I2012'], payment_method_id: 'paypal_5530' };
    expect(call(state, 'exchange_items', args)).toEqual({
      order_id: 'W1006',
      status: 'exchange requested',
      price_difference: 0,
    });
    expect(state.products.P1002?.variants.I2012?.stock).toBe(3);
    expect(state.orders.W1006?.payment_history).toHaveLength(1);
  });

  test('exchanges two units of one item', async () => {
    const state = await freshStore();
    call(state, 'exchange_items', {
      order_id: 'W1005',
      item_ids: ['I2003', 'I2003'],
      new_item_ids: ['I2004', 'I2004'],
      payment_method_id: 'paypal_5530',
    });
    expect(state.products.P1001?.variants.I2004?.stock).toBe(0);
  });

  test('a dearer variant is paid from a gift card, which must cover it', async () => {
    const state = await freshStore();
    const args = {
      order_id: 'W1009',
      item_ids: ['I2041'],
      new_item_ids: ['I2042'],
      payment_method_id: 'gift_card_1208',
    };
    expect(call(state, 'exchange_items', args)).toMatchObject({ price_difference: 10 });
    expect(state.users.ava_patel_9034?.payment_methods.gift_card_1208).toMatchObject({ balance: 0 });
    expect(state.orders.W1009?.payment_history.at(-1)).toEqual({
      transaction_type: 'payment',
      amount: 10,
      payment_method_id: 'gift_card_1208',
    });
    const poorer = await freshStore();
    const card = poorer.users.ava_patel_9034?.payment_methods.gift_card_1208;
    if (card?.source === 'gift_card') card.balance = 9.99;
    expect(() => call(poorer, 'exchange_items', args)).toThrow(/balance of 9.99, less than the price difference of 10/);
  });

  test('a cheaper variant is refunded', async () => {
    const state = await freshStore();
    call(state, 'exchange_items', {
      order_id: 'W1012',
      item_ids: ['I2003'],
      new_item_ids: ['I2001'],
      payment_method_id: 'credit_card_3318',
    });
    expect(state.refunds[0]).toMatchObject({ amount: 2, reason: 'exchange', item_ids: ['I2003'] });
  });

  test('refuses other products, the same item, stock too low, mismatched lists and orders not delivered', async () => {
    const base = { order_id: 'W1006', item_ids: ['I2011'], payment_method_id: 'paypal_5530' };
    await refused('exchange_items', { ...base, new_item_ids: ['I2001'] }, /"I2001" is not a variant of Running Shoes/);
    await refused('exchange_items', { ...base, new_item_ids: ['I2011'] }, /exchanged for itself/);
    await refused('exchange_items', { ...base, new_item_ids: ['I2013'] }, /I2013 is out of stock/);
    await refused('exchange_items', { ...base, new_item_ids: ['I2012', 'I2012'] }, /the same length/);
    await refused(
      'exchange_items',
      {
        order_id: 'W1005',
        item_ids: ['I2003', 'I2003'],
        new_item_ids: ['I2001', 'I2002'],
        payment_method_id: 'paypal_5530',
      },
      /I2002 is out of stock/,
    );
    await refused(
      'exchange_items',
      { order_id: 'W1001', item_ids: ['I2001'], new_item_ids: ['I2003'], payment_method_id: 'credit_card_4421' },
      /W1001 is pending: only delivered orders can be exchanged/,
    );
  });
});

describe('modify_address', () => {
  const address = {
    address1: '4 Elm Court',
    address2: 'Apt 2',
    city: 'Seattle',
    state: 'WA',
    country: 'USA',
    zip: '98101',
  };

  test('readdresses a pending order; address2 may be left out', async () => {
    const state = await freshStore();
    call(state, 'modify_address', { order_id: 'W1004', ...address });
    expect(state.orders.W1004?.address).toEqual(address);
    const { address2: _, ...withoutSecondLine } = address;
    call(state, 'modify_address', { order_id: 'W1010', ...withoutSecondLine, country: 'US' });
    expect(state.orders.W1010?.address).toEqual({ ...address, address2: '' });
    expect(state.users.noah_kim_2207?.address.city).toBe('Portland');
  });

  test('refuses orders that are not pending, bad zip codes and other countries', async () => {
    await refused('modify_address', { order_id: 'W1005', ...address }, /W1005 is delivered: only pending orders/);
    await refused('modify_address', { order_id: 'W1004', ...address, zip: '9810' }, /five digits, not "9810"/);
    await refused('modify_address', { order_id: 'W1004', ...address, country: 'Canada' }, /within the USA only/);
    await refused('modify_address', { order_id: 'W1004', ...address, city: '' }, /`city` must not be empty/);
  });
});

describe('refund_order', () => {
  test('refunds a damaged item to the payment method of the order, once', async () => {
    const state = await freshStore();
    call(state, 'refund_order', { order_id: 'W1007', item_ids: ['I2032'], reason: 'damaged' });
    expect(state.refunds[0]).toMatchObject({ amount: 34.99, payment_method_id: 'credit_card_9902', reason: 'damaged' });
    expect(state.orders.W1007).toMatchObject({ status: 'delivered', refunded_item_ids: ['I2032'] });
    expect(() => call(state, 'refund_order', { order_id: 'W1007', item_ids: ['I2032'], reason: 'missing' })).toThrow(
      /no more units of item I2032/,
    );
    expect(() =>
      call(state, 'return_items', { order_id: 'W1007', item_ids: ['I2032'], payment_method_id: 'credit_card_9902' }),
    ).toThrow(/no more units of item I2032/);
  });

  test('refunds a gift card at once', async () => {
    const state = await freshStore();
    call(state, 'refund_order', { order_id: 'W1002', item_ids: ['I2031'], reason: 'missing' });
    expect(state.users.mia_garcia_4516?.payment_methods.gift_card_7713).toMatchObject({ balance: 74.99 });
  });

  test('refuses orders not delivered and reasons outside the list', async () => {
    await refused('refund_order', { order_id: 'W1001', item_ids: ['I2001'], reason: 'damaged' }, /W1001 is pending/);
    await refused(
      'refund_order',
      { order_id: 'W1007', item_ids: ['I2032'], reason: 'changed my mind' },
      /"damaged", "missing"/,
    );
  });
});

describe('the tools that change nothing', () => {
  test('transfer_to_human answers with a ticket drawn from the seed', async () => {
    const state = await freshStore();
    const before = JSON.stringify(state);
    expect(call(state, 'transfer_to_human', { summary: 'wants a price match' }, 4242)).toEqual({
      transferred: true,
      ticket: 'H-04242',
    });
    expect(call(state, 'think', { thought: 'the order is delivered, so no cancellation' })).toBe('noted');
    expect(JSON.stringify(state)).toBe(before);
    await refused('transfer_to_human', { summary: '' }, /`summary` must not be empty/);
  });

  test('calculate does arithmetic, and nothing else', async () => {
    const state = await freshStore();
    expect(call(state, 'calculate', { expression: '89.5 + 15.5' })).toBe(105);
    expect(call(state, 'calculate', { expression: '0.1 + 0.2' })).toBe(0.3);
    expect(call(state, 'calculate', { expression: '-(2 + 3) * 4 / .5' })).toBe(-40);
    await refused('calculate', { expression: 'process.exit(1)' }, /"p" is not allowed/);
    await refused('calculate', { expression: '1 / 0' }, /division by zero/);
    await refused('calculate', { expression: '(1 + 2' }, /not closed/);
    await refused('calculate', { expression: '1 2' }, /unexpected "2"/);
    await refused('calculate', { expression: `${'('.repeat(30)}1${')'.repeat(30)}` }, /nested deeper than 20/);
    await refused('calculate', { expression: '1+'.repeat(150) }, /longer than 200 characters/);
  });
});
