// The one message protocol (lib/messaging.ts) on WXT's fake browser: who answers what, and that
// no error a page receives can carry a password or token it sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createProxyBridge } from '../../entrypoints/background/proxy-bridge.ts';
import {
  MESSAGE_TARGETS,
  onMessages,
  onTabMessages,
  redactSecrets,
  sendMessage,
  sendTabMessage,
  toEnvelope,
} from '../../lib/messaging.ts';
import type { ProxyPairing } from '../../lib/storage.ts';
import { backgroundHandlers } from './helpers.ts';

const PASSWORD = 'Correct-Horse-Battery-9';
const TOKEN = 'f3a9c0d1e2b3a4958677c8d9e0f1a2b3';
const pairing: ProxyPairing = { url: 'http://127.0.0.1:7464', token: TOKEN };

const endpoint = (password: unknown) => ({
  host: 'ex5.mail.ovh.net',
  port: 993,
  tls: 'implicit',
  user: 'jane@example.com',
  password,
});

let stops: (() => void)[] = [];
let consoleCalls: unknown[][] = [];

beforeEach(() => {
  fakeBrowser.reset();
  stops = [];
  consoleCalls = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleCalls.push(args);
    });
  }
});
afterEach(() => {
  for (const stop of stops) stop();
  vi.restoreAllMocks();
  // Nothing the extension logged may hold a password or the token.
  expect(JSON.stringify(consoleCalls)).not.toContain(PASSWORD);
  expect(JSON.stringify(consoleCalls)).not.toContain(TOKEN);
});

/** The background with the real proxy bridge over a fake proxy answering `answer`. */
function bridgeBackground(answer: (url: string, body: string) => Response) {
  const bridge = createProxyBridge({
    pairing: { getValue: async () => pairing, setValue: async () => {} },
    fetch: async (input, init) => answer(String(input), String(init?.body ?? '')),
  });
  stops.push(onMessages(backgroundHandlers(bridge)));
}

describe('no error reaching the page carries a password or token it sent', () => {
  it('a request zod refuses: the issues name fields and types, never values', async () => {
    bridgeBackground(() => Response.json({}));
    const replies = [
      // A password of the wrong type next to one that is fine, an unknown TLS mode, no host.
      await sendMessage('proxy.createJob', {
        source: endpoint(PASSWORD),
        destination: { ...endpoint(12345678), tls: PASSWORD },
      } as never),
      await sendMessage('proxy.testCredentials', {
        source: { ...endpoint(PASSWORD), host: PASSWORD },
        destination: endpoint(PASSWORD.repeat(80)),
      } as never),
      await sendMessage('proxy.resumeJob', {
        id: '',
        sourcePassword: PASSWORD,
        destinationPassword: 42,
      } as never),
    ];
    for (const reply of replies) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(JSON.stringify(reply)).not.toContain(PASSWORD);
    }
  });

  it('a proxy answer that quotes the password is redacted', async () => {
    bridgeBackground((_url, body) =>
      Response.json(
        { error: { code: 'auth_failed', message: `LOGIN refused for ${body}`, folder: PASSWORD } },
        { status: 422 },
      ),
    );
    const reply = await sendMessage('proxy.testCredentials', {
      source: endpoint(PASSWORD),
      destination: endpoint('An0ther-Passw0rd'),
    } as never);
    expect(reply).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    const text = JSON.stringify(reply);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('An0ther-Passw0rd');
    expect(text).toContain('[hidden]');
  });

  it('a handler that throws with the secret in its message is redacted', async () => {
    stops.push(
      onMessages(
        backgroundHandlers({
          'proxy.pair': async (data) => {
            throw new Error(`cannot pair with token ${data.token}`);
          },
        }),
      ),
    );
    const reply = await sendMessage('proxy.pair', pairing);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', message: 'proxy.pair failed: cannot pair with token [hidden]' },
    });
  });

  it('a secret too short to redact withholds the whole message', async () => {
    stops.push(
      onMessages(
        backgroundHandlers({
          'secrets.set': async (data) => ({
            ok: false,
            error: { code: 'bad_request', message: `no: ${data.password}` },
          }),
        }),
      ),
    );
    const reply = await sendMessage('secrets.set', {
      runId: 'r',
      key: 'sourcePassword',
      password: 'ab',
    });
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain('no: ab');
    expect(!reply.ok && reply.error.message).toMatch(/hidden/);
  });

  it('redactSecrets replaces longer secrets first and leaves other text alone', () => {
    expect(redactSecrets('pw=abcd1234, prefix=abcd', ['abcd', 'abcd1234'])).toBe(
      'pw=[hidden], prefix=[hidden]',
    );
    expect(redactSecrets('nothing secret here', ['abcd1234'])).toBe('nothing secret here');
  });
});

describe('who answers what', () => {
  it('the background ignores other protocols, unknown types and messages for tabs', async () => {
    let calls = 0;
    stops.push(
      onMessages(
        backgroundHandlers({
          'proxy.status': async () => {
            calls += 1;
            return { ok: true, value: { state: 'not_configured', url: pairing.url } };
          },
        }),
      ),
    );
    // A listener that answers anything, as another part of the page might register.
    const other = (_m: unknown, _s: unknown, send: (r: unknown) => void) => {
      send('someone else');
      return true;
    };
    fakeBrowser.runtime.onMessage.addListener(other);
    expect(await fakeBrowser.runtime.sendMessage({ type: 'proxy.status' })).toBe('someone else');
    expect(
      await fakeBrowser.runtime.sendMessage({
        ...toEnvelope('proxy.status', undefined),
        type: 'x',
      }),
    ).toBe('someone else');
    expect(await fakeBrowser.runtime.sendMessage(toEnvelope('panel.open', undefined))).toBe(
      'someone else',
    );
    expect(calls).toBe(0);
    fakeBrowser.runtime.onMessage.removeListener(other);
    expect(await sendMessage('proxy.status')).toMatchObject({ ok: true });
    expect(calls).toBe(1);
  });

  it('a tab answers panel.open through onTabMessages; a tab without one is no_receiver', async () => {
    let opened = 0;
    stops.push(
      onTabMessages({
        'panel.open': async () => {
          opened += 1;
          return { ok: true, value: null };
        },
      }),
    );
    // The fake browser has no tabs.sendMessage: deliver to the listeners above as tab 7 would.
    const tabsSend = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation(async (tabId: number, message: unknown) => {
        if (tabId !== 7)
          throw new Error('Could not establish connection. Receiving end does not exist.');
        return fakeBrowser.runtime.sendMessage(message);
      });
    expect(await sendTabMessage(7, 'panel.open')).toEqual({ ok: true, value: null });
    expect(opened).toBe(1);
    expect(await sendTabMessage(8, 'panel.open')).toMatchObject({
      ok: false,
      error: { code: 'no_receiver' },
    });
    expect(tabsSend).toHaveBeenCalledTimes(2);
  });

  it('every message type has a target, and only panel.open goes to tabs', () => {
    const toTabs = Object.entries(MESSAGE_TARGETS)
      .filter(([, target]) => target === 'tab')
      .map(([type]) => type);
    expect(toTabs).toEqual(['panel.open']);
  });
});
