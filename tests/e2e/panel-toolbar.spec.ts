// The toolbar button, beyond what extension-plumbing.spec.ts shows (www.ovh.com opens the panel,
// a shop opens the options page): the new EU host opens the panel too; the US control panel and
// an OVHcloud page outside the control panel open the options page; pressed again on an open
// panel it stays open, and after the panel was closed it opens it again on its heading with the
// view where the person left it.
//
// Headless Chromium has no toolbar to click: `chrome.action.onClicked.dispatch(tab)` in the
// service worker calls the very listeners a click would.

import type { BrowserContext, Page, Worker } from '@playwright/test';
import { startSandbox } from '../sandbox/index.ts';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

declare const chrome: {
  tabs: { query(q: object): Promise<Array<{ id?: number }>> };
  action: { onClicked: { dispatch(tab: { id?: number }): void } };
};

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
test.beforeAll(async () => {
  sandbox = await startSandbox({ imap: false });
});
test.afterAll(async () => {
  await sandbox?.stop();
});

/** Serves the fake control panel at `origin` (the new hosts: at `/`, the API at /engine/apiv6). */
async function serveControlPanel(context: BrowserContext, origin: string, prefix: string) {
  await context.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const at = url.pathname.startsWith('/engine/') ? url.pathname : `${prefix}${url.pathname}`;
    try {
      const response = await route.fetch({ url: `${sandbox.url}${at}${url.search}` });
      await route.fulfill({ response });
    } catch {
      await route.abort().catch(() => undefined);
    }
  });
  await context.addCookies([
    { name: 'SESSION', value: sandbox.session, url: origin, secure: true, httpOnly: true },
  ]);
}

/** A page that is no control panel, served by the test. */
async function servePage(context: BrowserContext, origin: string, title: string) {
  await context.route(`${origin}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<title>${title}</title><h1>${title}</h1>` }),
  );
}

/** Presses the toolbar button with `page` in front. */
async function pressToolbar(worker: Worker, page: Page) {
  await page.bringToFront();
  const tabId = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  expect(tabId).toEqual(expect.any(Number));
  await worker.evaluate((id) => chrome.action.onClicked.dispatch({ id }), tabId);
}

const optionsTabs = (context: BrowserContext, extensionId: string) =>
  context.pages().filter((p) => p.url() === `chrome-extension://${extensionId}/options.html`);

async function closeOptionsTabs(context: BrowserContext, extensionId: string) {
  await expect.poll(() => optionsTabs(context, extensionId).length).toBeLessThanOrEqual(1);
  for (const tab of optionsTabs(context, extensionId)) await tab.close();
}

test('on the new EU control panel host the toolbar button opens the panel', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  await closeOptionsTabs(context, extensionId);
  await serveControlPanel(context, 'https://manager.eu.ovhcloud.com', '/manager');
  const page = await context.newPage();
  await page.goto('https://manager.eu.ovhcloud.com/#/web/email_pro/emailpro-ab12345-1');
  await expect(page.getByTestId('panel-launcher')).toBeVisible();
  await pressToolbar(serviceWorker, page);
  await expect(page.getByTestId('panel-drawer')).toBeVisible();
  await expect(page.getByTestId('page-service')).toContainText('emailpro-ab12345-1');
  expect(optionsTabs(context, extensionId)).toHaveLength(0);

  // Pressed again on the open panel: it stays open, nothing else opens.
  await pressToolbar(serviceWorker, page);
  await expect(page.getByTestId('panel-drawer')).toBeVisible();

  // Closed, the view is kept; the button opens it again, focus on the view's heading.
  await page.getByTestId('start-wizard').click();
  await expect(page.getByTestId('wizard')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('panel-drawer')).toBeHidden();
  await expect(page.getByTestId('panel-launcher')).toBeFocused();
  await pressToolbar(serviceWorker, page);
  await expect(page.getByTestId('panel-drawer')).toBeVisible();
  await expect(page.getByTestId('wizard')).toBeVisible();
  await expect(page.getByTestId('step-heading')).toBeFocused();
  expect(optionsTabs(context, extensionId)).toHaveLength(0);
  await page.close();
});

for (const [what, url] of [
  ['the US control panel (no e-mail pages)', 'https://us.ovhcloud.com/manager/#/web'],
  ['an OVHcloud page outside the control panel', 'https://www.ovh.com/fr/emails/'],
] as const) {
  test(`on ${what} the toolbar button opens the options page`, async ({
    context,
    extensionId,
    serviceWorker,
  }) => {
    await closeOptionsTabs(context, extensionId);
    await servePage(context, new URL(url).origin, 'OVHcloud');
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('panel-launcher')).toHaveCount(0);
    await pressToolbar(serviceWorker, page);
    await expect.poll(() => optionsTabs(context, extensionId).length).toBe(1);
    await context.unroute(`${new URL(url).origin}/**`);
    await page.close();
  });
}
