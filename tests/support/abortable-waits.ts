/** Resolves after `ms` milliseconds, or as soon as `signal` aborts. */
export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** Resolves when `promise` settles or `signal` aborts, whichever comes first. */
export const untilOrAbort = (promise: Promise<unknown>, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
    promise.then(
      () => resolve(),
      () => resolve(),
    );
  });
