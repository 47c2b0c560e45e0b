/**
 * A module that exports a plain function: a program cannot import it as a verifier, which must be made with
 * `defineVerifier` from 'informal'.
 */
export function mentionsRefund(text: string): number {
  return /refund/i.test(text) ? 1 : 0;
}
