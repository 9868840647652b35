// The OVHcloud sandbox's control panel and API served under https://www.ovh.com in Firefox:
// every request of the tab (the content script's same-origin API calls included) is answered
// by the sandbox, cookies and all, as tests/e2e/panel-harness.ts does for Chromium.

import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';
import type { Sandbox } from '../sandbox/index.ts';

export const PANEL_ORIGIN = 'https://www.ovh.com';

/** Serves `PANEL_ORIGIN` on `page` from the sandbox; other hosts fail (nothing leaves). */
export async function serveControlPanel(page: Page, sandbox: Sandbox): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    void answer(request, sandbox).catch((error: unknown) => {
      if (process.env.FIREFOX_DEBUG)
        console.error('[control panel]', request.method(), request.url(), error);
      return request.abort().catch(() => undefined);
    });
  });
}

/** The session cookie the sandbox opened, as the control panel's login leaves it. */
export async function logIn(browser: Browser, sandbox: Sandbox): Promise<void> {
  await browser.setCookie({
    name: 'SESSION',
    value: sandbox.session,
    domain: 'www.ovh.com',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
  });
}

async function answer(request: HTTPRequest, sandbox: Sandbox) {
  const url = new URL(request.url());
  // Inline fonts and images (the panel's theme): nothing to fetch.
  if (url.protocol === 'data:') {
    await request.continue();
    return;
  }
  if (url.origin !== PANEL_ORIGIN) {
    await request.abort('blockedbyclient');
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers())) {
    if (name !== 'host') headers.set(name, value);
  }
  const method = request.method();
  // Over WebDriver BiDi, `postData()` is CDP-only: the body is fetched from Firefox.
  const body =
    method === 'GET' || method === 'HEAD' || !request.hasPostData()
      ? undefined
      : await request.fetchPostData();
  const response = await fetch(`${sandbox.url}${url.pathname}${url.search}`, {
    method,
    headers,
    body,
    redirect: 'manual',
  });
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // The sandbox redirects to its own paths: keep them on www.ovh.com.
    responseHeaders[name] =
      name === 'location' && value.startsWith(sandbox.url)
        ? value.slice(sandbox.url.length)
        : value;
  });
  await request.respond({
    status: response.status,
    headers: responseHeaders,
    body: Buffer.from(await response.arrayBuffer()),
  });
}

/** The real proxy CLI, allowed to reach the sandbox's IMAP hosts (their names, its CA). */
export function startSandboxProxy(sandbox: Sandbox): Promise<ProxyProcess> {
  return startProxyProcess({
    env: { ...process.env, ...(sandbox.caFile ? { NODE_EXTRA_CA_CERTS: sandbox.caFile } : {}) },
    args: sandbox.imapHosts.flatMap((h) => [
      '--allow-host',
      h.name,
      '--resolve',
      `${h.name}:993=127.0.0.1:${h.port}`,
    ]),
  });
}
