// The background's pairing handlers against the real proxy CLI, called directly as
// `runtime.sendMessage` would (Chromium's side is tests/e2e/pairing.spec.ts).
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPairingHandlers } from '../../../entrypoints/background/pairing.ts';
import { createProxyBridge } from '../../../entrypoints/background/proxy-bridge.ts';
import type { ProxyPairing } from '../../../lib/storage.ts';
import { type ProxyProcess, startProxyProcess } from '../../fixtures/proxy-process.ts';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

let proxy: ProxyProcess;
let stored: ProxyPairing | null = null;
const bridge = createProxyBridge({
  pairing: {
    getValue: async () => stored,
    setValue: async (next: ProxyPairing | null) => {
      stored = next;
    },
  },
});
const pairing = createPairingHandlers({
  extensionOrigin: EXTENSION,
  pair: (candidate) => bridge['proxy.pair'](candidate),
});

beforeAll(async () => {
  proxy = await startProxyProcess();
});
afterAll(async () => {
  await proxy?.kill();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/** Starts a pairing and reads the code from the proxy's terminal, as the person does. */
async function start() {
  const before = proxy.output().length;
  const started = await pairing['pairing.start']({ url: proxy.url });
  if (!started.ok) throw new Error(started.error.message);
  const shown = await proxy.waitForOutput(/Code: +(\d{3}) (\d{3})/, before);
  return { ...started.value, code: `${shown[1]}${shown[2]}` };
}

describe('pairing from the background', () => {
  it('finds the proxy without a token, and says when nothing answers', async () => {
    expect(await pairing['pairing.discover']({ url: proxy.url })).toEqual({
      ok: true,
      value: { found: true, url: proxy.url, version: expect.any(String), pending: false },
    });
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    expect(await pairing['pairing.discover']({ url: nowhere })).toMatchObject({
      ok: true,
      value: { found: false, url: nowhere, error: { code: 'unreachable' } },
    });
    expect(await pairing['pairing.discover']({ url: 'http://example.com:7464' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('pairs with the code the proxy shows, after a wrong one, and keeps the token', async () => {
    const { url, requestId, code } = await start();
    expect(await pairing['pairing.discover']({ url })).toMatchObject({
      value: { pending: true },
    });
    const wrong = await pairing['pairing.confirm']({
      url,
      requestId,
      code: code === '111111' ? '222222' : '111111',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'pairing_wrong_code', attemptsLeft: 2 },
    });
    expect(stored).toBeNull();

    const paired = await pairing['pairing.confirm']({ url, requestId, code });
    expect(paired).toMatchObject({ ok: true, value: { state: 'ready', url } });
    expect(stored).toEqual({ url, token: proxy.token });
  });

  it('refuses a second request while one waits for its code (another tab, a double click)', async () => {
    const { url, requestId } = await start();
    const before = proxy.output().length;
    expect(await pairing['pairing.start']({ url })).toMatchObject({
      ok: false,
      error: { code: 'pairing_pending' },
    });
    expect(proxy.output().slice(before)).not.toMatch(/Code:/);
    expect(await pairing['pairing.cancel']({ url, requestId })).toEqual({ ok: true, value: null });
  });

  it('cancels a request, after which its code is refused', async () => {
    const { url, requestId, code } = await start();
    expect(await pairing['pairing.cancel']({ url, requestId })).toEqual({ ok: true, value: null });
    expect(await pairing['pairing.confirm']({ url, requestId, code })).toMatchObject({
      ok: false,
      error: { code: 'pairing_expired' },
    });
    // Cancelling what is already gone is what cancelling wanted.
    expect(await pairing['pairing.cancel']({ url, requestId })).toEqual({ ok: true, value: null });
  });

  it('after three wrong codes, says how long to wait, and the proxy takes no new request meanwhile', async () => {
    stored = null;
    const { url, requestId, code } = await start();
    const wrong = code === '111111' ? '222222' : '111111';
    const replies = [];
    for (let i = 0; i < 3; i += 1) {
      replies.push(await pairing['pairing.confirm']({ url, requestId, code: wrong }));
    }
    expect(replies.map((r) => !r.ok && r.error.attemptsLeft)).toEqual([2, 1, 0]);
    const last = replies[2];
    const seconds = !last?.ok ? last?.error.retryAfterSeconds : undefined;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(30);
    // Asking again at once gets no new code (else each request would give three new tries).
    const before = proxy.output().length;
    const again = await pairing['pairing.start']({ url });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'pairing_cooldown', retryAfterSeconds: expect.any(Number) },
    });
    expect(proxy.output().slice(before)).not.toMatch(/Code:/);
    expect(await pairing['pairing.discover']({ url })).toMatchObject({
      value: { found: true, pending: false },
    });
    expect(stored).toBeNull();
  });
});
