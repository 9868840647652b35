import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onMessages } from '../../lib/messaging.ts';
import { proxyPairing } from '../../lib/storage.ts';
import { createProxyBridge } from './proxy-bridge.ts';

// Wiring only. All traffic to the local companion proxy goes through here: Chromium's Local
// Network Access check blocks it from the page's content script.
export default defineBackground(() => {
  onMessages(createProxyBridge({ pairing: proxyPairing }));
  // The migration runner lives in the panel's content script and keeps the passwords it needs
  // in session storage (memory only); Chrome hides that area from content scripts unless asked.
  void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
});
