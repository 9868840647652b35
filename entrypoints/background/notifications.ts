/**
 * Browser notifications the content script asks for (`notify`) when a long copy ends or fails
 * while its tab is hidden (lib/browser/notify.ts decides when). The text comes from the content
 * script, which knows the person's language. Clicking one brings its tab back to the front; the
 * tab is written in the notification's id, so this still works after the service worker was
 * stopped and started again.
 */
import { z } from 'zod';
import { failure, type Handlers, type MessageSender } from '../../lib/messaging.ts';
import { summarizeIssues } from './validation.ts';

export interface NotificationsOptions {
  /** `browser.notifications`, or a fake. */
  notifications: {
    create(id: string, options: NotificationOptions): Promise<string>;
    clear(id: string): Promise<boolean>;
    onClicked: { addListener(listener: (id: string) => void): void };
  };
  /** Brings a tab and its window to the front. */
  focusTab(tabId: number, windowId: number | undefined): Promise<void>;
  /** The icon shown in the notification (Chrome requires one). */
  iconUrl: string;
  /**
   * Firefox rejects `requireInteraction` (unsupported there), so it is only sent to Chrome.
   * @default false
   */
  firefox?: boolean;
}

export interface NotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  requireInteraction?: boolean;
}

const PREFIX = 'ovh-migrate';

const NotifySchema = z.object({
  title: z.string().trim().min(1).max(120),
  message: z.string().trim().min(1).max(600),
  requireInteraction: z.boolean().optional(),
});

export function createNotifications(options: NotificationsOptions): Handlers<'notify'> {
  const { notifications, focusTab, iconUrl, firefox = false } = options;

  notifications.onClicked.addListener((id) => {
    const target = parseId(id);
    if (!target) return;
    void notifications.clear(id);
    if (target.tabId !== undefined) void focusTab(target.tabId, target.windowId).catch(() => {});
  });

  return {
    notify: async (data, sender = {}) => {
      const input = NotifySchema.safeParse(data);
      if (!input.success) return failure('bad_request', summarizeIssues(input.error));
      const { title, message, requireInteraction } = input.data;
      // Unique across service worker restarts too (a counter would start again at 1).
      const id = notificationId(sender, crypto.randomUUID());
      const created = await notifications.create(id, {
        type: 'basic',
        iconUrl,
        title,
        message,
        ...(requireInteraction && !firefox ? { requireInteraction } : {}),
      });
      return { ok: true, value: { notificationId: created } };
    },
  };
}

function notificationId(sender: MessageSender, unique: string): string {
  const tabId = sender.tab?.id;
  const windowId = sender.tab?.windowId;
  return [PREFIX, tabId ?? '', windowId ?? '', unique].join(':');
}

function parseId(id: string): { tabId?: number; windowId?: number } | undefined {
  const [prefix, tab, window] = id.split(':');
  if (prefix !== PREFIX) return undefined;
  const number = (text: string | undefined) =>
    text && /^\d+$/.test(text) ? Number(text) : undefined;
  return { tabId: number(tab), windowId: number(window) };
}
