/**
 * For the content script: a browser notification when a long copy ends or fails while the
 * person is looking elsewhere. Shown only when the control-panel tab is hidden (another tab,
 * a minimised window); when the tab is visible, the panel itself says it.
 */
import { type NotifyRequest, type Outcome, sendMessage } from '../messaging.ts';

export interface NotifyWhenHiddenOptions {
  /** @default document */
  document?: Pick<Document, 'visibilityState'>;
  /** @default sendMessage (lib/messaging.ts) */
  send?: typeof sendMessage;
}

/** Asks the background for a notification if the tab is hidden; `undefined` when it is not. */
export async function notifyWhenHidden(
  request: NotifyRequest,
  options: NotifyWhenHiddenOptions = {},
): Promise<Outcome<{ notificationId: string }> | undefined> {
  const { document: doc = document, send = sendMessage } = options;
  if (doc.visibilityState !== 'hidden') return undefined;
  return send('notify', request);
}
