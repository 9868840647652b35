// A person's migration Exchange → E-mail Pro by clicks, in Debian's firefox-esr with the add-on
// as built: the fake control panel and its API (the sandbox, under www.ovh.com), the real proxy
// process and the sandbox's Dovecot servers. Firefox gives content scripts no storage.session,
// so this is where the runner's passwords must go through the background (lib/browser/
// secret-store.ts): the run ends with the destination mailbox equal to the source, and the
// background, not the page or the add-on's local storage, holds the passwords.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEnvelope } from '../../lib/messaging.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import type { ProxyProcess } from '../fixtures/proxy-process.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { logIn, PANEL_ORIGIN, startSandboxProxy } from './control-panel.ts';
import { type FirefoxWithAddon, launchFirefoxWithAddon } from './firefox.ts';
import { type ControlPanelHost, startControlPanelHost } from './panel-host.ts';

const JEAN = 'jean.dupont@dupont-avocats.test';
/** Beside the Chromium panel tests' screenshots (README: "Screenshots"). */
const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../.tmp/screenshots');
const shotPath = (name: string) => path.join(SCREENSHOT_DIR, `${name}.png`);
const JEAN_PASSWORD = 'Jd-Sandbox-2025!';

let sandbox: Sandbox;
let proxy: ProxyProcess;
let firefox: FirefoxWithAddon;
let host: ControlPanelHost;

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  sandbox = await startSandbox({ newAddressDelayMs: 100, taskStepMs: 30 });
  host = await startControlPanelHost(sandbox);
  [firefox, proxy] = await Promise.all([
    launchFirefoxWithAddon({ httpsProxyPort: host.port }),
    startSandboxProxy(sandbox),
  ]);
});
afterAll(async () => {
  await firefox?.close();
  await host?.close();
  await proxy?.kill();
  await sandbox?.stop();
});

type AddonBrowser = typeof import('wxt/browser').browser;

/** Sends a protocol message from an add-on page, as the panel's content script does. */
function send(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate(
    (m) => (globalThis as unknown as { browser: AddonBrowser }).browser.runtime.sendMessage(m),
    message,
  );
}

function mailEndpoint(host: string, user: string, password: string) {
  const login = sandbox.imapLogin(host, user, password);
  return { host: login.host, port: login.port, user, password, secure: true, ca: login.ca };
}

describe('the panel’s migration in Firefox', () => {
  it('Exchange → E-mail Pro by clicks: same mailbox, passwords only in the background', {
    timeout: 300_000,
  }, async () => {
    const before = await snapshotMailbox(
      mailEndpoint('ex5.mail.sandbox.test', JEAN, JEAN_PASSWORD),
    );
    expect(before.messageCount).toBeGreaterThan(0);

    // Paired as the options page leaves it (one-step pairing has its own test in smoke.test.ts).
    const addon = await firefox.openAddonPage('options.html');
    await addon.evaluate(
      (pairing) =>
        (globalThis as unknown as { browser: AddonBrowser }).browser.storage.local.set({
          proxyPairing: pairing,
        }),
      { url: proxy.url, token: proxy.token },
    );
    expect(await send(addon, toEnvelope('proxy.status', undefined))).toMatchObject({
      ok: true,
      value: { state: 'ready' },
    });

    const page = await firefox.browser.newPage();
    await logIn(firefox.browser, sandbox);
    await page.goto(
      `${PANEL_ORIGIN}/manager/#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account`,
    );
    const el = (selector: string) => page.locator(`>>> ${selector}`);
    const byId = (testId: string) => el(`[data-testid="${testId}"]`);
    const attribute = (selector: string, name: string) =>
      page
        .$eval(`>>> ${selector}`, (element, n) => element.getAttribute(n), name)
        .catch(() => null);

    await byId('panel-launcher').click();
    await byId('start-wizard').click();
    await el(`[data-testid="account-option"][data-address="${JEAN}"]`).setTimeout(60_000).click();
    await byId('wizard-next').click();
    const destination = '[data-testid="destination-option"][data-service="emailpro-ab12345-1"]';
    await expect
      .poll(() => attribute(destination, 'data-fit'), { timeout: 60_000 })
      .not.toMatch(/^(loading|null)$/);
    await el(destination).click();
    await byId('wizard-next').click();
    await byId('source-mode-keep').click();
    await byId('source-password').fill(JEAN_PASSWORD);
    await byId('wizard-next').click();
    await expect
      .poll(() => attribute('[data-testid="plan"]', 'data-runnable'), { timeout: 30_000 })
      .toBe('true');
    const destinationPassword = await page.$eval(
      '>>> [data-testid="generated-destination"]',
      (element) => element.textContent ?? '',
    );
    expect(destinationPassword.length).toBeGreaterThan(8);
    await byId('plan-start').click();
    await expect
      .poll(() => attribute('[data-testid="run-view"]', 'data-status'), {
        timeout: 180_000,
        interval: 1000,
      })
      .toBe('completed')
      .finally(() => page.screenshot({ path: shotPath('firefox-en-ex-pro-report') }));
    const mismatched = await page.$$('>>> [data-testid="report-folder"][data-match="false"]');
    expect(mismatched).toHaveLength(0);
    expect(await page.$$('>>> [data-testid="report-folder"]')).not.toHaveLength(0);

    // Message by message, the E-mail Pro mailbox is the Exchange one.
    const after = await snapshotMailbox(
      mailEndpoint('pro1.mail.sandbox.test', JEAN, destinationPassword),
    );
    expect(compareSnapshots(before, after)).toEqual([]);

    // The run's passwords: kept by the background (storage.session there), asked for by run id;
    // nothing in the add-on's local storage (the run's saved state) or the page holds them.
    const local: Record<string, unknown> = await addon.evaluate(() =>
      (globalThis as unknown as { browser: AddonBrowser }).browser.storage.local.get(null),
    );
    const runIds = Object.keys(local)
      // WXT keeps each item's version under `<key>$`.
      .filter((key) => key.startsWith('migrationRun:') && !key.endsWith('$'))
      .map((key) => key.slice('migrationRun:'.length));
    expect(runIds).toHaveLength(1);
    const text = JSON.stringify(local);
    expect(text).not.toContain(JEAN_PASSWORD);
    expect(text).not.toContain(destinationPassword);
    const secret = (key: 'sourcePassword' | 'destinationPassword') =>
      send(addon, toEnvelope('secrets.get', { runId: runIds[0] ?? '', key }));
    expect(await secret('sourcePassword')).toEqual({ ok: true, value: JEAN_PASSWORD });
    expect(await secret('destinationPassword')).toEqual({ ok: true, value: destinationPassword });
    const pageText = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(pageText).not.toContain(JEAN_PASSWORD);
    expect(pageText).not.toContain(destinationPassword);

    await page.close();
    await addon.close();
  });
});
