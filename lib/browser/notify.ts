/**
 * For the content script: a browser notification when a long copy ends or fails while the
 * person is looking elsewhere. Shown only when the control-panel tab is hidden (another tab,
 * a minimised window); when the tab is visible, the panel itself says it.
 *
 * Such a notification stays until the person dismisses it (`requireInteraction`): they are away,
 * and the copy's end or failure is what they come back for (the drawer then shows what to do
 * next). The background leaves the option out on Firefox, which does not support it
 * (entrypoints/background/notifications.ts).
 */
import { type NotifyRequest, type Outcome, sendMessage } from '../messaging.ts';

export interface NotifyWhenHiddenOptions {
  /** @default document */
  document?: Pick<Document, 'visibilityState'>;
  /** @default sendMessage (lib/messaging.ts) */
  send?: typeof sendMessage;
}

/**
 * Asks the background for a notification if the tab is hidden; `undefined` when it is not.
 * `requireInteraction` defaults to true; pass false for one that may fade by itself.
 */
export async function notifyWhenHidden(
  request: NotifyRequest,
  options: NotifyWhenHiddenOptions = {},
): Promise<Outcome<{ notificationId: string }> | undefined> {
  const { document: doc = document, send = sendMessage } = options;
  if (doc.visibilityState !== 'hidden') return undefined;
  return send('notify', { ...request, requireInteraction: request.requireInteraction ?? true });
}
