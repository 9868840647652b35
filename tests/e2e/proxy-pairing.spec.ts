// The options page pairs the extension with the real proxy CLI, and the background relays the
// proxy API to a real Dovecot. One story, in order: the tests share the browser's storage.

import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import type { browser } from 'wxt/browser';
import {
  DEFAULT_PROXY_URL,
  type MessageData,
  type MessageResult,
  type MessageType,
  type Outcome,
  toEnvelope,
} from '../../lib/messaging.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { makeMessage, seedMailbox } from '../fixtures/maildir.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

// What `page.evaluate` and `serviceWorker.evaluate` run inside the extension sees.
declare const chrome: typeof browser;

let proxy: ProxyProcess | undefined;
let dovecot: DovecotServer | undefined;

test.afterAll(async () => {
  await proxy?.kill();
  await dovecot?.stop();
});

function startedProxy(): ProxyProcess {
  if (!proxy) throw new Error('the proxy is started by an earlier test of this file');
  return proxy;
}

/** Pairing by hand: the folded-away form of the options page. */
async function pair(page: Page, url: string, token: string) {
  const manual = page.getByTestId('pairing-manual');
  if (!(await manual.evaluate((details: HTMLDetailsElement) => details.open))) {
    await manual.locator('summary').click();
  }
  await page.getByTestId('proxy-url').fill(url);
  await page.getByTestId('proxy-token').fill(token);
  await page.getByTestId('proxy-pair').click();
}

/** Sends a protocol message from an extension page, as the panel's content script will. */
async function send<K extends MessageType>(
  page: Page,
  type: K,
  data: MessageData<K>,
): Promise<Outcome<MessageResult<K>>> {
  return page.evaluate(
    (message) => chrome.runtime.sendMessage(message),
    toEnvelope(type, data),
  ) as Promise<Outcome<MessageResult<K>>>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

test('with no proxy running, the options page says it is not running', async ({
  context,
  openExtensionPage,
}, testInfo) => {
  // Whatever runs on the default port of this machine: nothing, as far as this test goes.
  await context.route(`${DEFAULT_PROXY_URL}/**`, (route) => route.abort('connectionrefused'));
  const page = await openExtensionPage('options.html');
  const status = page.getByTestId('proxy-status');
  await expect(status).toHaveAttribute('data-state', 'absent');
  await expect(status).toContainText('The proxy is not running on this computer');
  await page.getByTestId('pairing-manual').locator('summary').click();
  await expect(page.getByTestId('proxy-url')).toHaveValue(DEFAULT_PROXY_URL);

  const url = `http://127.0.0.1:${await freePort()}`;
  await pair(page, url, 'some-token');
  await expect(page.getByTestId('pairing-problem')).toHaveText(
    `Nothing answers at ${url}: start the proxy (again), then press Check again.`,
  );
  await expect(status).toHaveAttribute('data-state', 'absent');
  await page.screenshot({ path: testInfo.outputPath('options-not-running.png'), fullPage: true });
});

test('a wrong token is refused, as an error', async ({ openExtensionPage }) => {
  proxy = await startProxyProcess();
  const page = await openExtensionPage('options.html');
  await pair(page, proxy.url, `${proxy.token.slice(0, -4)}0000`);
  const problem = page.getByTestId('pairing-problem');
  await expect(problem).toHaveAttribute('role', 'alert');
  await expect(problem).toContainText(`The proxy at ${proxy.url} refused this token`);
  await expect(page.getByTestId('proxy-status')).not.toHaveAttribute('data-state', 'ready');
});

test('the right token pairs, and the pairing outlives a reload', async ({
  openExtensionPage,
  serviceWorker,
}, testInfo) => {
  const { url, token } = startedProxy();
  const health = await startedProxy().call('health');
  const page = await openExtensionPage('options.html');
  // `localhost` is rewritten to the address the host permission covers.
  await pair(page, url.replace('127.0.0.1', 'localhost'), `  ${token}\n`);
  const status = page.getByTestId('proxy-status');
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toHaveText(`Paired with the proxy ${health.body.version} at ${url}.`);
  await expect(page.getByTestId('pairing-next')).toBeVisible();
  await expect(page.getByTestId('proxy-token')).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('options-paired.png'), fullPage: true });

  await page.reload();
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toContainText(`Paired with the proxy ${health.body.version}`);
  const stored = await serviceWorker.evaluate(() => chrome.storage.local.get('proxyPairing'));
  expect(stored).toEqual({ proxyPairing: { url, token } });
});

test('proxy.testCredentials reaches a real IMAP server through the background', async ({
  openExtensionPage,
}) => {
  const user = 'alice@example.test';
  const password = 'Alice-Secret-1';
  dovecot = await startDovecot({ users: [{ user, password }] });
  await seedMailbox(dovecot, user, [
    { path: ['INBOX'], messages: [1, 2, 3].map(() => ({ raw: makeMessage() })) },
    { path: ['Projets'] },
    { path: ['Projets', 'Été'], messages: [{ raw: makeMessage() }, { raw: makeMessage() }] },
  ]);
  const endpoint = { host: dovecot.host, port: dovecot.port, tls: 'none' as const, user };
  const page = await openExtensionPage('options.html');

  const outcome = await send(page, 'proxy.testCredentials', {
    source: { ...endpoint, password },
    destination: { ...endpoint, password: 'wrong-password' },
  });
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return;
  expect(outcome.value.source).toMatchObject({ ok: true, folders: 3, messages: 5 });
  expect(outcome.value.destination).toMatchObject({ ok: false, error: { code: 'auth_failed' } });

  // Errors cross messaging as plain objects with the contract's codes.
  const invalid = await send(page, 'proxy.getJob', { id: '' });
  expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  const missing = await send(page, 'proxy.getReport', { id: 'no-such-job' });
  expect(missing).toMatchObject({
    ok: false,
    error: { code: 'not_found', message: expect.any(String) },
  });
});
