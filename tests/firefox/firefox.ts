// Debian's firefox-esr with the built Firefox MV3 add-on, driven by puppeteer-core over WebDriver
// BiDi (no geckodriver, nothing downloaded). The add-on is installed as a temporary add-on, as
// about:debugging does, with a fixed moz-extension UUID so its pages can be opened by URL.

import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const ADDON_DIR = path.resolve(import.meta.dirname, '../../.output/firefox-mv3');
export const ADDON_ID = 'ovh-migrate-platform@extensions.invalid';
/** The add-on's internal UUID (Firefox picks a random one unless told). */
export const ADDON_UUID = '5b1f9d2e-0c7a-4e39-9a51-3f2b8c6d7e10';
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxWithAddon {
  browser: Browser;
  /** What Firefox answered when installing the add-on: its id. */
  installedId: string;
  /** Opens an add-on page (`options.html`) in a new tab and waits for it to load. */
  openAddonPage(file: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Send https traffic through the HTTP proxy on this 127.0.0.1 port (panel-host.ts), and take
   * its self-signed certificate. Loopback is never proxied.
   */
  httpsProxyPort?: number;
}

export async function launchFirefoxWithAddon(
  options: LaunchOptions = {},
): Promise<FirefoxWithAddon> {
  if (!existsSync(path.join(ADDON_DIR, 'manifest.json'))) {
    throw new Error(
      `The Firefox build is missing (${ADDON_DIR}): run \`npm run build:firefox\` first ` +
        '(`npm run test:firefox` does it).',
    );
  }
  if (!existsSync(FIREFOX)) {
    throw new Error(`No Firefox at ${FIREFOX}: run scripts/install-test-deps.sh.`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: options.httpsProxyPort !== undefined,
    extraPrefsFirefox: {
      ...(options.httpsProxyPort === undefined
        ? {}
        : {
            'network.proxy.type': 1,
            'network.proxy.ssl': '127.0.0.1',
            'network.proxy.ssl_port': options.httpsProxyPort,
          }),
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      // No traffic to Mozilla's services from the test browser.
      'browser.newtabpage.activity-stream.feeds.topsites': false,
      'browser.newtabpage.activity-stream.feeds.system.topstories': false,
      'services.settings.server': 'http://127.0.0.1:9/',
      'network.connectivity-service.enabled': false,
      'network.captive-portal-service.enabled': false,
    },
  });
  try {
    const installedId = await browser.installExtension(ADDON_DIR);
    return {
      browser,
      installedId,
      async openAddonPage(file) {
        const page = await browser.newPage();
        const url = `moz-extension://${ADDON_UUID}/${file}`;
        // Firefox loads add-on pages in another process: puppeteer's goto loses track of the
        // frame ("Frame detached") though the page loads. So: navigate, then ask the page.
        void page.goto(url).catch(() => undefined);
        await waitFor(
          () => page.evaluate(() => document.readyState === 'complete' && location.href),
          url,
        );
        return page;
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Polls `read` until it returns `expected` (puppeteer's own waits lose add-on pages). */
async function waitFor(read: () => Promise<unknown>, expected: unknown, attempts = 100) {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    last = await read().catch((error: unknown) => error);
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Waited for ${String(expected)}, last saw ${String(last)}`);
}
