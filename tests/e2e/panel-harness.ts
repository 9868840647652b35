// The control-panel harness for the panel's browser tests: the OVHcloud sandbox (API, fake panel,
// Dovecot per IMAP host) served under the production host www.ovh.com by request routing, the
// real proxy process reaching the sandbox's IMAP hosts, and Debian's Chromium with the built
// extension and its production manifest. One world per test file.

import { mkdir, mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { LAUNCHER_TEXT } from '../../lib/i18n/launcher.ts';
import { DEFAULT_PROXY_URL } from '../../lib/messaging.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../sandbox/index.ts';
import { type ExtensionBrowser, expect, launchExtensionBrowser } from './fixtures.ts';

export const PANEL_ORIGIN = 'https://www.ovh.com';
/** Screenshots of every wizard step and run state, EN and FR (README: "Screenshots"). */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../.tmp/screenshots');

export interface WorldOptions {
  /** The control panel's language (`univers-selected-language`). @default 'en_GB' */
  panelLanguage?: string;
  sandbox?: SandboxOptions;
  /** Start the proxy and pair the extension with it. @default true */
  proxy?: boolean;
  /**
   * A slow line in front of each IMAP host (bytes per second), so that a copy lasts long enough
   * to be watched (progress, a stop dialog). @default none
   */
  imapBytesPerSecond?: number;
}

export interface PanelWorld {
  sandbox: Sandbox;
  proxy: ProxyProcess | undefined;
  browser: ExtensionBrowser;
  userDataDir: string;
  /** Opens the fake control panel at a route (hash) in a new tab, launcher visible. */
  openPanel(hash?: string): Promise<Page>;
  /**
   * Starts the proxy (again, on the same data dir unless `fresh`: a new data dir is a new
   * token) and pairs the extension with it, unless `pair: false` (a person then pairs by clicks,
   * with the code it prints).
   */
  startProxy(options?: { pair?: boolean; fresh?: boolean }): Promise<ProxyProcess>;
  /** The language chosen in the extension (as its options page stores it); open panels follow it. */
  setLanguage(setting: 'auto' | 'en' | 'fr'): Promise<void>;
  /** Closes the browser and opens it again on the same profile (a browser restart). */
  restartBrowser(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real proxy CLI, allowed to reach the sandbox's IMAP hosts (their names, its CA), directly
 * or through the relays (`ports`: host name → relay port).
 */
async function startSandboxProxy(
  sandbox: Sandbox,
  dataDir?: string,
  ports: ReadonlyMap<string, number> = new Map(),
): Promise<ProxyProcess> {
  if (sandbox.caFile) process.env.NODE_EXTRA_CA_CERTS = sandbox.caFile;
  return startProxyProcess({
    ...(dataDir ? { dataDir } : {}),
    args: sandbox.imapHosts.flatMap((h) => [
      '--allow-host',
      h.name,
      '--resolve',
      `${h.name}:993=127.0.0.1:${ports.get(h.name) ?? h.port}`,
    ]),
  });
}

/**
 * The default proxy address (where one-step pairing looks) reaches this world's proxy, as a
 * person's own proxy would; with none running, the connection is refused. Whatever runs on
 * 7464 on this machine (another helper's proxy) is never seen.
 */
async function routeDefaultProxy(context: BrowserContext, target: () => string | undefined) {
  await context.route(`${DEFAULT_PROXY_URL}/**`, async (route) => {
    const to = target();
    if (!to) return route.abort('connectionrefused');
    const url = route.request().url().replace(DEFAULT_PROXY_URL, to);
    try {
      await route.fulfill({ response: await route.fetch({ url, maxRedirects: 0 }) });
    } catch {
      await route.abort('connectionrefused').catch(() => undefined);
    }
  });
}

/**
 * One TCP relay per IMAP host (implicit TLS passes through untouched) that lets at most
 * `bytesPerSecond` through, both ways and all its connections together, as a slow line would.
 */
async function startSlowLinks(sandbox: Sandbox, bytesPerSecond: number) {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const ports = new Map<string, number>();
  for (const h of sandbox.imapHosts) {
    let free = Date.now();
    const pipe = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk) => {
        const now = Date.now();
        free = Math.max(now, free) + (chunk.length * 1000) / bytesPerSecond;
        from.pause();
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
          from.resume();
        }, free - now);
      });
      from.on('end', () => to.end());
      from.on('close', () => to.destroy());
      from.on('error', () => to.destroy());
    };
    const server = net.createServer((client) => {
      const upstream = net.connect(h.port, '127.0.0.1');
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      }
      pipe(client, upstream);
      pipe(upstream, client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    ports.set(h.name, (server.address() as net.AddressInfo).port);
  }
  return {
    ports,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
    },
  };
}

/** Serves www.ovh.com from the sandbox: the panel pages, its login and the API, cookies included. */
export async function routeControlPanel(context: BrowserContext, sandbox: Sandbox) {
  await context.route(`${PANEL_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    try {
      const response = await route.fetch({
        url: `${sandbox.url}${url.pathname}${url.search}`,
        maxRedirects: 0,
      });
      const headers = response.headers();
      // The sandbox redirects to its own paths: keep them on www.ovh.com.
      if (headers.location?.startsWith(sandbox.url)) {
        headers.location = headers.location.slice(sandbox.url.length);
      }
      await route.fulfill({ response, headers });
    } catch {
      // The sandbox stopped (end of the test file): let the request fail quietly.
      await route.abort().catch(() => undefined);
    }
  });
}

export async function startPanelWorld(options: WorldOptions = {}): Promise<PanelWorld> {
  const sandbox = await startSandbox({
    newAddressDelayMs: 100,
    taskStepMs: 30,
    ...options.sandbox,
  });
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'ovh-e2e-panel-'));
  let proxy: ProxyProcess | undefined;
  let browser: ExtensionBrowser;
  const links =
    options.imapBytesPerSecond === undefined
      ? undefined
      : await startSlowLinks(sandbox, options.imapBytesPerSecond);

  const prepare = async () => {
    const { context } = browser;
    await routeControlPanel(context, sandbox);
    await routeDefaultProxy(context, () => proxy?.url);
    await context.addCookies([
      {
        name: 'SESSION',
        value: sandbox.session,
        domain: 'www.ovh.com',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    const language = options.panelLanguage ?? 'en_GB';
    await context.addInitScript((lang) => {
      if (!localStorage.getItem('univers-selected-language')) {
        localStorage.setItem('univers-selected-language', lang);
      }
    }, language);
  };
  const pair = async () => {
    if (!proxy) return;
    const { url, token } = proxy;
    await browser.serviceWorker.evaluate(
      (pairing) => chrome.storage.local.set({ proxyPairing: pairing }),
      { url, token },
    );
  };

  browser = await launchExtensionBrowser({ userDataDir });
  await prepare();
  if (options.proxy !== false) {
    proxy = await startSandboxProxy(sandbox, undefined, links?.ports);
    await pair();
  }
  await mkdir(SCREENSHOT_DIR, { recursive: true });

  return {
    sandbox,
    get proxy() {
      return proxy;
    },
    get browser() {
      return browser;
    },
    userDataDir,
    async openPanel(hash = '#/web') {
      const open = async () => {
        const tab = await browser.context.newPage();
        if (process.env.PANEL_DEBUG) {
          tab.on('console', (m) => console.log(`[page ${m.type()}] ${m.text()}`));
          tab.on('pageerror', (e) => console.log(`[page error] ${e}`));
        }
        await tab.goto(`${PANEL_ORIGIN}/manager/${hash}`);
        return tab;
      };
      // The options page the extension opens at start-up (on install, and again when a
      // restarted browser loads the unpacked extension) may take over a tab just opened.
      const page = await open().catch((error: unknown) => {
        if (!/interrupted by another navigation/.test(String(error))) throw error;
        return open();
      });
      await expect(page.getByTestId('panel-launcher')).toBeVisible();
      return page;
    },
    async startProxy(start = {}) {
      proxy = await startSandboxProxy(
        sandbox,
        start.fresh ? undefined : proxy?.dataDir,
        links?.ports,
      );
      if (start.pair !== false) await pair();
      return proxy;
    },
    async setLanguage(setting) {
      await browser.serviceWorker.evaluate(
        (value) => chrome.storage.local.set({ panelLanguage: value }),
        setting,
      );
    },
    async restartBrowser() {
      await browser.close();
      browser = await launchExtensionBrowser({ userDataDir });
      await prepare();
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await proxy?.kill();
      await links?.close();
      await sandbox.stop();
    },
  };
}

// What `serviceWorker.evaluate` runs inside the extension sees.
declare const chrome: {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
      remove(key: string): Promise<void>;
    };
  };
};

export interface Look {
  lang: 'en' | 'fr';
  scheme: 'light' | 'dark';
}

/**
 * Shows the page in both languages and both colour schemes, and calls `visit` in each (after
 * `perLanguage`, once a language is shown). The language goes through the extension's setting,
 * as the options page sets it, and is put back after, as is the light scheme.
 */
export async function inEachLook(
  page: Page,
  visit: (look: Look) => Promise<void>,
  perLanguage?: (lang: Look['lang']) => Promise<void>,
) {
  const worker = page.context().serviceWorkers()[0];
  const setting = worker
    ? await worker.evaluate(
        async () => (await chrome.storage.local.get('panelLanguage')).panelLanguage,
      )
    : undefined;
  const root = page.getByTestId('panel-root');
  const launcher = page.getByTestId('panel-launcher');
  const shownLang = async () =>
    (await root.count()) > 0 ? await root.getAttribute('data-lang') : await launcher.textContent();
  const before = await shownLang();
  try {
    for (const lang of ['en', 'fr'] as const) {
      if (worker) {
        await worker.evaluate((value) => chrome.storage.local.set({ panelLanguage: value }), lang);
        if ((await root.count()) > 0) await expect(root).toHaveAttribute('data-lang', lang);
        else await expect(launcher).toHaveText(LAUNCHER_TEXT[lang].label);
      }
      await perLanguage?.(lang);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await visit({ lang, scheme });
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    if (worker) {
      await worker.evaluate(
        (value) =>
          value === undefined
            ? chrome.storage.local.remove('panelLanguage')
            : chrome.storage.local.set({ panelLanguage: value }),
        setting,
      );
      await expect.poll(shownLang).toBe(before);
    }
  }
}

/**
 * Saves the page as a person sees it, in both languages and both colour schemes (inEachLook):
 * `.tmp/screenshots/{en,fr}-<name>{,-dark}.png` (a leading `en-`/`fr-` in `name` is the test's
 * own language and is dropped). The viewport grows to the drawer's whole content so that nothing
 * below the fold is missed.
 */
export async function shot(page: Page, name: string) {
  const base = name.replace(/^(en|fr)-/, '');
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  const grow = async () => {
    const height = await page
      .getByTestId('panel-drawer')
      .evaluate(
        (drawer) => {
          const body = drawer.querySelector('.mp-drawer-body');
          const header = drawer.querySelector('.mp-drawer-header');
          return body && header ? body.scrollHeight + header.getBoundingClientRect().height : 0;
        },
        null,
        { timeout: 500 },
      )
      .catch(() => 0);
    await page.setViewportSize({
      width: viewport.width,
      height: Math.max(viewport.height, Math.ceil(height) + 2),
    });
  };
  try {
    await inEachLook(
      page,
      async ({ lang, scheme }) => {
        const suffix = scheme === 'dark' ? '-dark' : '';
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${lang}-${base}${suffix}.png`) });
      },
      grow,
    );
  } finally {
    await page.setViewportSize(viewport);
  }
}
