// The background's proxy bridge against small local HTTP servers that misbehave in the ways the
// real proxy never does (the real one is covered by tests/e2e/proxy-pairing.spec.ts).

import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createProxyBridge,
  normalizeProxyUrl,
} from '../../../entrypoints/background/proxy-bridge.ts';
import { MESSAGE_LOG_CSV_COLUMNS } from '../../../lib/proxy-contract/index.ts';
import type { ProxyPairing } from '../../../lib/storage.ts';

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function memoryPairing(initial: ProxyPairing | null = null) {
  let value = initial;
  return {
    getValue: async () => value,
    setValue: async (next: ProxyPairing | null) => {
      value = next;
    },
  };
}

const health = (apiVersion: number) =>
  JSON.stringify({ status: 'ok', name: 'ovh-migrate-proxy', version: '9.0.0', apiVersion });

describe('normalizeProxyUrl', () => {
  it.each([
    ['http://127.0.0.1:7464', 'http://127.0.0.1:7464'],
    [' http://127.0.0.1:7464/ ', 'http://127.0.0.1:7464'],
    ['127.0.0.1:7464', 'http://127.0.0.1:7464'],
    ['http://localhost:7464', 'http://127.0.0.1:7464'],
    ['localhost:9000', 'http://127.0.0.1:9000'],
  ])('%j → %s', (typed, url) => {
    expect(normalizeProxyUrl(typed)).toBe(url);
  });

  it.each([
    'https://127.0.0.1:7464',
    'http://192.168.1.2:7464',
    'http://example.com',
    'http://127.0.0.1:7464/v1',
    'http://user:pass@127.0.0.1:7464',
    'http://127.0.0.1:7464/?x=1',
    'not a url',
    '',
  ])('refuses %j', (typed) => {
    expect(normalizeProxyUrl(typed)).toBeUndefined();
  });
});

describe('proxy.status and proxy.pair', () => {
  it('is not_configured before any pairing, at the default address', async () => {
    const bridge = createProxyBridge({ pairing: memoryPairing() });
    expect(await bridge['proxy.status'](undefined)).toEqual({
      ok: true,
      value: { state: 'not_configured', url: 'http://127.0.0.1:7464' },
    });
  });

  it('calls a proxy of another API version incompatible, with its version, and keeps no pairing', async () => {
    const url = await serve((_req, res) => res.end(health(2)));
    const pairing = memoryPairing();
    const bridge = createProxyBridge({ pairing });
    const outcome = await bridge['proxy.pair']({ url, token: 't' });
    expect(outcome).toMatchObject({
      ok: true,
      value: { state: 'incompatible', url, version: '9.0.0', error: { code: 'incompatible' } },
    });
    expect(await pairing.getValue()).toBeNull();
  });

  it('calls something that is not the proxy incompatible', async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 404;
      res.end('<h1>Not found</h1>');
    });
    const bridge = createProxyBridge({ pairing: memoryPairing({ url, token: 't' }) });
    expect(await bridge['proxy.status'](undefined)).toMatchObject({
      ok: true,
      value: { state: 'incompatible', url },
    });
  });

  it('calls a proxy that does not answer in time unreachable', async () => {
    const url = await serve(() => {});
    const bridge = createProxyBridge({
      pairing: memoryPairing({ url, token: 't' }),
      timeouts: { health: 100 },
    });
    expect(await bridge['proxy.status'](undefined)).toMatchObject({
      ok: true,
      value: { state: 'unreachable', error: { code: 'timeout' } },
    });
  });

  it('sends the token as a bearer token, and stores the pairing once the proxy accepts it', async () => {
    const seen: (string | undefined)[] = [];
    const url = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.end(health(1));
    });
    const pairing = memoryPairing();
    const bridge = createProxyBridge({ pairing });
    const outcome = await bridge['proxy.pair']({
      url: url.replace('127.0.0.1', 'localhost'),
      token: ' abc ',
    });
    expect(outcome).toEqual({ ok: true, value: { state: 'ready', url, version: '9.0.0' } });
    expect(seen).toEqual(['Bearer abc']);
    expect(await pairing.getValue()).toEqual({ url, token: 'abc' });
  });

  it('refuses an address off this computer without calling it', async () => {
    const bridge = createProxyBridge({ pairing: memoryPairing() });
    expect(await bridge['proxy.pair']({ url: 'http://example.com', token: 't' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });
});

describe('relayed requests', () => {
  it('answers not_configured before pairing', async () => {
    const bridge = createProxyBridge({ pairing: memoryPairing() });
    expect(await bridge['proxy.getJob']({ id: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    });
  });

  it('checks the request with the contract before it leaves', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.end('{}');
    });
    const bridge = createProxyBridge({ pairing: memoryPairing({ url, token: 't' }) });
    const outcome = await bridge['proxy.createJob']({
      source: { host: 'ssl0.ovh.net', user: 'a@example.test', password: '' },
      destination: { host: 'ssl0.ovh.net', user: 'b@example.test', password: 'x' },
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(calls).toBe(0);
  });

  it('passes the proxy error through with its fields, and maps 401 to unpaired', async () => {
    const url = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/jobs/a%2Fb') {
        res.statusCode = 409;
        res.end(
          JSON.stringify({
            error: { code: 'quota_full', message: 'Full.', folder: 'INBOX', serverText: 'NO' },
          }),
        );
        return;
      }
      res.statusCode = 401;
      res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'No.' } }));
    });
    const bridge = createProxyBridge({ pairing: memoryPairing({ url, token: 't' }) });
    expect(await bridge['proxy.getJob']({ id: 'a/b' })).toEqual({
      ok: false,
      error: { code: 'quota_full', message: 'Full.', folder: 'INBOX', serverText: 'NO' },
    });
    expect(await bridge['proxy.getReport']({ id: 'c' })).toMatchObject({
      ok: false,
      error: { code: 'unpaired' },
    });
  });

  it('does not believe an answer that breaks the contract', async () => {
    const url = await serve((_req, res) => res.end(JSON.stringify({ id: 'a', state: 'flying' })));
    const bridge = createProxyBridge({ pairing: memoryPairing({ url, token: 't' }) });
    expect(await bridge['proxy.cancelJob']({ id: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'incompatible' },
    });
  });

  it('calls a closed port unreachable', async () => {
    const url = await serve(() => {});
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const bridge = createProxyBridge({ pairing: memoryPairing({ url, token: 't' }) });
    expect(await bridge['proxy.getJob']({ id: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'unreachable' },
    });
  });
});

describe('the per-message log as CSV', () => {
  const header = MESSAGE_LOG_CSV_COLUMNS.join(',');

  it('asks for ?format=csv and hands the text over as is', async () => {
    const seen: string[] = [];
    const csv = `${header}\r\nINBOX,INBOX,1,1,1,<a@b>,,10,copied,,,\r\n`;
    const url = await serve((req, res) => {
      seen.push(String(req.url));
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.end(csv);
    });
    const bridge = createProxyBridge({ pairing: memoryPairing({ url, token: 't' }) });
    expect(await bridge['proxy.getMessageLogCsv']({ id: 'j/1' })).toEqual({
      ok: true,
      value: { jobId: 'j/1', csv },
    });
    expect(seen).toEqual(['/v1/jobs/j%2F1/report?format=csv']);
  });

  it.each([
    ['another media type', 'text/html', `${header}\r\n`],
    ['other columns', 'text/csv', 'folder,uid\r\nINBOX,1\r\n'],
  ])('calls %s incompatible', async (_what, type, text) => {
    const url = await serve((_req, res) => {
      res.setHeader('content-type', type);
      res.end(text);
    });
    const bridge = createProxyBridge({ pairing: memoryPairing({ url, token: 't' }) });
    expect(await bridge['proxy.getMessageLogCsv']({ id: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'incompatible' },
    });
  });
});
