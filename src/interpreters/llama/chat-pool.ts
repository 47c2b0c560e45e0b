import type { LlamaChatLike, LlamaSequenceLike } from './node-llama-cpp-api.js';

/** One sequence of a shared context, with the chat that generates on it. */
export interface PooledChat {
  readonly sequence: LlamaSequenceLike;
  readonly chat: LlamaChatLike;
}

interface Waiter {
  readonly resolve: (chat: PooledChat) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * Lends the chats of one loaded model to concurrent calls: a call waits, in arrival order, until a chat is free.
 * A sequence holds one conversation at a time, so two samples never generate on the same one.
 */
export class ChatPool {
  private readonly free: PooledChat[];
  private readonly waiters: Waiter[] = [];
  private readonly size: number;
  private closedReason: Error | undefined;
  private onIdle: (() => void) | undefined;

  constructor(chats: readonly PooledChat[]) {
    this.free = [...chats];
    this.size = chats.length;
  }

  /** Runs `work` with a chat of its own, waiting for one when all are busy; `signal` cancels the wait. */
  async use<T>(work: (chat: PooledChat) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const chat = await this.acquire(signal);
    try {
      return await work(chat);
    } finally {
      this.release(chat);
    }
  }

  /** Refuses new and waiting calls with `reason`; resolves once the calls already running have finished. */
  close(reason: Error): Promise<void> {
    this.closedReason = reason;
    for (const waiter of this.waiters.splice(0)) waiter.reject(reason);
    if (this.free.length === this.size) return Promise.resolve();
    return new Promise((resolve) => {
      this.onIdle = resolve;
    });
  }

  private acquire(signal?: AbortSignal): Promise<PooledChat> {
    if (this.closedReason) return Promise.reject(this.closedReason);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const chat = this.free.pop();
    if (chat) return Promise.resolve(chat);
    return new Promise<PooledChat>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index !== -1) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        resolve: (lent) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(lent);
        },
        reject: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private release(chat: PooledChat): void {
    const next = this.waiters.shift();
    if (next) {
      next.resolve(chat);
      return;
    }
    this.free.push(chat);
    if (this.free.length === this.size) this.onIdle?.();
  }
}
