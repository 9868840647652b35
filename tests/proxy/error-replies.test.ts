// What the proxy calls a server's refusal, and the sentence it says it in: Dovecot's own replies
// and Exchange's, injected by the fault proxy in front of a real Dovecot.

import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import type { ImapEndpoint } from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { makeMessage, seedMailbox } from '../fixtures/maildir.ts';
import { startJobManager, waitForJob } from './helpers.ts';

const PASSWORD = 'Replies-Pa55';
let source: DovecotServer;
let destination: DovecotServer;
let jobs: JobService;
const proxies: FaultProxy[] = [];
let users = 0;

/**
 * The destination without MULTIAPPEND (Dovecot's list otherwise, LITERAL+ kept): the fault
 * proxy answers the n-th APPEND command, which is then the n-th message. That a refused
 * MULTIAPPEND is sent again one message at a time, so only the message the server refuses is
 * refused, is tests/proxy/append-pipeline.test.ts's.
 */
const SINGLE_APPEND_CAPABILITIES =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT LITERAL+ UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE SPECIAL-USE QUOTA';

beforeAll(async () => {
  [source, destination] = await Promise.all([
    startDovecot(),
    startDovecot({ extraConfig: `imap_capability = ${SINGLE_APPEND_CAPABILITIES}\n` }),
  ]);
  jobs = await startJobManager({ retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 } });
});

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

afterAll(async () => {
  await jobs?.close();
  await Promise.all([source?.stop(), destination?.stop()]);
});

async function account(count = 4): Promise<string> {
  users += 1;
  const user = `replies${users}@example.test`;
  await source.addUser(user, PASSWORD);
  await destination.addUser(user, PASSWORD);
  await seedMailbox(source, user, [
    {
      path: ['INBOX'],
      messages: Array.from({ length: count }, (_, i) => ({
        raw: makeMessage({ subject: `Reply ${i}`, size: 6_000, seed: 100 * users + i }),
      })),
    },
  ]);
  return user;
}

async function inFront(server: DovecotServer): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ targetPort: server.port });
  proxies.push(proxy);
  return proxy;
}

const plain = (at: { host: string; port: number }, user: string): ImapEndpoint => ({
  host: at.host,
  port: at.port,
  tls: 'none',
  user,
  password: PASSWORD,
});

/** Answers the n-th APPEND (1-based) with `reply` instead of the server. */
function refuseAppend(proxy: FaultProxy, n: number, reply: string) {
  let appends = 0;
  proxy.onClientCommand = ({ tag, command }) => {
    if (command !== 'APPEND') return null;
    appends += 1;
    return appends === n ? `${tag} ${reply}` : null;
  };
}

async function copy(user: string, to: { host: string; port: number }, from = source) {
  const created = await jobs.create({
    source: plain(from, user),
    destination: plain(to, user),
    options: { dryRun: false },
  });
  return waitForJob(jobs, created.id);
}

describe('refusals of one message', () => {
  it("names Dovecot's NO [LIMIT] on APPEND message_too_large, and copies the rest", async () => {
    const user = await account();
    const to = await inFront(destination);
    refuseAppend(
      to,
      2,
      'NO [LIMIT] Mail size is larger than the maximum size allowed by server configuration',
    );
    const done = await copy(user, to);
    expect(done.state).toBe('completed_with_errors');
    expect(done.totals).toMatchObject({ messagesCopied: 3, messagesFailed: 1 });
    expect(done.failures).toEqual([
      expect.objectContaining({ code: 'message_too_large', folder: 'INBOX', uid: 2 }),
    ]);
  });

  it('names any other refusal message_failed, in one sentence with the server’s words', async () => {
    const user = await account();
    const to = await inFront(destination);
    refuseAppend(to, 3, 'NO [CANNOT] Message refused by policy.');
    const done = await copy(user, to);
    expect(done.state).toBe('completed_with_errors');
    const [failure] = done.failures;
    expect(failure).toMatchObject({ code: 'message_failed', uid: 3 });
    expect(failure?.message).toBe(
      'The destination server refused this message: Message refused by policy.',
    );
    const log = jobs.report(done.id, { messages: true }).messages ?? [];
    expect(log.find((entry) => entry.uid === 3)).toMatchObject({
      outcome: 'refused',
      errorCode: 'message_failed',
    });
  });
});

describe('refusals of the connection or the account', () => {
  it('says a server without STARTTLS offers no STARTTLS, not that its certificate is bad', async () => {
    const user = await account(1);
    const test = await jobs.testCredentials({
      source: { ...plain(source, user), tls: 'starttls' },
      destination: plain(destination, user),
    });
    expect(test.destination?.ok).toBe(true);
    expect(test.source.ok).toBe(false);
    if (test.source.ok) return;
    expect(test.source.error.code).toBe('tls_failed');
    expect(test.source.error.message).toMatch(/does not offer STARTTLS/);
    expect(test.source.error.message).not.toMatch(/certificate/);
  });

  it("names Exchange's “authenticated but not connected” imap_disabled", async () => {
    const user = await account(1);
    const to = await inFront(destination);
    to.onClientCommand = ({ tag, command }) =>
      command === 'LIST' ? `${tag} NO User is authenticated but not connected.` : null;
    const test = await jobs.testCredentials({
      source: plain(source, user),
      destination: plain(to, user),
    });
    expect(test.destination).toMatchObject({ ok: false, error: { code: 'imap_disabled' } });
    const paused = await copy(user, to);
    expect(paused).toMatchObject({ state: 'paused', error: { code: 'imap_disabled' } });
    expect(paused.error?.message).toMatch(/allow IMAP/);
  });

  it('ends an unexpected answer in one full stop, whatever the server wrote', async () => {
    const user = await account(1);
    const from = await inFront(source);
    from.onClientCommand = ({ tag, command }) =>
      command === 'EXAMINE' ? `${tag} NO Mailbox is being moved.` : null;
    const created = await jobs.create({
      source: plain(from, user),
      destination: plain(destination, user),
      options: { dryRun: false },
    });
    const paused = await waitForJob(jobs, created.id);
    expect(paused).toMatchObject({ state: 'paused', error: { code: 'protocol_error' } });
    expect(paused.error?.message).toMatch(/: Mailbox is being moved\.$/);
    expect(paused.error?.message).not.toContain('..');
  });
});

describe('a refused SUBSCRIBE', () => {
  it('is asked again, not taken for done: the folders end subscribed as on the source', async () => {
    const user = await account(1);
    await seedMailbox(source, user, [
      { path: ['Projets'], messages: [{ raw: makeMessage({ subject: 'P', seed: 9_001 }) }] },
      { path: ['Vieux'], subscribed: false },
    ]);
    const to = await inFront(destination);
    // Dovecot under load, its subscriptions file locked by another session: imapflow answers
    // false for a refused SUBSCRIBE (the one it sends after CREATE, and ours), never throws.
    let refused = 0;
    to.onClientCommand = ({ tag, command }) => {
      if (command !== 'SUBSCRIBE' || refused >= 2) return null;
      refused += 1;
      return `${tag} NO [INUSE] Subscriptions file is locked`;
    };
    const done = await copy(user, to);
    expect(done.state).toBe('completed');
    expect(refused).toBe(2);
    const client = new ImapFlow({
      host: destination.host,
      port: destination.port,
      secure: false,
      auth: { user, pass: PASSWORD },
      logger: false,
    });
    await client.connect();
    try {
      const listed = await client.list();
      const subscribed = (name: string) => {
        const box = listed.find((entry) => entry.path === name);
        return box ? box.subscribed === true : 'missing';
      };
      expect(subscribed('Projets')).toBe(true);
      expect(subscribed('Vieux')).toBe(false);
    } finally {
      await client.logout();
    }
  });
});

describe('the folders created before the copy', () => {
  it('are created by the worker when the batch was refused one, subscribed as on the source', async () => {
    const user = await account(2);
    await seedMailbox(source, user, [
      { path: ['Projets'], messages: [{ raw: makeMessage({ subject: 'P', seed: 9_101 }) }] },
      {
        path: ['Projets', '2024'],
        messages: [{ raw: makeMessage({ subject: 'Q', seed: 9_102 }) }],
      },
      { path: ['Vieux'], subscribed: false },
    ]);
    const to = await inFront(destination);
    // The first CREATE (of the one batch sent before any folder is copied) is refused.
    const creates: string[] = [];
    to.onClientCommand = ({ tag, command, line }) => {
      if (command !== 'CREATE') return null;
      creates.push(line);
      return creates.length === 1 ? `${tag} NO [SERVERBUG] Internal error occurred` : null;
    };
    const done = await copy(user, to);
    expect(done.state).toBe('completed');
    // Three in the batch, a parent before its child; then the refused one again, by its worker.
    const sent = creates.map((line) => line.replace(/^\S+ /, ''));
    expect(sent.slice(0, 3).sort()).toEqual([
      'CREATE "Projets"',
      'CREATE "Projets/2024"',
      'CREATE "Vieux"',
    ]);
    expect(sent.indexOf('CREATE "Projets"')).toBeLessThan(sent.indexOf('CREATE "Projets/2024"'));
    expect(sent.slice(3)).toEqual(['CREATE Projets']);
    const client = new ImapFlow({
      host: destination.host,
      port: destination.port,
      secure: false,
      auth: { user, pass: PASSWORD },
      logger: false,
    });
    await client.connect();
    try {
      const listed = await client.list();
      const subscribed = (name: string) => {
        const box = listed.find((entry) => entry.path === name);
        return box ? box.subscribed === true : 'missing';
      };
      expect(subscribed('Projets')).toBe(true);
      expect(subscribed('Projets/2024')).toBe(true);
      expect(subscribed('Vieux')).toBe(false);
      const lock = await client.getMailboxLock('Projets');
      try {
        expect((client.mailbox as { exists: number }).exists).toBe(1);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  });
});
