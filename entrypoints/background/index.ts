import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onMessages } from '../../lib/messaging.ts';
import { installWelcome, migrationSecrets, proxyPairing } from '../../lib/storage.ts';
import { openOptionsOnInstall } from './install.ts';
import { createNotifications } from './notifications.ts';
import { createPairingHandlers } from './pairing.ts';
import { createProxyBridge } from './proxy-bridge.ts';
import { createSecretsHandlers } from './secrets.ts';
import { registerToolbarButton } from './toolbar-button.ts';

// Wiring only; every listener is added synchronously at start-up, so that the events which
// wake a stopped service worker (a message, a click) reach it.
export default defineBackground(() => {
  const openOptionsPage = () => browser.runtime.openOptionsPage();
  // All traffic to the local companion proxy goes through here: Chromium's Local Network
  // Access check blocks it from the page's content script.
  const bridge = createProxyBridge({ pairing: proxyPairing });
  onMessages({
    ...bridge,
    ...createPairingHandlers({
      // chrome-extension://<id>, moz-extension://<uuid>: the origin the proxy hands its token to.
      extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
      pair: (candidate) => bridge['proxy.pair'](candidate),
    }),
    // The runs' passwords, for this browser session only.
    ...createSecretsHandlers({ store: migrationSecrets() }),
    ...createNotifications({
      notifications: browser.notifications,
      focusTab: async (tabId, windowId) => {
        await browser.tabs.update(tabId, { active: true });
        if (windowId !== undefined) await browser.windows.update(windowId, { focused: true });
      },
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      firefox: import.meta.env.FIREFOX,
    }),
  });
  registerToolbarButton({ onClicked: browser.action.onClicked, openOptionsPage });
  openOptionsOnInstall({
    onInstalled: browser.runtime.onInstalled,
    openOptionsPage,
    welcome: installWelcome,
  });
});
