// Firefox smoke test: the MV3 add-on as built, in Debian's firefox-esr. It installs, its
// background answers (through webextension-polyfill) and keeps a run's passwords, and the
// control panel, served under its production host with the person's session, gets the panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEnvelope } from '../../lib/messaging.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { logIn, PANEL_ORIGIN, serveControlPanel } from './control-panel.ts';
import { ADDON_ID, type FirefoxWithAddon, launchFirefoxWithAddon } from './firefox.ts';

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
      .toBe('not_configured');
    await options.close();
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

  it('the control panel loads under its production host with the session', async () => {
    const page = await firefox.browser.newPage();
    await serveControlPanel(page, sandbox);
    await logIn(firefox.browser, sandbox);
    await page.goto(`${PANEL_ORIGIN}/manager/#/web/email_pro/emailpro-ab12345-1`);
    // The page's own same-origin API call carries the session, as the content script's does.
    expect(
      await page.evaluate(async () => (await fetch('/engine/apiv6/email/pro')).json()),
    ).toEqual(['emailpro-ab12345-1', 'emailpro-ab12345-2']);
    await page.close();
  });
});
