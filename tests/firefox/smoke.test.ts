// Firefox smoke test: the MV3 add-on as built, in Debian's firefox-esr. It installs, its
// background answers (through webextension-polyfill) and keeps a run's passwords, and the
// control panel, served under its production host with the person's session, gets the panel.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEnvelope } from '../../lib/messaging.ts';
import { startProxyProcess } from '../fixtures/proxy-process.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { logIn, PANEL_ORIGIN, serveControlPanel } from './control-panel.ts';
import { ADDON_ID, ADDON_UUID, type FirefoxWithAddon, launchFirefoxWithAddon } from './firefox.ts';

let sandbox: Sandbox;
let firefox: FirefoxWithAddon;

beforeAll(async () => {
  [sandbox, firefox] = await Promise.all([startSandbox({ imap: false }), launchFirefoxWithAddon()]);
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.stop();
});

describe('the add-on in Firefox', () => {
  it('installs (MV3, temporary) and its background answers the options page', async () => {
    expect(firefox.installedId).toBe(ADDON_ID);
    const options = await firefox.openAddonPage('options.html');
    await expect
      .poll(() =>
        options.evaluate(() =>
          document.querySelector('[data-testid="proxy-status"]')?.getAttribute('data-state'),
        ),
      )
      // Not paired: it looked for the proxy on 127.0.0.1:7464 (`found` if one runs there).
      .toMatch(/^(absent|found)$/);
    await options.close();
  });

  it('pairs in one step with the code the real proxy shows', async () => {
    const proxy = await startProxyProcess();
    const page = await firefox.openAddonPage('options.html');
    try {
      const send = (message: unknown) =>
        page.evaluate(
          (m) =>
            (globalThis as unknown as typeof import('wxt/browser')).browser.runtime.sendMessage(m),
          message,
        ) as Promise<{ ok: boolean; value?: Record<string, unknown>; error?: unknown }>;
      const before = proxy.output().length;
      const started = await send(toEnvelope('pairing.start', { url: proxy.url }));
      expect(started).toMatchObject({ ok: true, value: { url: proxy.url } });
      const shown = await proxy.waitForOutput(/Code: +(\d{3}) (\d{3})/, before);
      expect(proxy.output()).toContain(
        `Pairing requested by the extension moz-extension://${ADDON_UUID}.`,
      );
      const paired = await send(
        toEnvelope('pairing.confirm', {
          url: proxy.url,
          requestId: String(started.value?.requestId),
          code: `${shown[1]}${shown[2]}`,
        }),
      );
      expect(paired).toMatchObject({ ok: true, value: { state: 'ready', url: proxy.url } });
    } finally {
      // The tests after this one expect an add-on that was never paired.
      await page.evaluate(() =>
        (globalThis as unknown as typeof import('wxt/browser')).browser.storage.local.remove(
          'proxyPairing',
        ),
      );
      await page.close();
      await proxy.kill();
    }
  });

  it('keeps a run’s passwords in the background, and forgets them on clear', async () => {
    const page = await firefox.openAddonPage('options.html');
    const send = (message: unknown) =>
      page.evaluate(
        (m) =>
          (globalThis as unknown as typeof import('wxt/browser')).browser.runtime.sendMessage(m),
        message,
      );
    const ref = { runId: 'run-ff', key: 'sourcePassword' } as const;
    expect(await send(toEnvelope('secrets.set', { ...ref, password: 'Jd-Sandbox-2025!' }))).toEqual(
      { ok: true, value: null },
    );
    expect(await send(toEnvelope('secrets.get', ref))).toEqual({
      ok: true,
      value: 'Jd-Sandbox-2025!',
    });
    expect(await send(toEnvelope('secrets.clear', { runId: 'run-ff' }))).toEqual({
      ok: true,
      value: null,
    });
    expect(await send(toEnvelope('secrets.get', ref))).toEqual({ ok: true, value: null });
    await page.close();
  });

  it('mounts the launcher on the control panel, whose panel lists the services with the session', async () => {
    const page = await firefox.browser.newPage();
    await serveControlPanel(page, sandbox);
    await logIn(firefox.browser, sandbox);
    await page.goto(
      `${PANEL_ORIGIN}/manager/#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account`,
    );
    // The panel's shadow root is open: `>>>` looks inside it.
    const inPanel = (testId: string) => page.locator(`>>> [data-testid="${testId}"]`);
    await inPanel('panel-launcher').click();
    await page.waitForSelector('>>> [data-testid="panel-drawer"]');
    expect(await textOf(page, 'page-service')).toContain('hosted-ab12345-1');
    // The content script asked the background (runtime messaging, as its password store does).
    await expect
      .poll(() =>
        page.$eval('>>> [data-testid="proxy-banner-state"]', (element) =>
          element.getAttribute('data-state'),
        ),
      )
      .toBe('not_configured');

    await inPanel('start-wizard').click();
    await page.waitForSelector('>>> [data-testid="account-option"]');
    // The customer's source services (those with accounts, read from the API with the session
    // as they load: Exchange and E-mail Pro) and the page service's accounts.
    const sourceServices = () =>
      page.$$eval('>>> [data-testid="source-service"] option', (options) =>
        options.map((option) => option.textContent ?? '').join('\n'),
      );
    for (const service of ['hosted-ab12345-1', 'hosted-ab12345-2', 'emailpro-ab12345-1']) {
      await expect.poll(sourceServices, { timeout: 20_000 }).toContain(service);
    }
    const accounts = await page.$$eval('>>> [data-testid="account-option"]', (options) =>
      options.map((option) => option.getAttribute('data-address')),
    );
    expect(accounts.sort()).toEqual([
      'accueil@dupont-avocats.test',
      'jean.dupont@dupont-avocats.test',
      'marie.martin@dupont-avocats.test',
    ]);
    // One panel, in the top frame only: the product page's iframe has none.
    expect(await page.$$('ovh-migrate-panel')).toHaveLength(1);
    const frames = page.mainFrame().childFrames();
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(await frame.$$('ovh-migrate-panel')).toHaveLength(0);
    await page.close();
  });

  it('shows the copy-ended notification without requireInteraction, which Firefox refuses', async () => {
    const page = await firefox.openAddonPage('options.html');
    type AddonBrowser = typeof import('wxt/browser').browser;
    const reply = await page.evaluate(
      (m) => (globalThis as unknown as { browser: AddonBrowser }).browser.runtime.sendMessage(m),
      toEnvelope('notify', {
        title: 'Copy finished',
        message: 'jean.dupont@dupont-avocats.test: 42 messages copied and verified.',
        requireInteraction: true,
      }),
    );
    expect(reply).toMatchObject({ ok: true, value: { notificationId: expect.any(String) } });
    // A notification's alert window would be the browser's latest window: browsingContext.create
    // then fails ("TabManager.getTabBrowser(...) is undefined"). Hence last in this file, cleared.
    const id = (reply as { value: { notificationId: string } }).value.notificationId;
    // What the background avoids: Firefox refuses the option outright (at the call, not later).
    const direct = await page.evaluate(async () => {
      try {
        await (globalThis as unknown as { browser: AddonBrowser }).browser.notifications.create({
          type: 'basic',
          title: 't',
          message: 'm',
          iconUrl: '/icon/128.png',
          requireInteraction: true,
        });
        return 'created';
      } catch (error) {
        return String(error);
      }
    });
    expect(direct).toMatch(/Unexpected property "requireInteraction"/);
    await page.evaluate(
      (n) => (globalThis as unknown as { browser: AddonBrowser }).browser.notifications.clear(n),
      id,
    );
    await page.close();
  });
});

async function textOf(page: Page, testId: string): Promise<string> {
  return page.$eval(`>>> [data-testid="${testId}"]`, (element) => element.textContent ?? '');
}
