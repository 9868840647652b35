// The runner's CopyClient as the extension builds it: through the background's proxy bridge
// (called directly here, as `runtime.sendMessage` would) to a real proxy process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyBridge } from '../../../entrypoints/background/proxy-bridge.ts';
import { createMessagingCopyClient } from '../../../lib/browser/copy-client.ts';
import type { MessageData, ProxyMessageType, sendMessage } from '../../../lib/messaging.ts';
import { isCopyClientError } from '../../../lib/migration/copy-client.ts';
import type { PreflightFacts } from '../../../lib/migration/preflight/facts.ts';
import { checkProxy } from '../../../lib/migration/preflight/proxy.ts';
import type { ProxyPairing } from '../../../lib/storage.ts';
import { type ProxyProcess, startProxyProcess } from '../../fixtures/proxy-process.ts';

let proxy: ProxyProcess;
let pairing: ProxyPairing | null = null;
const bridge = createProxyBridge({
  pairing: {
    getValue: async () => pairing,
    setValue: async (next: ProxyPairing | null) => {
      pairing = next;
    },
  },
});
const send = ((type: ProxyMessageType, data?: MessageData<ProxyMessageType>) =>
  (bridge[type] as (d: unknown) => Promise<unknown>)(data)) as typeof sendMessage;
const copy = createMessagingCopyClient(send);

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** The plan's proxy check on what this client answers now (it reads only `facts.proxy`). */
const proxyCheck = async () =>
  checkProxy({
    proxy: await copy.health().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
  } as PreflightFacts);

beforeAll(async () => {
  proxy = await startProxyProcess();
});
afterAll(async () => {
  await proxy?.kill();
});

describe('the runner’s copy client in the extension', () => {
  it('names what is wrong before the proxy is paired, then works once it is', async () => {
    const unpaired = await failureOf(copy.health());
    expect(isCopyClientError(unpaired) && unpaired.code).toBe('not_configured');

    pairing = { url: proxy.url, token: 'not-the-token' };
    const refused = await failureOf(copy.health());
    expect(isCopyClientError(refused) && refused.code).toBe('unpaired');

    pairing = { url: proxy.url, token: proxy.token };
    expect(await copy.health()).toMatchObject({ status: 'ok', apiVersion: 1 });
  });

  it('the plan says "not paired yet" plainly, with no quoted detail; a refused token likewise', async () => {
    pairing = null;
    expect(await proxyCheck()).toEqual({
      id: 'proxy',
      status: 'fail',
      key: 'preflight.proxy.not_paired',
      params: {},
      message: 'This browser is not paired with the companion proxy yet.',
      action:
        'Start the proxy on this computer (npm run proxy) if it is not running, pair this browser with it, then plan again.',
    });
    pairing = { url: proxy.url, token: 'not-the-token' };
    expect(await proxyCheck()).toMatchObject({
      key: 'preflight.proxy.pairing_refused',
      params: {},
      message: 'The companion proxy no longer accepts this browser’s pairing.',
    });
    pairing = { url: proxy.url, token: proxy.token };
    expect(await proxyCheck()).toMatchObject({ status: 'pass', key: 'preflight.proxy.ok' });
  });

  it('carries the proxy’s own error codes to the runner', async () => {
    pairing = { url: proxy.url, token: proxy.token };
    const missing = await failureOf(copy.getJob('00000000-0000-4000-8000-000000000000'));
    expect(isCopyClientError(missing) && missing.code).toBe('not_found');
    const refused = await failureOf(
      copy.createJob({
        source: {
          host: 'imap.example.com',
          port: 993,
          tls: 'implicit',
          user: 'a@b.c',
          password: 'x',
        },
        destination: {
          host: 'imap.example.com',
          port: 993,
          tls: 'implicit',
          user: 'a@b.c',
          password: 'x',
        },
        options: { dryRun: false },
      }),
    );
    expect(isCopyClientError(refused) && refused.code).toBe('host_not_allowed');
  });

  it('says unreachable when the proxy is gone', async () => {
    await proxy.kill();
    const gone = await failureOf(copy.health());
    expect(isCopyClientError(gone) && gone.code).toBe('unreachable');
    // A real failure keeps its detail: the bridge's words, which the panel frames.
    expect(await proxyCheck()).toMatchObject({
      key: 'preflight.proxy.unreachable',
      params: { error: expect.stringContaining(proxy.url) },
    });
  });
});
