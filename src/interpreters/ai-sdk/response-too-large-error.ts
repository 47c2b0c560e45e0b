/**
 * What `createNodeHttpFetch` fails with when an answer passes its `maxResponseBytes`: as the rejection of `fetch`
 * for an answer read whole, as the error of the body for a stream. `toInterpreterError` finds it along the causes.
 */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';

  constructor(
    /** The limit passed, in bytes. */
    readonly maxBytes: number,
    /** The URL of the request. */
    readonly url: string,
  ) {
    super(`the response from ${url} is larger than ${maxBytes} bytes`);
  }
}
