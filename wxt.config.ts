import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Preact through its Vite preset: WXT has no Preact module.
export default defineConfig({
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    // Messages in public/_locales/{en,fr}; Chrome refuses _locales without a default.
    default_locale: 'en',
    // Only the local companion proxy, which the background service worker alone calls; the
    // control panel is reached through the content script's own origin, so no other host
    // permission is needed. `localhost` is left out on purpose: the extension always uses the
    // address 127.0.0.1 (the proxy listens there, and the options page rewrites `localhost`),
    // so one loopback permission is enough.
    host_permissions: ['http://127.0.0.1/*'],
    permissions: ['storage'],
    // Firefox needs a stable add-on id for storage and for signing.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'ovh-migrate-platform@extensions.invalid' } } }
      : {}),
  }),
  vite: () => ({ plugins: [preact()] }),
});
