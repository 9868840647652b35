// One-step pairing against the real proxy CLI: the code is read from its terminal output, as a
// person reads it, and every refusal the issue names has its own test (issue 11).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPairingDesk, type PairingEvent } from '../../backend-proxy/src/auth/pairing.ts';
import {
  PAIRING_ATTEMPTS,
  PAIRING_COOLDOWN_MS,
  type PairingInfo,
  type PairingTicket,
  type ProxyError,
} from '../../lib/proxy-contract/index.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const OTHER_EXTENSION = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba';

let proxy: ProxyProcess;

beforeAll(async () => {
  proxy = await startProxyProcess();
});

afterAll(async () => {
  await proxy?.kill();
});

interface Sent {
  status: number;
  body: unknown;
}

/** A raw request (node:http, so that Host and Origin are whatever the test says). */
function send(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const url = new URL(proxy.url);
  const text = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          ...(text === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          data += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** What the extension's background sends: Chromium adds its Origin to a POST. */
const asExtension = (origin = EXTENSION) => ({ headers: { origin } });

async function openRequest(origin = EXTENSION): Promise<{ ticket: PairingTicket; code: string }> {
  const before = proxy.output().length;
  const opened = await send('POST', '/v1/pairing/requests', {
    body: { extensionOrigin: origin },
    ...asExtension(origin),
  });
  expect(opened.status).toBe(201);
  const code = await proxy.waitForOutput(/Code: +(\d{3}) (\d{3})/, before);
  return { ticket: opened.body as PairingTicket, code: `${code[1]}${code[2]}` };
}

const confirm = (id: string, code: string, origin = EXTENSION) =>
  send('POST', `/v1/pairing/requests/${id}/confirm`, {
    body: { extensionOrigin: origin, code },
    ...asExtension(origin),
  });

const errorOf = (sent: Sent) => (sent.body as { error: ProxyError }).error;

describe('pairing with the proxy on this computer', () => {
  it('is found without a token, and hands the token over for the code its terminal shows', async () => {
    const info = await send('GET', '/v1/pairing');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ name: 'ovh-migrate-proxy', apiVersion: 1, pairing: 'idle' });

    const { ticket, code } = await openRequest();
    expect(ticket).toMatchObject({ codeLength: 6, attemptsLeft: PAIRING_ATTEMPTS });
    expect(((await send('GET', '/v1/pairing')).body as PairingInfo).pairing).toBe('pending');
    expect(proxy.output()).toContain(`Pairing requested by the extension ${EXTENSION}.`);

    // Typed as a person copies it from the terminal, with the space.
    const granted = await confirm(ticket.id, `${code.slice(0, 3)} ${code.slice(3)}`);
    expect(granted).toEqual({ status: 200, body: { token: proxy.token } });
    await proxy.waitForOutput(new RegExp(`Paired with the extension ${EXTENSION}\\.`));
    expect((await proxy.request('GET', '/v1/health')).status).toBe(200);
    // The code worked once; the request is gone.
    expect(errorOf(await confirm(ticket.id, code)).code).toBe('pairing_expired');
  });

  it('refuses a second request while one is pending', async () => {
    const { ticket } = await openRequest();
    const second = await send('POST', '/v1/pairing/requests', {
      body: { extensionOrigin: OTHER_EXTENSION },
      ...asExtension(OTHER_EXTENSION),
    });
    expect(second.status).toBe(409);
    expect(errorOf(second)).toMatchObject({
      code: 'pairing_pending',
      message: expect.stringMatching(/already waiting/),
    });
    // Another extension may not confirm nor cancel it.
    expect(errorOf(await confirm(ticket.id, '000000', OTHER_EXTENSION)).code).toBe(
      'forbidden_origin',
    );
    const cancelled = await send('POST', `/v1/pairing/requests/${ticket.id}/cancel`, {
      body: { extensionOrigin: EXTENSION },
      ...asExtension(),
    });
    expect(cancelled.body).toMatchObject({ pairing: 'idle' });
    await proxy.waitForOutput(/The pairing request was cancelled\./);
  });

  it(`cancels the request after ${PAIRING_ATTEMPTS} wrong codes`, async () => {
    const { ticket, code } = await openRequest();
    const wrong = code === '000000' ? '000001' : '000000';
    const left: unknown[] = [];
    for (let attempt = 0; attempt < PAIRING_ATTEMPTS; attempt += 1) {
      const refused = await confirm(ticket.id, wrong);
      expect(refused.status).toBe(403);
      expect(errorOf(refused).code).toBe('pairing_wrong_code');
      left.push(errorOf(refused).attemptsLeft);
    }
    expect(left).toEqual([2, 1, 0]);
    await proxy.waitForOutput(/Too many wrong codes: the pairing request was cancelled\./);
    // Even the right code is too late now.
    const late = await confirm(ticket.id, code);
    expect(late.status).toBe(410);
    expect(errorOf(late).code).toBe('pairing_expired');
    expect(((await send('GET', '/v1/pairing')).body as PairingInfo).pairing).toBe('idle');
    expect(errorOf(await confirm(ticket.id, wrong))).not.toHaveProperty('retryAfterSeconds');
  });

  it('then takes no new request for a while, so codes cannot be guessed by asking again', async () => {
    // The request before this one ended on three wrong codes.
    const before = proxy.output().length;
    const again = await send('POST', '/v1/pairing/requests', {
      body: { extensionOrigin: EXTENSION },
      ...asExtension(),
    });
    expect(again.status).toBe(429);
    const error = errorOf(again);
    expect(error).toMatchObject({
      code: 'pairing_cooldown',
      message: expect.stringMatching(/^Too many wrong pairing codes .* again in \d+ seconds\.$/),
    });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(PAIRING_COOLDOWN_MS / 1000);
    expect(proxy.output().slice(before)).not.toMatch(/Code:/);
    expect(proxy.output()).toMatch(/new requests wait 30 seconds/);
  });

  it('refuses a web page, whatever extension it claims to be', async () => {
    const fromPage = await send('POST', '/v1/pairing/requests', {
      body: { extensionOrigin: EXTENSION },
      headers: { origin: 'https://www.ovh.com' },
    });
    expect(fromPage.status).toBe(403);
    expect(errorOf(fromPage).code).toBe('forbidden_origin');
    // An extension may only ask for itself.
    const forAnother = await send('POST', '/v1/pairing/requests', {
      body: { extensionOrigin: OTHER_EXTENSION },
      ...asExtension(),
    });
    expect(errorOf(forAnother)).toMatchObject({
      code: 'forbidden_origin',
      message: `The request came from ${EXTENSION}, not ${OTHER_EXTENSION}.`,
    });
    const notAnExtension = await send('POST', '/v1/pairing/requests', {
      body: { extensionOrigin: 'https://www.ovh.com' },
    });
    expect(notAnExtension.status).toBe(400);
    expect(((await send('GET', '/v1/pairing')).body as PairingInfo).pairing).toBe('idle');
    expect(proxy.output()).not.toMatch(
      /Pairing requested by the extension (?!chrome-extension:\/\/abcd)/,
    );
  });

  it('refuses a request addressed to a foreign host name (DNS rebinding)', async () => {
    const port = new URL(proxy.url).port;
    for (const [method, path, body] of [
      ['GET', '/v1/pairing', undefined],
      ['POST', '/v1/pairing/requests', { extensionOrigin: EXTENSION }],
      ['POST', '/v1/pairing/requests/any/confirm', { extensionOrigin: EXTENSION, code: '000000' }],
      ['POST', '/v1/pairing/requests/any/cancel', { extensionOrigin: EXTENSION }],
    ] as const) {
      const refused = await send(method, path, {
        ...(body ? { body } : {}),
        headers: { host: `attacker.example:${port}`, origin: EXTENSION },
      });
      expect(refused.status).toBe(403);
      expect(errorOf(refused).code).toBe('forbidden_host');
    }
  });

  it('still asks for the token everywhere else', async () => {
    const health = await send('GET', '/v1/health', asExtension());
    expect(health.status).toBe(401);
    const unknown = await send('GET', '/v1/pairing/nothing-here');
    expect(unknown.status).toBe(401);
  });
});

describe('a pairing request', () => {
  it('expires by itself and says so', async () => {
    const events: PairingEvent[] = [];
    const ended = new Promise<void>((resolve) => {
      const desk = createPairingDesk({
        token: 'the-token',
        ttlMs: 20,
        announce: (event) => {
          events.push(event);
          if (event.kind === 'ended') resolve();
        },
      });
      desk.request(EXTENSION);
    });
    await ended;
    expect(events.map((event) => event.kind)).toEqual(['requested', 'ended']);
    expect(events[1]).toMatchObject({ reason: 'expired' });
  });
});

describe('the cooldown after wrong codes', () => {
  /** A desk on a clock the test moves. */
  function deskAt() {
    const clock = { now: 1_000_000 };
    const events: PairingEvent[] = [];
    const desk = createPairingDesk({
      token: 'the-token',
      cooldownMs: 30_000,
      now: () => clock.now,
      announce: (event) => events.push(event),
    });
    const codeOf = () => {
      const last = events.findLast((event) => event.kind === 'requested');
      return last?.kind === 'requested' ? last.code : '';
    };
    const wrongFor = (code: string) => (code === '000000' ? '000001' : '000000');
    const failureOf = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        return error as { code: string; details: { retryAfterSeconds?: number } };
      }
      throw new Error('did not fail');
    };
    return { clock, events, desk, codeOf, wrongFor, failureOf };
  }

  it('lasts its time after three wrong codes, then lets a new request in', () => {
    const { clock, desk, codeOf, wrongFor, failureOf, events } = deskAt();
    const ticket = desk.request(EXTENSION);
    const wrong = wrongFor(codeOf());
    for (let i = 0; i < PAIRING_ATTEMPTS; i += 1) {
      failureOf(() => desk.confirm(ticket.id, EXTENSION, wrong));
    }
    expect(events.at(-1)).toMatchObject({
      kind: 'ended',
      reason: 'too_many_attempts',
      cooldownMs: 30_000,
    });
    expect(failureOf(() => desk.request(EXTENSION))).toMatchObject({
      code: 'pairing_cooldown',
      details: { retryAfterSeconds: 30 },
    });
    clock.now += 29_500;
    expect(failureOf(() => desk.request(EXTENSION))).toMatchObject({
      details: { retryAfterSeconds: 1 },
    });
    clock.now += 500;
    expect(desk.request(EXTENSION)).toMatchObject({ attemptsLeft: PAIRING_ATTEMPTS });
    desk.close();
  });

  it('also follows a request cancelled after a wrong code (no three fresh tries by cancelling)', () => {
    const { desk, codeOf, wrongFor, failureOf } = deskAt();
    const ticket = desk.request(EXTENSION);
    failureOf(() => desk.confirm(ticket.id, EXTENSION, wrongFor(codeOf())));
    desk.cancel(ticket.id, EXTENSION);
    expect(failureOf(() => desk.request(EXTENSION)).code).toBe('pairing_cooldown');
  });

  it('does not follow a request cancelled, or paired, without a wrong code', () => {
    const { desk, codeOf } = deskAt();
    const first = desk.request(EXTENSION);
    desk.cancel(first.id, EXTENSION);
    const second = desk.request(EXTENSION);
    expect(desk.confirm(second.id, EXTENSION, codeOf())).toEqual({ token: 'the-token' });
    const third = desk.request(EXTENSION);
    expect(third.attemptsLeft).toBe(PAIRING_ATTEMPTS);
    desk.close();
  });
});
