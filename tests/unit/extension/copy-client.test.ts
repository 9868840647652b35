// The runner's CopyClient as the extension builds it: through the background's proxy bridge
// (called directly here, as `runtime.sendMessage` would) to a real proxy process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyBridge } from '../../../entrypoints/background/proxy-bridge.ts';
import { createMessagingCopyClient } from '../../../lib/browser/copy-client.ts';
import type { MessageData, ProxyMessageType, sendMessage } from '../../../lib/messaging.ts';
import { isCopyClientError } from '../../../lib/migration/copy-client.ts';
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
  });
});
