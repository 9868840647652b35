// The background as built: its start-up wiring on the fake browser, the toolbar button and the
// options page on install.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background/index.ts';
import { onPanelOpenRequest } from '../../lib/browser/panel-open.ts';
import { MESSAGE_TARGETS, type MessageType, sendMessage, toEnvelope } from '../../lib/messaging.ts';

const CONTROL_PANEL_TAB = 21;
let optionsOpened = 0;

type Listener = (message: unknown, sender: unknown, respond: (reply: unknown) => void) => unknown;
/** The listeners of "the control-panel tab's content script": added after the background's. */
let tabListeners: Listener[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  optionsOpened = 0;
  tabListeners = [];
  vi.restoreAllMocks();
  fakeBrowser.runtime.openOptionsPage = async () => {
    optionsOpened += 1;
  };
  background.main();
  // The fake browser has one runtime for every context and no tabs.sendMessage: listeners added
  // from here on belong to the control-panel tab, and tabs.sendMessage delivers to them only,
  // as a browser does (any other tab has no content script of ours).
  vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((listener) => {
    tabListeners.push(listener as Listener);
  });
  vi.spyOn(fakeBrowser.runtime.onMessage, 'removeListener').mockImplementation((listener) => {
    tabListeners = tabListeners.filter((l) => l !== listener);
  });
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(
    async (tabId: number, message: unknown) => {
      if (tabId !== CONTROL_PANEL_TAB || tabListeners.length === 0) {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }
      return new Promise<unknown>((resolve) => {
        const kept = tabListeners.map((listener) => listener(message, {}, resolve));
        if (!kept.includes(true)) resolve(undefined);
      });
    },
  );
});

/** Clicks the toolbar button on `tab` (the background reacts asynchronously: wait for it). */
async function click(tab: { id?: number }) {
  await fakeBrowser.action.onClicked.trigger(tab as never);
}

describe('the toolbar button', () => {
  it('opens the panel on a control-panel tab, not the options page', async () => {
    let panelOpened = 0;
    const stop = onPanelOpenRequest(() => {
      panelOpened += 1;
    });
    await click({ id: CONTROL_PANEL_TAB });
    await vi.waitFor(() => expect(panelOpened).toBe(1));
    expect(optionsOpened).toBe(0);
    stop();
  });

  it('opens the options page on any other tab, and on a tab without a page', async () => {
    await click({ id: 3 });
    await vi.waitFor(() => expect(optionsOpened).toBe(1));
    await click({});
    await vi.waitFor(() => expect(optionsOpened).toBe(2));
  });

  it('opens the options page when the panel’s listener was stopped (ctx invalidated)', async () => {
    const controller = new AbortController();
    onPanelOpenRequest(() => {
      throw new Error('must not be called');
    }, controller.signal);
    controller.abort();
    await click({ id: CONTROL_PANEL_TAB });
    await vi.waitFor(() => expect(optionsOpened).toBe(1));
  });
});

describe('on install', () => {
  it('opens the options page on first install only, once per profile', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update' } as never);
    expect(optionsOpened).toBe(0);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(() => expect(optionsOpened).toBe(1));
    expect(await fakeBrowser.storage.local.get('installWelcome')).toEqual({
      installWelcome: { shownAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
    // Chrome says "install" again at each start for a command-line loaded extension.
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(optionsOpened).toBe(1);
  });
});

describe('the background’s wiring', () => {
  it('answers every message meant for it, and none meant for tabs', async () => {
    const answered: MessageType[] = [];
    for (const type of Object.keys(MESSAGE_TARGETS) as MessageType[]) {
      const reply = await fakeBrowser.runtime.sendMessage(toEnvelope(type, {} as never));
      // Only a handler answers with an Outcome; a bad request is still an answer.
      if (typeof reply === 'object' && reply !== null && 'ok' in reply) answered.push(type);
    }
    expect(answered.sort()).toEqual(
      Object.entries(MESSAGE_TARGETS)
        .filter(([, target]) => target === 'background')
        .map(([type]) => type)
        .sort(),
    );
  });

  it('keeps a password across messages', async () => {
    await sendMessage('secrets.set', { runId: 'r1', key: 'sourcePassword', password: 'pw-123456' });
    expect(await sendMessage('secrets.get', { runId: 'r1', key: 'sourcePassword' })).toEqual({
      ok: true,
      value: 'pw-123456',
    });
  });
});

describe('a content script that takes panel.open without answering it', () => {
  it('counts as there: the options page does not open', async () => {
    let heard = 0;
    const listener = (message: unknown) => {
      if ((message as { type?: string }).type === 'panel.open') heard += 1;
      return undefined;
    };
    fakeBrowser.runtime.onMessage.addListener(listener as never);
    await click({ id: CONTROL_PANEL_TAB });
    await vi.waitFor(() => expect(heard).toBe(1));
    // Let the background finish reacting before looking for what it did not do.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(optionsOpened).toBe(0);
  });
});
