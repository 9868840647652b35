// The extension's own plumbing in Debian's Chromium, production build: the options page on
// install, the toolbar button, notifications, and the runs' passwords kept by the background
// across a stopped service worker. One browser for the file; tests run in order.
//
// Headless Chromium has no toolbar to click: `chrome.action.onClicked.dispatch(tab)` in the
// service worker calls the very listeners a click would (and `notifications.onClicked` the same).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { browser } from 'wxt/browser';
import {
  type BackgroundMessageType,
  type MessageData,
  type MessageResult,
  type Outcome,
  toEnvelope,
} from '../../lib/messaging.ts';
import { startSandbox } from '../sandbox/index.ts';
import { expect, launchExtensionBrowser, test } from './fixtures.ts';
import { PANEL_ORIGIN, routeControlPanel } from './panel-harness.ts';

test.describe.configure({ mode: 'serial' });

declare const chrome: typeof browser & {
  action: { onClicked: { dispatch(tab: { id?: number }): void } };
  notifications: { onClicked: { dispatch(id: string): void } };
};

/** Sends a protocol message from an extension page, as the panel's content script does. */
async function send<K extends BackgroundMessageType>(
  page: Page,
  type: K,
  data: MessageData<K>,
): Promise<Outcome<MessageResult<K>>> {
  return page.evaluate(
    (message) => chrome.runtime.sendMessage(message),
    toEnvelope(type, data),
  ) as Promise<Outcome<MessageResult<K>>>;
}

/** The id of the tab in front (what a toolbar click passes to the listener). */
const frontTabId = (worker: Worker) =>
  worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });

const isOptionsPage = (extensionId: string) => (page: Page) =>
  page.url() === `chrome-extension://${extensionId}/options.html`;

/** The options page tab, once one is open (a new tab's URL is set after its `page` event). */
async function optionsPage(context: BrowserContext, extensionId: string): Promise<Page> {
  await expect.poll(() => context.pages().some(isOptionsPage(extensionId))).toBe(true);
  return context.pages().find(isOptionsPage(extensionId)) as Page;
}

/** A plain web page that is not the control panel, served by the test. */
async function openWebPage(page: Page) {
  await page.route('https://shop.example.test/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Shop</title><h1>Not OVHcloud</h1>' }),
  );
  await page.goto('https://shop.example.test/');
  await page.bringToFront();
}

test('the options page opens on install', async ({ context, extensionId }) => {
  const opened = await optionsPage(context, extensionId);
  await expect(opened.getByRole('heading', { level: 1 })).toHaveText(
    'OVHcloud Migrate platform: the companion proxy',
  );
  await opened.close();
});

test('the toolbar button elsewhere than the control panel opens the options page', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const page = await context.newPage();
  await openWebPage(page);
  const tabId = await frontTabId(serviceWorker);
  expect(tabId).toEqual(expect.any(Number));

  expect(context.pages().some(isOptionsPage(extensionId))).toBe(false);
  await serviceWorker.evaluate((id) => chrome.action.onClicked.dispatch({ id }), tabId);
  const options = await optionsPage(context, extensionId);
  await expect(options.getByTestId('proxy-status')).toBeVisible();
  await options.close();
  await page.close();
});

test('the toolbar button on a control-panel tab opens the panel there, not the options page', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const sandbox = await startSandbox({ imap: false });
  try {
    await routeControlPanel(context, sandbox);
    await context.addCookies([
      { name: 'SESSION', value: sandbox.session, domain: 'www.ovh.com', path: '/', secure: true },
    ]);
    const page = await context.newPage();
    await page.goto(`${PANEL_ORIGIN}/manager/#/web/email_pro/emailpro-ab12345-1`);
    await expect(page.getByTestId('panel-launcher')).toBeVisible();
    await expect(page.getByTestId('panel-drawer')).toHaveCount(0);
    await page.bringToFront();

    const tabId = await frontTabId(serviceWorker);
    await serviceWorker.evaluate((id) => chrome.action.onClicked.dispatch({ id }), tabId);
    await expect(page.getByTestId('panel-drawer')).toBeVisible();
    await expect(page.getByTestId('page-service')).toContainText('emailpro-ab12345-1');
    expect(context.pages().some(isOptionsPage(extensionId))).toBe(false);
    await page.close();
  } finally {
    await context.unroute(`${PANEL_ORIGIN}/**`);
    await sandbox.stop();
  }
});

test('notify shows a browser notification; clicking it brings the tab that asked back', async ({
  context,
  serviceWorker,
  openExtensionPage,
}) => {
  const asking = await openExtensionPage('options.html');
  const askingTabId = await asking.evaluate(async () => (await chrome.tabs.getCurrent())?.id);
  // As the panel sends it when a copy ends while its tab is hidden (lib/browser/notify.ts):
  // Chrome takes requireInteraction (the notification stays until dismissed).
  const reply = await send(asking, 'notify', {
    title: 'Copy finished',
    message: 'jean.dupont@dupont-avocats.test: 1,204 messages copied and verified.',
    requireInteraction: true,
  });
  if (!reply.ok) throw new Error(reply.error.message);
  const { notificationId } = reply.value;
  expect(await serviceWorker.evaluate(() => chrome.notifications.getAll())).toEqual({
    [notificationId]: true,
  });

  // The person is elsewhere when it appears.
  const elsewhere = await context.newPage();
  await openWebPage(elsewhere);
  expect(await frontTabId(serviceWorker)).not.toBe(askingTabId);

  await serviceWorker.evaluate((id) => chrome.notifications.onClicked.dispatch(id), notificationId);
  await expect.poll(() => frontTabId(serviceWorker)).toBe(askingTabId);
  await expect.poll(() => serviceWorker.evaluate(() => chrome.notifications.getAll())).toEqual({});
  await elsewhere.close();
});

test('a run’s passwords outlive a stopped service worker, and only the background holds them', async ({
  context,
  serviceWorker,
  openExtensionPage,
}) => {
  const page = await openExtensionPage('options.html');
  expect(
    await send(page, 'secrets.set', {
      runId: 'run-e2e',
      key: 'sourcePassword',
      password: 'Jd-Sandbox-2025!',
    }),
  ).toEqual({ ok: true, value: null });

  // Chrome stops an idle worker after 30 s; stop it now, as chrome://serviceworker-internals
  // does. A mark in the worker's memory tells the new worker from the old one.
  await serviceWorker.evaluate(() => {
    (globalThis as { testMark?: string }).testMark = 'old worker';
  });
  const cdp = await context.newCDPSession(page);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    statuses.push(...versions.map((version) => version.runningStatus));
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => statuses).toContain('stopped');

  // The message wakes a new worker, which finds the password in session storage.
  expect(await send(page, 'secrets.get', { runId: 'run-e2e', key: 'sourcePassword' })).toEqual({
    ok: true,
    value: 'Jd-Sandbox-2025!',
  });
  const worker = context.serviceWorkers().at(-1) as Worker;
  expect(await worker.evaluate(() => (globalThis as { testMark?: string }).testMark)).toBe(
    undefined,
  );
  // And nothing of it in local storage.
  expect(
    await worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null))),
  ).not.toContain('Jd-Sandbox');
  await cdp.detach();
  await page.close();
});

test('a browser restart forgets the passwords but keeps the run’s saved state', async () => {
  // Its own profile, closed and opened again (the file's browser stays as it is).
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'ovh-e2e-restart-'));
  try {
    let browser = await launchExtensionBrowser({ userDataDir });
    await browser.serviceWorker.evaluate(() =>
      chrome.storage.local.set({
        'migrationRun:run-restart': { version: 2, runId: 'run-restart' },
      }),
    );
    let page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    expect(
      await send(page, 'secrets.set', {
        runId: 'run-restart',
        key: 'destinationPassword',
        password: 'Dest-Sandbox-2025!',
      }),
    ).toEqual({ ok: true, value: null });
    await browser.close();

    browser = await launchExtensionBrowser({ userDataDir });
    try {
      page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      expect(
        await send(page, 'secrets.get', { runId: 'run-restart', key: 'destinationPassword' }),
      ).toEqual({ ok: true, value: null });
      expect(
        await browser.serviceWorker.evaluate(() =>
          chrome.storage.local.get('migrationRun:run-restart'),
        ),
      ).toEqual({ 'migrationRun:run-restart': { version: 2, runId: 'run-restart' } });
    } finally {
      await browser.close();
    }
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
  }
});
