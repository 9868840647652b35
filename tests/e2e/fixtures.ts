// Playwright fixtures for the built extension in Debian's Chromium (never a downloaded browser).
// One browser per test file: the first test of a file launches it, its last one closes it, so
// a file's tests share the extension's storage (run them in serial mode) and files do not.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BrowserContext,
  test as base,
  chromium,
  type Page,
  type Worker,
} from '@playwright/test';

export { expect } from '@playwright/test';

const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's background service worker. */
  serviceWorker: Worker;
  close(): Promise<void>;
}

export interface ExtensionFixtures {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Opens an extension page (`options.html`...) in a new tab. */
  openExtensionPage(page: string): Promise<Page>;
}

export interface LaunchOptions {
  /**
   * The browser's UI language, which picks the extension's messages (`public/_locales`).
   * @default 'en-US'
   */
  lang?: string;
  /**
   * Profile folder to use (a browser restart reuses it); kept on close when given.
   * @default a new temporary folder, removed on close
   */
  userDataDir?: string;
}

/** Launches Chromium with the built extension loaded; headless, no Google traffic. */
export async function launchExtensionBrowser(
  options: LaunchOptions = {},
): Promise<ExtensionBrowser> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `The built extension is missing (${EXTENSION_DIR}): run \`npm run build:extension\` first ` +
        '(`npm test` and `npm run test:e2e` do it).',
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: run scripts/install-test-deps.sh.`);
  }
  const ownDir = options.userDataDir === undefined;
  const userDataDir =
    options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'ovh-e2e-chromium-')));
  const removeDir = () => (ownDir ? rm(userDataDir, { recursive: true, force: true }) : undefined);
  const lang = options.lang ?? 'en-US';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // Chromium on Linux takes its UI language (the extension's i18n) from LANGUAGE, not --lang.
    env: { ...process.env, LANGUAGE: `${lang.replace('-', '_')}:${lang.split('-')[0]}` },
    // navigator.language and Accept-Language, as a browser in that language sends them.
    locale: lang,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--disable-gpu',
      // The extension's language must not depend on the machine's locale.
      `--lang=${lang}`,
    ],
  });
  try {
    const serviceWorker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    await startupOptionsPage(context, extensionId);
    return {
      context,
      extensionId,
      serviceWorker,
      async close() {
        await context.close();
        await removeDir();
      },
    };
  } catch (error) {
    await context.close();
    await removeDir();
    throw error;
  }
}

/**
 * The extension opens its options page at start-up (on install, and again when a restarted
 * browser loads the unpacked extension). Waits for that tab, so that it cannot take over a tab a
 * test opens next ("navigation interrupted by another navigation"); gives up after 5 s.
 */
async function startupOptionsPage(context: BrowserContext, extensionId: string): Promise<void> {
  const options = `chrome-extension://${extensionId}/options.html`;
  for (let waited = 0; waited < 5_000; waited += 50) {
    const page = context.pages().find((tab) => tab.url() === options);
    if (page) return void (await page.waitForLoadState('load').catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface WorkerFixtures {
  /** The browser of the test file running now, launched on first use. */
  extensionBrowsers: { forFile(file: string): Promise<ExtensionBrowser> };
}

export const test = base.extend<ExtensionFixtures, WorkerFixtures>({
  extensionBrowsers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures it needs from this pattern.
    async ({}, use) => {
      let current: { file: string; browser: Promise<ExtensionBrowser> } | undefined;
      const closeCurrent = async () => {
        const closing = current?.browser;
        current = undefined;
        await (await closing?.catch(() => undefined))?.close();
      };
      await use({
        async forFile(file) {
          if (current?.file !== file) {
            await closeCurrent();
            current = { file, browser: launchExtensionBrowser() };
          }
          return current.browser;
        },
      });
      await closeCurrent();
    },
    { scope: 'worker' },
  ],
  context: async ({ extensionBrowsers }, use, testInfo) => {
    await use((await extensionBrowsers.forFile(testInfo.file)).context);
  },
  extensionId: async ({ extensionBrowsers }, use, testInfo) => {
    await use((await extensionBrowsers.forFile(testInfo.file)).extensionId);
  },
  serviceWorker: async ({ extensionBrowsers }, use, testInfo) => {
    await use((await extensionBrowsers.forFile(testInfo.file)).serviceWorker);
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    const opened: Page[] = [];
    await use(async (page) => {
      const tab = await context.newPage();
      opened.push(tab);
      await tab.goto(`chrome-extension://${extensionId}/${page}`);
      return tab;
    });
    for (const tab of opened) await tab.close();
  },
});
