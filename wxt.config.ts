import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { DRAWER_FILE } from './lib/host-page/drawer-contract.ts';
import { CONTROL_PANEL_MATCHES } from './lib/host-page/hosts.ts';

// Every permission is listed, with why, in the README ("Permissions").
export default defineConfig({
  imports: false,
  // Every `browser.*` call goes through webextension-polyfill (`wxt/browser` is aliased to it),
  // so Chrome and Firefox run the same promise-based code.
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    // Messages in public/_locales/{en,fr}; Chrome refuses _locales without a default.
    default_locale: 'en',
    host_permissions: [
      // The control panels with e-mail pages: the panel's content script runs there (same
      // list as its `matches`) and the toolbar button talks to it; its API calls are
      // same-origin with the person's own session.
      ...CONTROL_PANEL_MATCHES,
      // The local companion proxy, which the background service worker alone calls.
      // `localhost` is left out on purpose: the extension always uses the address 127.0.0.1
      // (the proxy listens there, and pairing rewrites `localhost`), so one is enough.
      'http://127.0.0.1/*',
    ],
    permissions: ['storage', 'notifications'],
    // The panel's drawer, which the launcher (the content script) loads on first open with an
    // `import()` (lib/host-page/drawer-contract.ts): only the control-panel hosts may load it.
    // Chrome refuses the extension when a pattern here has a path: origins only.
    web_accessible_resources: [
      {
        resources: [DRAWER_FILE.slice(1)],
        matches: [...new Set(CONTROL_PANEL_MATCHES.map((m) => `${new URL(m).origin}/*`))],
      },
    ],
    icons: ICONS,
    // No popup: a click is `action.onClicked` (entrypoints/background/toolbar-button.ts).
    action: { default_title: '__MSG_action_title__', default_icon: ICONS },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // A stable add-on id for storage and for signing.
              id: 'ovh-migrate-platform@extensions.invalid',
              // MV3 as we use it needs 128 (host permissions granted at install from 127,
              // `data_collection_permissions` refused by 127 and older); Firefox reads that key
              // from 140, and `web-ext lint` wants the minimum to be a version that does. 140 is
              // the oldest ESR still supported.
              strict_min_version: '140.0',
              // Nothing leaves the browser except to OVHcloud (the person's own session) and
              // the local proxy: no data collection to declare.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads `data_collection_permissions` from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // storage.session (102), AbortSignal.any (116) in the content script's API client.
          minimum_chrome_version: '116',
        }),
  }),
  vite: () => ({
    plugins: [preact()],
    resolve: {
      // WXT's storage (and anything else importing `@wxt-dev/browser` directly) through the
      // polyfill too; `wxt/browser` itself is aliased by the module above.
      alias: [
        { find: /^@wxt-dev\/browser$/, replacement: '@wxt-dev/webextension-polyfill/browser' },
      ],
    },
  }),
});

const ICONS = {
  16: '/icon/16.png',
  32: '/icon/32.png',
  48: '/icon/48.png',
  128: '/icon/128.png',
};
