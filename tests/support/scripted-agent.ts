import type { ChatCompletionRequest } from './openai-compatible-server.js';
import type { ServerReply } from './server-reply.js';

/**
 * A scripted agent for the retail example, served by the loopback OpenAI-compatible server: what a model that
 * errs the ways real models do sends back. Its first exchange with the customer goes:
 * 1. two calls in one turn: `get_order` of an order that exists, and `find_user_by_email` with arguments cut
 *    short (not JSON);
 * 2. `wait_for_warehouse`, a tool that never answers (it hangs past its timeout);
 * 3. hostile arguments in one turn: `cancel_order` of the order `__proto__` (the shop's tool throws), `get_order`
 *    of a path, `get_user` of an id of 300,000 characters, and `get_user` whose id hides behind a `__proto__` key;
 * 4. a text answer.
 * Later exchanges get a text answer at once. The turn is read from the conversation (assistant messages since the
 * customer last spoke), so a resumed or repeated conversation gets the same replies.
 */
export function scriptedRetailAgent(request: ChatCompletionRequest): ServerReply {
  const messages = request.messages ?? [];
  const users = messages.filter((message) => message.role === 'user').length;
  const lastUser = messages.map((message) => message.role).lastIndexOf('user');
  const turn = messages.slice(lastUser + 1).filter((message) => message.role === 'assistant').length;
  if (users > 1) return { type: 'answer', text: 'Is there anything else I can do for you?' };
  switch (turn) {
    case 0:
      return {
        type: 'tool-calls',
        interleave: true,
        calls: [
          { id: 'call_order', name: 'get_order', arguments: '{"order_id": "W1001"}' },
          { id: 'call_email', name: 'find_user_by_email', arguments: '{"email": "mia.garcia@exa' },
        ],
      };
    case 1:
      return { type: 'tool-calls', calls: [{ id: 'call_wait', name: 'wait_for_warehouse', arguments: '{}' }] };
    case 2:
      // Hostile arguments, as a model trained against the shop might write them, in one turn.
      return {
        type: 'tool-calls',
        calls: [
          {
            id: 'call_cancel',
            name: 'cancel_order',
            arguments: '{"order_id": "__proto__", "reason": "ordered by mistake"}',
          },
          { id: 'call_path', name: 'get_order', arguments: '{"order_id": "../../../../etc/passwd"}' },
          { id: 'call_huge', name: 'get_user', arguments: JSON.stringify({ user_id: 'x'.repeat(300_000) }) },
          { id: 'call_prototype', name: 'get_user', arguments: '{"__proto__": {"user_id": "mia_garcia_4516"}}' },
        ],
      };
    default:
      return { type: 'answer', text: 'I could not change that order. Anything else?' };
  }
}

/** The tool module the scripted agent's program adds: a warehouse that never answers. */
export const warehouseModule = `export function wait_for_warehouse(_args, { signal }) {
  // Never settles on its own: only the engine's timeout (the signal) ends the call.
  return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('warehouse gave up'))));
}
`;
