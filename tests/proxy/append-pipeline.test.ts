// The pipelined APPEND path (backend-proxy/src/imap/append-pipeline.ts) against real Dovecot:
// byte-exact with flags, keywords and INTERNALDATE, with and without LITERAL+ and MULTIAPPEND,
// APPENDUID per message, per-message refusals, throttling, and a connection dropped mid-pipeline
// leaving a state the copy's dedupe resumes from without loss or duplicates.

import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AppendOutcome,
  AppendPipeline,
} from '../../backend-proxy/src/imap/append-pipeline.ts';
import type { AppendSessionOptions } from '../../backend-proxy/src/imap/append-session.ts';
import { createImapConnector } from '../../backend-proxy/src/imap/connector.ts';
import type { ImapEndpoint } from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import {
  compareSnapshots,
  type MailboxSnapshot,
  type SnapshotMessage,
  snapshotMailbox,
} from '../fixtures/imap-snapshot.ts';
import { makeMessage, mixedMailboxFixture, seedMailbox } from '../fixtures/maildir.ts';

const PASSWORD = 'append-Pa55';
/** The connector the CLI would build for loopback test servers. */
const LOOPBACK = createImapConnector({ allowHosts: ['127.0.0.1'], insecureTls: true });
const SOURCE = 'source@example.test';
/** Dovecot's own list after login, less LITERAL+ and MULTIAPPEND (RFC 7888, RFC 3502). */
const PLAIN_CAPABILITIES =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE UNSELECT CHILDREN NAMESPACE UIDPLUS SPECIAL-USE QUOTA';

let server: DovecotServer;
let plainServer: DovecotServer;
let source: MailboxSnapshot;
let sourceMessages: SnapshotMessage[];
const proxies: FaultProxy[] = [];
let users = 0;

beforeAll(async () => {
  [server, plainServer] = await Promise.all([
    startDovecot({ users: [{ user: SOURCE, password: PASSWORD }] }),
    startDovecot({ extraConfig: `imap_capability = ${PLAIN_CAPABILITIES}\n` }),
  ]);
  // Everything a byte-exact copy can get wrong (bare LF, 8-bit headers, a long line, keywords,
  // dates from 1985), in one folder, plus a 3 MiB message so literals span many socket writes.
  const folders = mixedMailboxFixture({ bigMessageBytes: 3 * 1024 * 1024 });
  await seedMailbox(server, SOURCE, [
    { path: ['INBOX'], messages: folders.flatMap((f) => f.messages ?? []) },
  ]);
  source = await snapshotMailbox(server.endpoint(SOURCE));
  sourceMessages = source.folders.get('INBOX')?.messages ?? [];
});

afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all([server?.stop(), plainServer?.stop()]);
});

async function freshUser(target: DovecotServer, quotaBytes?: number): Promise<string> {
  const user = `dest${++users}@example.test`;
  await target.addUser(user, PASSWORD, quotaBytes === undefined ? {} : { quotaBytes });
  return user;
}

function endpoint(port: number, user: string, password = PASSWORD): ImapEndpoint {
  return { host: '127.0.0.1', port, tls: 'none', user, password };
}

function open(port: number, user: string, options: Partial<AppendSessionOptions> = {}) {
  return LOOPBACK.openAppendSession(endpoint(port, user), { mailbox: 'INBOX', ...options });
}

/** Waits until Dovecot has logged the end of `count` IMAP sessions of `user`. */
async function sessionsEnded(target: DovecotServer, user: string, count: number): Promise<void> {
  const ended = (log: string) =>
    log.split('\n').filter((line) => line.includes(`imap(${user})`) && /Disconnected/.test(line))
      .length;
  for (let i = 0; i < 200; i++) {
    if (ended(await target.readLog()) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Dovecot did not end ${count} session(s) of ${user} within 10 s`);
}

async function appendAll(pipeline: AppendPipeline, messages: readonly SnapshotMessage[]) {
  const outcomes: Array<Promise<AppendOutcome>> = [];
  for (const m of messages) {
    await pipeline.whenRoom();
    outcomes.push(
      pipeline.append({ body: m.raw, flags: m.flags, internalDate: new Date(m.internalDate) }),
    );
  }
  return Promise.all(outcomes);
}

async function relay(target: DovecotServer) {
  const proxy = await startFaultProxy({ targetPort: target.port });
  proxies.push(proxy);
  return proxy;
}

/** Counts APPEND commands and the most ever sent without their answer, through a relay. */
function watchAppends(proxy: FaultProxy) {
  const seen = { commands: 0, lines: [] as string[], outstanding: 0, maxOutstanding: 0 };
  proxy.onClientCommand = ({ command, line }) => {
    if (command !== 'APPEND') return null;
    seen.commands++;
    seen.lines.push(line);
    seen.maxOutstanding = Math.max(seen.maxOutstanding, ++seen.outstanding);
    return null;
  };
  proxy.onServerLine = (_line, { command }) => {
    if (command === 'APPEND') seen.outstanding--;
    return null;
  };
  return seen;
}

async function destination(target: DovecotServer, user: string) {
  return snapshotMailbox(target.endpoint(user));
}

describe('byte-exact, with every capability Dovecot offers', () => {
  it('stores every message as served, with flags, keywords and INTERNALDATE, over LITERAL+ and MULTIAPPEND', async () => {
    const user = await freshUser(server);
    const proxy = await relay(server);
    const seen = watchAppends(proxy);
    const session = await open(proxy.port, user);
    expect(session.pipeline.mode).toMatchObject({ literalPlus: true, multiappend: true });
    const outcomes = await appendAll(session.pipeline, sourceMessages);
    await session.close();

    expect(outcomes.every((o) => o.status === 'appended')).toBe(true);
    expect(compareSnapshots(source, await destination(server, user))).toEqual([]);
    // Batched: fewer APPEND commands than messages, none waiting for a "+".
    expect(seen.commands).toBeLessThan(sourceMessages.length);
    expect(seen.lines.every((line) => /\{\d+\+\}$/.test(line))).toBe(true);
  });

  it('reports the APPENDUID of each message, in order, and the folder UIDVALIDITY', async () => {
    const user = await freshUser(server);
    const session = await open(server.port, user);
    const outcomes = await appendAll(session.pipeline, sourceMessages);
    await session.close();

    const copied = (await destination(server, user)).folders.get('INBOX');
    expect(session.uidValidity).toBe(copied?.uidValidity);
    const byUid = new Map(copied?.messages.map((m) => [m.uid, m.sha256]));
    outcomes.forEach((outcome, i) => {
      expect(outcome).toMatchObject({ status: 'appended', uidValidity: session.uidValidity });
      const uid = outcome.status === 'appended' ? outcome.uid : undefined;
      expect(uid !== undefined && byUid.get(uid)).toBe(sourceMessages[i]?.sha256);
    });
  });

  it('keeps several single APPENDs in flight with LITERAL+ alone', async () => {
    const user = await freshUser(server);
    const proxy = await relay(server);
    // A little latency so commands pile up on the wire, as over the internet.
    proxy.setDelay(5);
    const seen = watchAppends(proxy);
    const session = await open(proxy.port, user, { multiappend: false });
    const many = Array.from({ length: 12 }, () => sourceMessages).flat();
    const outcomes = await appendAll(session.pipeline, many);
    await session.close();

    expect(outcomes.filter((o) => o.status === 'appended')).toHaveLength(many.length);
    expect(seen.commands).toBe(many.length);
    expect(seen.maxOutstanding).toBeGreaterThan(1);
    const copied = (await destination(server, user)).folders.get('INBOX')?.messages ?? [];
    expect(copied.map((m) => m.sha256)).toEqual(many.map((m) => m.sha256));
  });

  it('streams a body from an async source and stores exactly its bytes', async () => {
    const user = await freshUser(server);
    const session = await open(server.port, user);
    const big = sourceMessages.reduce((a, b) => (a.raw.length > b.raw.length ? a : b));
    async function* chunks() {
      for (let at = 0; at < big.raw.length; at += 64 * 1024) {
        yield big.raw.subarray(at, at + 64 * 1024);
      }
    }
    const outcome = await session.pipeline.append({
      body: { size: big.raw.length, chunks: chunks() },
      flags: big.flags,
      internalDate: new Date(big.internalDate),
    });
    await session.close();

    expect(outcome.status).toBe('appended');
    const [stored] = (await destination(server, user)).folders.get('INBOX')?.messages ?? [];
    expect(stored?.sha256).toBe(big.sha256);
    expect(stored?.internalDate).toBe(big.internalDate);
  });

  it('drops the connection when a streamed body is shorter than announced, and stores nothing', async () => {
    const user = await freshUser(server);
    const session = await open(server.port, user);
    async function* short() {
      yield Buffer.from('Subject: short\r\n\r\nonly this\r\n');
    }
    const [broken, after] = await Promise.all([
      session.pipeline.append({ body: { size: 5000, chunks: short() } }),
      session.pipeline.append({ body: makeMessage({ size: 2000 }) }),
    ]);
    await session.close();

    expect(broken).toMatchObject({ status: 'not_sent', error: { code: 'message_failed' } });
    expect(after.status).toBe('not_sent');
    expect((await destination(server, user)).messageCount).toBe(0);
  });
});

describe('a server without LITERAL+ or MULTIAPPEND', () => {
  it('waits for each "+" yet pipelines the commands, byte-exact', async () => {
    const user = await freshUser(plainServer);
    const proxy = await relay(plainServer);
    proxy.setDelay(5);
    const seen = watchAppends(proxy);
    const session = await open(proxy.port, user);
    expect(session.pipeline.mode).toMatchObject({ literalPlus: false, multiappend: false });
    const outcomes = await appendAll(session.pipeline, sourceMessages);
    await session.close();

    expect(outcomes.every((o) => o.status === 'appended')).toBe(true);
    expect(seen.lines.every((line) => /\{\d+\}$/.test(line))).toBe(true);
    expect(seen.commands).toBe(sourceMessages.length);
    expect(seen.maxOutstanding).toBeGreaterThan(1);
    expect(compareSnapshots(source, await destination(plainServer, user))).toEqual([]);
  });

  it('sends only literals up to 4 KiB non-synchronizing when the server offers LITERAL-', async () => {
    const minus = await startDovecot({
      extraConfig: `imap_capability = ${PLAIN_CAPABILITIES} LITERAL-\n`,
    });
    try {
      const user = await freshUser(minus);
      const proxy = await relay(minus);
      const seen = watchAppends(proxy);
      const session = await open(proxy.port, user);
      const bodies = [makeMessage({ size: 3000 }), makeMessage({ size: 9000 })];
      const outcomes = await Promise.all(bodies.map((body) => session.pipeline.append({ body })));
      await session.close();
      expect(outcomes.map((o) => o.status)).toEqual(['appended', 'appended']);
      expect(seen.lines.map((line) => /\{(\d+)(\+?)\}$/.exec(line)?.slice(1))).toEqual([
        ['3000', '+'],
        ['9000', ''],
      ]);
    } finally {
      await minus.stop();
    }
  });
});

describe('refusals, one message at a time', () => {
  it('maps a full mailbox to quota_full per message; MULTIAPPEND falls back to single APPENDs', async () => {
    const user = await freshUser(server, 60_000);
    const session = await open(server.port, user);
    const messages = Array.from({ length: 6 }, (_, i) =>
      makeMessage({ size: 15_000, seed: i + 1 }),
    );
    const outcomes = await Promise.all(messages.map((body) => session.pipeline.append({ body })));
    await session.close();

    const appended = outcomes.filter((o) => o.status === 'appended');
    const refused = outcomes.filter((o) => o.status === 'refused');
    expect(appended.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(appended.length + refused.length).toBe(messages.length);
    for (const o of refused) expect(o).toMatchObject({ error: { code: 'quota_full' } });
    expect((await destination(server, user)).messageCount).toBe(appended.length);
  });

  it('refuses a message over the advertised APPENDLIMIT without sending it, and goes on', async () => {
    const limited = await startDovecot({ appendLimit: 20_000 });
    try {
      const user = await freshUser(limited);
      const session = await open(limited.port, user);
      const outcomes = await Promise.all(
        [5_000, 30_000, 6_000].map((size) =>
          session.pipeline.append({ body: makeMessage({ size }) }),
        ),
      );
      await session.close();
      expect(outcomes.map((o) => o.status)).toEqual(['appended', 'refused', 'appended']);
      expect(outcomes[1]).toMatchObject({ error: { code: 'message_too_large' } });
      expect((await destination(limited, user)).messageCount).toBe(2);
    } finally {
      await limited.stop();
    }
  });

  it('maps a server-side size refusal (NO [LIMIT]) to message_too_large; the pipeline stays in step', async () => {
    // The size limit enforced but not advertised: the server refuses the literal it read.
    const limited = await startDovecot({
      extraConfig: 'plugin {\n  quota_max_mail_size = 20k\n}\n',
    });
    try {
      const user = await freshUser(limited);
      const session = await open(limited.port, user, { multiappend: false });
      const sizes = [5_000, 40_000, 6_000, 50_000, 7_000];
      const outcomes = await Promise.all(
        sizes.map((size, i) =>
          session.pipeline.append({ body: makeMessage({ size, seed: i + 1 }) }),
        ),
      );
      await session.close();
      expect(outcomes.map((o) => o.status)).toEqual([
        'appended',
        'refused',
        'appended',
        'refused',
        'appended',
      ]);
      expect(outcomes[1]).toMatchObject({ error: { code: 'message_too_large' } });
      const stored = (await destination(limited, user)).folders.get('INBOX')?.messages ?? [];
      expect(stored.map((m) => m.raw.length)).toEqual([5_000, 6_000, 7_000]);
    } finally {
      await limited.stop();
    }
  });

  it('waits as long as Exchange asks when throttled, halves its window, and stores each message once', async () => {
    const user = await freshUser(server);
    const proxy = await relay(server);
    let throttled = 0;
    proxy.onClientCommand = ({ tag, command }) => {
      if (command !== 'APPEND' || throttled >= 3) return null;
      throttled++;
      return `${tag} NO Request is throttled. Suggested Backoff Time: 30 milliseconds`;
    };
    const session = await open(proxy.port, user, { multiappend: false });
    const outcomes = await appendAll(session.pipeline, sourceMessages);
    const window = session.pipeline.mode.window;
    await session.close();

    expect(throttled).toBe(3);
    expect(window).toBeLessThan(32);
    expect(outcomes.every((o) => o.status === 'appended')).toBe(true);
    expect(compareSnapshots(source, await destination(server, user))).toEqual([]);
  });

  it('gives up on a message the server keeps throttling, as throttled', async () => {
    const user = await freshUser(server);
    const proxy = await relay(server);
    proxy.onClientCommand = ({ tag, command }) =>
      command === 'APPEND'
        ? `${tag} NO Request is throttled. Suggested Backoff Time: 1 milliseconds`
        : null;
    const session = await open(proxy.port, user, {
      throttle: { maxAttempts: 3, backoffMs: 1, maxBackoffMs: 5 },
    });
    const outcome = await session.pipeline.append({ body: makeMessage({ size: 2000 }) });
    await session.close();
    expect(outcome).toMatchObject({ status: 'refused', error: { code: 'throttled' } });
  });
});

describe('a connection dropped mid-pipeline', () => {
  it('says what is stored, what is not and what is unknown; a dedupe pass then ends exact', async () => {
    const user = await freshUser(server);
    const proxy = await relay(server);
    proxy.setDelay(3);
    const many = Array.from({ length: 8 }, () => sourceMessages).flat();
    const session = await open(proxy.port, user, { multiappend: false });
    // Half-way through the bytes of the whole batch, the connection goes.
    const total = many.reduce((sum, m) => sum + m.raw.length, 0);
    proxy.cutAfter({ direction: 'toServer', bytes: Math.floor(total / 2) });
    const outcomes = await appendAll(session.pipeline, many);
    await session.close();
    // The cut ends our side at once, but Dovecot still reads what reached it before the cut and
    // may store the last APPENDs after that: what is stored is only known once its session is
    // over (reading the folder earlier let a dedupe pass miss them: duplicates, under load).
    await sessionsEnded(server, user, 1);

    const statuses = new Set(outcomes.map((o) => o.status));
    expect(statuses.has('appended')).toBe(true);
    expect(statuses.has('not_sent')).toBe(true);
    for (const o of outcomes) {
      if (o.status !== 'appended') expect(o.error.code).toBe('connection_lost');
    }
    const stored = (await destination(server, user)).folders.get('INBOX')?.messages ?? [];
    const storedUids = new Set(stored.map((m) => m.uid));
    outcomes.forEach((o) => {
      if (o.status === 'appended') expect(o.uid !== undefined && storedUids.has(o.uid)).toBe(true);
    });
    // Stored = every appended one, plus at most the unknown ones; never a not_sent one.
    const appended = outcomes.filter((o) => o.status === 'appended').length;
    const unknown = outcomes.filter((o) => o.status === 'unknown').length;
    expect(stored.length).toBeGreaterThanOrEqual(appended);
    expect(stored.length).toBeLessThanOrEqual(appended + unknown);

    // The resume: the copy's dedupe key (Message-ID or content, date, size) over the destination
    // decides what is still missing, one destination message per source message.
    const have = new Map<string, number>();
    const keyOf = (m: SnapshotMessage) => `${m.sha256}|${m.internalDate}`;
    for (const m of stored) have.set(keyOf(m), (have.get(keyOf(m)) ?? 0) + 1);
    const missing = many.filter((m) => {
      const left = have.get(keyOf(m)) ?? 0;
      if (left > 0) have.set(keyOf(m), left - 1);
      return left === 0;
    });
    proxy.clearFaults();
    const resume = await open(proxy.port, user);
    expect((await appendAll(resume.pipeline, missing)).every((o) => o.status === 'appended')).toBe(
      true,
    );
    await resume.close();
    const final = (await destination(server, user)).folders.get('INBOX')?.messages ?? [];
    expect(final.map((m) => m.sha256).sort()).toEqual(many.map((m) => m.sha256).sort());
  });

  it('marks everything not_sent or unknown when cancelled, and takes no more', async () => {
    const user = await freshUser(server);
    const proxy = await relay(server);
    proxy.setDelay(20);
    const controller = new AbortController();
    const session = await open(proxy.port, user, { signal: controller.signal });
    const pending = sourceMessages.map((m) => session.pipeline.append({ body: m.raw }));
    controller.abort();
    const outcomes = await Promise.all(pending);
    for (const o of outcomes) {
      expect(o.status === 'not_sent' || o.status === 'unknown').toBe(true);
      if (o.status !== 'appended') expect(o.error.code).toBe('cancelled');
    }
    expect((await session.pipeline.append({ body: makeMessage() })).status).toBe('not_sent');
    await session.close();
  });
});

describe('connecting', () => {
  it('refuses a wrong password as auth_failed, and never says the password', async () => {
    const user = await freshUser(server);
    const error = await LOOPBACK.openAppendSession(endpoint(server.port, user, 'wrong-Secret-42'), {
      mailbox: 'INBOX',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ProxyFailure', code: 'auth_failed' });
    expect(JSON.stringify(error)).not.toContain('wrong-Secret-42');
    expect(String((error as Error).message)).not.toContain('wrong-Secret-42');
  });

  it('keeps the host policy and refuses plain text unless told otherwise', async () => {
    const user = await freshUser(server);
    await expect(
      createImapConnector({ allowHosts: [], insecureTls: true }).openAppendSession(
        endpoint(server.port, user),
        { mailbox: 'INBOX' },
      ),
    ).rejects.toMatchObject({ code: 'host_not_allowed' });
    await expect(
      createImapConnector({ allowHosts: ['127.0.0.1'], insecureTls: false }).openAppendSession(
        endpoint(server.port, user),
        { mailbox: 'INBOX' },
      ),
    ).rejects.toMatchObject({ code: 'tls_failed' });
  });

  it('logs in over implicit TLS and over STARTTLS, and appends there too', async () => {
    const secure = await startDovecot({ tls: true });
    try {
      for (const mode of ['implicit', 'starttls'] as const) {
        const user = await freshUser(secure);
        const session = await LOOPBACK.openAppendSession(
          {
            host: '127.0.0.1',
            port: mode === 'implicit' ? (secure.tlsPort as number) : secure.port,
            tls: mode,
            user,
            password: PASSWORD,
          },
          { mailbox: 'INBOX' },
        );
        expect(await session.pipeline.append({ body: makeMessage() })).toMatchObject({
          status: 'appended',
        });
        await session.close();
        const client = new ImapFlow({
          ...secure.endpoint(user, { tls: true }),
          port: secure.tlsPort as number,
          secure: true,
          auth: { user, pass: PASSWORD },
          tls: { rejectUnauthorized: false },
          logger: false,
        });
        await client.connect();
        const status = await client.status('INBOX', { messages: true });
        expect(status === false ? undefined : status.messages).toBe(1);
        await client.logout();
      }
    } finally {
      await secure.stop();
    }
  });

  it('appends into a folder with a non-ASCII name (modified UTF-7 on the wire)', async () => {
    const user = await freshUser(server);
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: PASSWORD },
      logger: false,
    });
    await client.connect();
    await client.mailboxCreate('Projets/Été 2024 & co');
    await client.logout();
    const session = await open(server.port, user, { mailbox: 'Projets/Été 2024 & co' });
    expect((await session.pipeline.append({ body: makeMessage() })).status).toBe('appended');
    await session.close();
    const copied = await destination(server, user);
    expect(copied.folders.get('Projets/Été 2024 & co')?.messages).toHaveLength(1);
  });
});
