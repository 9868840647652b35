import { defineBackground } from 'wxt/utils/define-background';
import { onMessages } from '../../lib/messaging.ts';
import { proxyPairing } from '../../lib/storage.ts';
import { createProxyBridge } from './proxy-bridge.ts';

// Wiring only. All traffic to the local companion proxy goes through here: Chromium's Local
// Network Access check blocks it from the page's content script.
export default defineBackground(() => {
  onMessages(createProxyBridge({ pairing: proxyPairing }));
});
