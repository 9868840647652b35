import type { Handlers, MessageHandlers, MessageType } from '../../lib/messaging.ts';

/**
 * The handlers a test wires, as the background's complete map: the test only starts what it
 * exercises, and `onMessages` leaves the other message types unanswered.
 */
export function backgroundHandlers<K extends MessageType>(handlers: Handlers<K>): MessageHandlers {
  return handlers as unknown as MessageHandlers;
}
