import { defineBackground } from 'wxt/utils/define-background';

// Wiring only. The proxy bridge (all traffic to the local companion proxy goes through here,
// because Chromium's Local Network Access check blocks it from the page) lands with the panel.
export default defineBackground(() => {});
