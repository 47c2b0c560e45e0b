import { describe, expect, it } from 'vitest';
import { ChatPool, type PooledChat } from './chat-pool.js';

const fakeChat = (name: string) => ({ name }) as unknown as PooledChat;
const later = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('ChatPool', () => {
  it('lends each chat to one call at a time and serves waiting calls in arrival order', async () => {
    const pool = new ChatPool([fakeChat('a')]);
    const order: string[] = [];
    let busy = 0;
    const work = (label: string) =>
      pool.use(async () => {
        busy++;
        expect(busy).toBe(1);
        order.push(label);
        await later();
        busy--;
        return label;
      });
    expect(await Promise.all([work('1'), work('2'), work('3')])).toEqual(['1', '2', '3']);
    expect(order).toEqual(['1', '2', '3']);
  });

  it('runs as many calls at once as it has chats', async () => {
    const pool = new ChatPool([fakeChat('a'), fakeChat('b')]);
    let busy = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        pool.use(async () => {
          most = Math.max(most, ++busy);
          await later();
          busy--;
        }),
      ),
    );
    expect(most).toBe(2);
  });

  it('gives the chat back when the work throws', async () => {
    const pool = new ChatPool([fakeChat('a')]);
    await expect(pool.use(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.use(async () => 'after')).toBe('after');
  });

  it('stops waiting when the signal aborts, and skips that waiter', async () => {
    const pool = new ChatPool([fakeChat('a')]);
    const controller = new AbortController();
    let release: () => void = () => {};
    const first = pool.use(() => new Promise<void>((resolve) => (release = resolve)));
    const aborted = pool.use(async () => 'never', controller.signal);
    const third = pool.use(async () => 'third');
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    release();
    await first;
    expect(await third).toBe('third');
  });

  it('on close refuses waiting and new calls, and resolves once running calls end', async () => {
    const pool = new ChatPool([fakeChat('a')]);
    let release: () => void = () => {};
    let finished = false;
    const running = pool.use(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      finished = true;
    });
    const waiting = pool.use(async () => 'never');
    const closed = pool.close(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
    await expect(pool.use(async () => 'never')).rejects.toThrow('closed');
    release();
    await closed;
    expect(finished).toBe(true);
    await running;
  });
});
