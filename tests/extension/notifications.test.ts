import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createNotifications } from '../../entrypoints/background/notifications.ts';
import { notifyWhenHidden } from '../../lib/browser/notify.ts';
import { onMessages } from '../../lib/messaging.ts';
import { backgroundHandlers } from './helpers.ts';

const ICON = 'chrome-extension://test-extension-id/icon/128.png';
let focused: [number, number | undefined][] = [];

function start(firefox = false) {
  return createNotifications({
    notifications: fakeBrowser.notifications,
    focusTab: async (tabId, windowId) => {
      focused.push([tabId, windowId]);
    },
    iconUrl: ICON,
    firefox,
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  focused = [];
});

describe('notify: a browser notification for the content script', () => {
  it('shows the text with the extension icon; a click brings the sending tab back', async () => {
    const { notify } = start();
    const reply = await notify(
      { title: 'Copy finished', message: 'jane@example.com: 1,204 messages copied and verified.' },
      { tab: { id: 12, windowId: 3 } },
    );
    if (!reply.ok) throw new Error(reply.error.message);
    const id = reply.value.notificationId;
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({
      [id]: {
        type: 'basic',
        iconUrl: ICON,
        title: 'Copy finished',
        message: 'jane@example.com: 1,204 messages copied and verified.',
      },
    });

    await fakeBrowser.notifications.onClicked.trigger(id);
    expect(focused).toEqual([[12, 3]]);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('gives each notification its own id, and a click still finds its tab after a restart', async () => {
    const first = await start().notify(
      { title: 'Copy failed', message: 'The destination mailbox is full.' },
      { tab: { id: 5, windowId: 1 } },
    );
    const second = await start().notify(
      { title: 'Copy failed', message: 'The destination mailbox is full.' },
      { tab: { id: 6, windowId: 1 } },
    );
    if (!first.ok || !second.ok) throw new Error('notify failed');
    expect(first.value.notificationId).not.toBe(second.value.notificationId);

    // A new service worker: only the listener it registers at start-up hears the click.
    fakeBrowser.notifications.onClicked.removeAllListeners();
    start();
    await fakeBrowser.notifications.onClicked.trigger(first.value.notificationId);
    expect(focused).toEqual([[5, 1]]);
  });

  it('keeps a failure on screen in Chrome; Firefox (which refuses the option) does not get it', async () => {
    const request = { title: 'Copy failed', message: 'Wrong password.', requireInteraction: true };
    const chrome = await start(false).notify(request, { tab: { id: 1, windowId: 0 } });
    const firefox = await start(true).notify(request, { tab: { id: 2, windowId: 0 } });
    if (!chrome.ok || !firefox.ok) throw new Error('notify failed');
    const all = fakeBrowser.notifications.getAllCreateOptions();
    expect(all[chrome.value.notificationId]).toMatchObject({ requireInteraction: true });
    expect(all[firefox.value.notificationId]).not.toHaveProperty('requireInteraction');
  });

  it('refuses an empty or oversized text, and ignores clicks on other notifications', async () => {
    const { notify } = start();
    expect(await notify({ title: ' ', message: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await notify({ title: 't', message: 'x'.repeat(601) })).toMatchObject({ ok: false });
    await fakeBrowser.notifications.onClicked.trigger('someone-else:1:2');
    expect(focused).toEqual([]);
  });
});

describe('notifyWhenHidden (content script)', () => {
  it('asks the background only while the tab is hidden', async () => {
    onMessages(backgroundHandlers(start()));
    const request = { title: 'Copy finished', message: 'Done.' };
    expect(await notifyWhenHidden(request, { document: { visibilityState: 'visible' } })).toBe(
      undefined,
    );
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});

    const shown = await notifyWhenHidden(request, { document: { visibilityState: 'hidden' } });
    expect(shown).toMatchObject({ ok: true });
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions())).toEqual([
      expect.objectContaining({ title: 'Copy finished', message: 'Done.' }),
    ]);
  });

  it('keeps the end or failure of a copy on screen until dismissed in Chrome, not in Firefox', async () => {
    const hidden = { document: { visibilityState: 'hidden' as const } };
    const stop = onMessages(backgroundHandlers(start(false)));
    const chrome = await notifyWhenHidden({ title: 'Copy failed', message: 'Quota full.' }, hidden);
    stop();
    onMessages(backgroundHandlers(start(true)));
    const firefox = await notifyWhenHidden({ title: 'Copy finished', message: 'Done.' }, hidden);
    if (!chrome?.ok || !firefox?.ok) throw new Error('notify failed');
    const all = fakeBrowser.notifications.getAllCreateOptions();
    expect(all[chrome.value.notificationId]).toEqual({
      type: 'basic',
      iconUrl: ICON,
      title: 'Copy failed',
      message: 'Quota full.',
      requireInteraction: true,
    });
    expect(all[firefox.value.notificationId]).not.toHaveProperty('requireInteraction');
  });

  it('lets a caller ask for one that fades by itself', async () => {
    onMessages(backgroundHandlers(start(false)));
    const reply = await notifyWhenHidden(
      { title: 'Copy finished', message: 'Done.', requireInteraction: false },
      { document: { visibilityState: 'hidden' } },
    );
    if (!reply?.ok) throw new Error('notify failed');
    expect(
      fakeBrowser.notifications.getAllCreateOptions()[reply.value.notificationId],
    ).not.toHaveProperty('requireInteraction');
  });

  it('hands back the background’s refusal rather than throwing', async () => {
    const send = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'internal' as const, message: 'gone' },
    }));
    const reply = await notifyWhenHidden(
      { title: 't', message: 'm' },
      { document: { visibilityState: 'hidden' }, send: send as never },
    );
    expect(reply).toMatchObject({ ok: false });
    expect(send).toHaveBeenCalledOnce();
  });
});
