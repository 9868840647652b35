// One-step pairing in Chromium (issue 11): the options page finds the proxy on the default port
// by itself, asks it for a pairing, and takes the code the real proxy CLI shows in its terminal.
// The default port is routed to a proxy on a free port (context.route sees the service worker's
// requests), so a proxy someone runs on 7464 on this machine cannot interfere. Screenshots of
// every state, in English and French, go to the test's output folder.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import type { browser } from 'wxt/browser';
import { DEFAULT_PROXY_URL } from '../../lib/messaging.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';
import { type ExtensionBrowser, expect, launchExtensionBrowser, test } from './fixtures.ts';

// What `serviceWorker.evaluate` runs inside the extension sees.
declare const chrome: typeof browser;

test.describe.configure({ mode: 'serial' });

const EN = {
  title: 'OVHcloud Migrate platform: the companion proxy',
  absent: 'The proxy is not running on this computer',
  found: 'The proxy is running on this computer',
  wrongCode: 'That is not the code the proxy shows. Tries left: 2.',
  next: 'Next: open the OVHcloud control panel',
  refused: 'refused this browser’s token',
  pending: 'Another pairing request is already waiting in the proxy’s window.',
  tooMany:
    /Too many wrong codes: the proxy cancelled the request\. Wait \d+ seconds?, then start again/,
  cooldown:
    /the proxy takes no new pairing request for a moment \(this keeps anyone from guessing the code\)\. Wait \d+ seconds?, then press “Pair with the proxy on this computer” again\./,
};

const FR = {
  title: 'OVHcloud Migrer de plateforme : le proxy compagnon',
  absent: 'Le proxy ne tourne pas sur cet ordinateur',
  found: 'Le proxy tourne sur cet ordinateur',
  wrongCode: 'Ce n’est pas le code qu’affiche le proxy. Essais restants : 2.',
  next: 'Ensuite : ouvrez l’espace client OVHcloud',
  refused: 'a refusé le jeton de ce navigateur',
  pending: 'Une autre demande d’appairage attend déjà dans la fenêtre du proxy.',
  tooMany:
    /Trop de codes erronés : le proxy a annulé la demande\. Patientez \d+ secondes?, puis recommencez/,
  cooldown:
    /le proxy n’accepte pas de nouvelle demande d’appairage pendant un court instant \(personne ne peut ainsi deviner le code\)\. Patientez \d+ secondes?, puis appuyez à nouveau sur « Appairer avec le proxy de cet ordinateur »\./,
};

/** Sends the default address to `target()`, or refuses the connection when it is undefined. */
async function routeDefaultPort(context: BrowserContext, target: () => string | undefined) {
  await context.route(`${DEFAULT_PROXY_URL}/**`, async (route) => {
    const to = target();
    if (!to) return route.abort('connectionrefused');
    const url = route.request().url().replace(DEFAULT_PROXY_URL, to);
    await route.fulfill({ response: await route.fetch({ url }) });
  });
}

test('what Chromium sends from the service worker to 127.0.0.1: Origin on POST, none on GET', async ({
  serviceWorker,
  extensionId,
}) => {
  const seen: { method?: string; origin?: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, origin: req.headers.origin });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await serviceWorker.evaluate(async (at) => {
      await fetch(`${at}/get`);
      await fetch(`${at}/post`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    }, `http://127.0.0.1:${port}`);
  } finally {
    server.close();
  }
  // The proxy's pairing routes rely on this (lib/proxy-contract/pairing.ts).
  expect(seen).toEqual([
    { method: 'GET', origin: undefined },
    { method: 'POST', origin: `chrome-extension://${extensionId}` },
  ]);
});

for (const lang of ['en', 'fr'] as const) {
  test.describe(`pairing in one step (${lang})`, () => {
    let extension: ExtensionBrowser;
    let proxy: ProxyProcess | undefined;
    let other: ProxyProcess | undefined;
    let target: string | undefined;
    let page: Page;

    test.beforeAll(async () => {
      extension = await launchExtensionBrowser({ lang: lang === 'fr' ? 'fr-FR' : 'en-US' });
      await routeDefaultPort(extension.context, () => target);
    });

    test.afterAll(async () => {
      await extension?.close();
      await proxy?.kill();
      await other?.kill();
    });

    const shot = (name: string) =>
      page.screenshot({
        path: test.info().outputPath(`options-${name}-${lang}.png`),
        fullPage: true,
      });
    const status = () => page.getByTestId('proxy-status');
    const words = lang === 'fr' ? FR : EN;

    test('with no proxy running, it says how to start one', async () => {
      // The extension opens its options page on install: take that tab (a second navigation
      // would race with it), and load it again now that the default port is routed.
      const options = `chrome-extension://${extension.extensionId}/options.html`;
      await expect
        .poll(() => extension.context.pages().some((p) => p.url() === options))
        .toBe(true);
      page = extension.context.pages().find((p) => p.url() === options) as Page;
      await page.reload();
      await expect(page).toHaveTitle(words.title);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.title);
      await expect(status()).toHaveAttribute('data-state', 'absent');
      await expect(status()).toContainText(words.absent);
      await expect(page.getByTestId('pairing-start')).toHaveCount(0);
      await shot('absent');
    });

    test('finds the proxy on the default port and pairs with the code it shows', async () => {
      proxy = await startProxyProcess();
      target = proxy.url;
      await page.getByTestId('proxy-check').click();
      await expect(status()).toHaveAttribute('data-state', 'found');
      await expect(status()).toContainText(words.found);
      await shot('found');

      const before = proxy.output().length;
      await page.getByTestId('pairing-start').click();
      const shown = await proxy.waitForOutput(/Code: +(\d{3}) (\d{3})/, before);
      const code = `${shown[1]}${shown[2]}`;
      expect(proxy.output()).toContain(
        `Pairing requested by the extension chrome-extension://${extension.extensionId}.`,
      );
      await expect(page.getByTestId('pairing-code')).toBeFocused();
      await shot('code');

      await page.getByTestId('pairing-code').fill(code === '000000' ? '000001' : '000000');
      await page.getByTestId('pairing-confirm').click();
      await expect(page.getByTestId('pairing-problem')).toContainText(words.wrongCode);
      await shot('wrong-code');

      await page.getByTestId('pairing-code').fill(`${shown[1]} ${shown[2]}`);
      await page.getByTestId('pairing-confirm').click();
      await expect(status()).toHaveAttribute('data-state', 'ready');
      await expect(page.getByTestId('pairing-next')).toContainText(words.next);
      await expect(page.getByTestId('pairing-problem')).toHaveCount(0);
      // No empty token field once paired: pairing by hand stays folded away.
      await expect(page.getByTestId('proxy-token')).toBeHidden();
      await shot('paired');

      const stored = await extension.serviceWorker.evaluate(() =>
        chrome.storage.local.get('proxyPairing'),
      );
      // The address the extension knows is the default one; the token is the proxy's own.
      expect(stored).toEqual({ proxyPairing: { url: DEFAULT_PROXY_URL, token: proxy.token } });
    });

    test('a proxy that refuses the stored token is shown as an error', async () => {
      // Another proxy (another data folder, so another token) now answers on the default port.
      other = await startProxyProcess();
      target = other.url;
      await page.reload();
      await expect(status()).toHaveAttribute('data-state', 'refused');
      await expect(status()).toHaveAttribute('role', 'alert');
      await expect(status()).toContainText(words.refused);
      await expect(page.getByTestId('pairing-start')).toBeVisible();
      await shot('refused');
    });

    test('three wrong codes: it says to wait, and a new request at once is refused until then', async () => {
      const running = other as ProxyProcess;
      const before = running.output().length;
      await page.getByTestId('pairing-start').click();
      const shown = await running.waitForOutput(/Code: +(\d{3}) (\d{3})/, before);
      const wrong = `${shown[1]}${shown[2]}` === '000000' ? '000001' : '000000';

      // Meanwhile, another tab asking to pair is told a request already waits.
      const second = await extension.context.newPage();
      await second.goto(page.url());
      await second.getByTestId('pairing-start').click();
      await expect(second.getByTestId('pairing-problem')).toContainText(words.pending);
      await second.screenshot({ path: test.info().outputPath(`options-pending-${lang}.png`) });
      await second.close();

      for (let attempt = 0; attempt < 3; attempt += 1) {
        await page.getByTestId('pairing-code').fill(wrong);
        await page.getByTestId('pairing-confirm').click();
        if (attempt < 2)
          await expect(page.getByTestId('pairing-problem')).toContainText(`${2 - attempt}`);
      }
      await expect(page.getByTestId('pairing-problem')).toHaveText(words.tooMany);
      await expect(page.getByTestId('pairing-code')).toHaveCount(0);
      await shot('too-many');

      const after = running.output().length;
      await page.getByTestId('pairing-start').click();
      await expect(page.getByTestId('pairing-problem')).toHaveText(words.cooldown);
      await expect(page.getByTestId('pairing-problem')).toHaveAttribute('role', 'alert');
      await expect(page.getByTestId('pairing-code')).toHaveCount(0);
      expect(running.output().slice(after)).not.toMatch(/Code:/);
      await shot('cooldown');
    });
  });
}
