import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import { silentLogger } from '../../backend-proxy/src/log.ts';
import type { ImapEndpoint } from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { makeMessage, type SeedFolder, seedMailbox } from '../fixtures/maildir.ts';
import { rerun, startJobManager, waitForJob, watchAppends } from './helpers.ts';

const PASSWORD = 'Pa55word-source';
const DEST_PASSWORD = 'Pa55word-destination';

let source: DovecotServer;
let destination: DovecotServer;
let jobs: JobService;
const proxies: FaultProxy[] = [];
let users = 0;

const ACCOUNTS = 13;
const QUOTA_USER = 2;
const userName = (n: number) => `user${n}@example.test`;

/** A fresh pair of accounts per test: same servers, no state shared between tests. */
async function accounts(folders: SeedFolder[]) {
  users += 1;
  const user = userName(users);
  await seedMailbox(source, user, folders);
  return user;
}

function mailbox(count: number, size: number, folder = 'INBOX'): SeedFolder[] {
  return [
    {
      path: [folder],
      messages: Array.from({ length: count }, (_, i) => ({
        raw: makeMessage({ subject: `Message ${i}`, size, seed: i + 1 }),
        flags: i % 2 ? ['\\Seen' as const] : [],
        internalDate: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
      })),
    },
  ];
}

const plain = (host: string, port: number, user: string, password: string): ImapEndpoint => ({
  host,
  port,
  tls: 'none',
  user,
  password,
});

async function differences(user: string) {
  const [from, to] = await Promise.all([
    snapshotMailbox(source.endpoint(user, { tls: true })),
    snapshotMailbox(destination.endpoint(user, { tls: true })),
  ]);
  return compareSnapshots(from, to, undefined, { ignoreDestinationFolders: [] });
}

async function faultProxy(target: DovecotServer) {
  const proxy = await startFaultProxy({ targetPort: target.port });
  proxies.push(proxy);
  return proxy;
}

beforeAll(async () => {
  const all = Array.from({ length: ACCOUNTS }, (_, i) => i + 1);
  [source, destination] = await Promise.all([
    startDovecot({ tls: true, users: all.map((n) => ({ user: userName(n), password: PASSWORD })) }),
    startDovecot({
      tls: true,
      users: all.map((n) => ({
        user: userName(n),
        password: DEST_PASSWORD,
        quotaBytes: n === QUOTA_USER ? 1_000_000 : null,
      })),
    }),
  ]);
  jobs = await startJobManager({
    retry: { attempts: 5, baseDelayMs: 50, maxDelayMs: 400 },
    // Dovecot is not split by default (slower there): these tests split what is large enough.
    splitFolders: 'always',
  });
});

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

afterAll(async () => {
  await jobs?.close();
  await Promise.all([source?.stop(), destination?.stop()]);
});

describe('a copy that meets trouble', () => {
  it('rides out connections cut mid-transfer on both sides and ends exact', async () => {
    const user = await accounts(mailbox(120, 30_000));
    const fromProxy = await faultProxy(source);
    const toProxy = await faultProxy(destination);
    // Cut the destination in the middle of an APPEND literal, and the source mid-download.
    toProxy.cutAfter({ direction: 'toServer', bytes: 1_000_003 });
    fromProxy.cutAfter({ direction: 'toClient', bytes: 2_500_007 });
    const job = await jobs.create({
      source: plain(fromProxy.host, fromProxy.port, user, PASSWORD),
      destination: plain(toProxy.host, toProxy.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const done = await waitForJob(jobs, job.id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('completed');
    expect(toProxy.stats.cuts + fromProxy.stats.cuts).toBe(2);
    expect(await differences(user)).toEqual([]);
    // What the job copied before a cut is still counted as copied, not as "already there".
    expect(done.totals).toMatchObject({
      messagesTotal: 120,
      messagesDone: 120,
      messagesCopied: 120,
      messagesAlreadyPresent: 0,
    });
  });

  it('pauses on a full destination, then resumes after the quota is raised, without duplicates', async () => {
    // Two folders, so both copy workers run and the one that meets the full quota stops the other.
    const user = await accounts([...mailbox(30, 40_000), ...mailbox(30, 40_000, 'Archives')]);
    expect(user).toBe(userName(QUOTA_USER));
    const job = await jobs.create({
      source: plain(source.host, source.port, user, PASSWORD),
      destination: plain(destination.host, destination.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const paused = await waitForJob(jobs, job.id);
    expect(paused.state).toBe('paused');
    expect(paused.error?.code).toBe('quota_full');
    expect(paused.error?.message).toMatch(/full/);
    expect(paused.totals.messagesCopied).toBeGreaterThan(0);
    expect(paused.totals.messagesCopied).toBeLessThan(60);

    await destination.setQuota(user, 100_000_000);
    const done = await rerun(jobs, job.id, {
      sourcePassword: PASSWORD,
      destinationPassword: DEST_PASSWORD,
    });
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('completed');
    expect(await differences(user)).toEqual([]);
  });

  it('retries when Exchange says it is throttling, and ends exact', async () => {
    const user = await accounts(mailbox(20, 5_000));
    const toProxy = await faultProxy(destination);
    let throttled = 0;
    toProxy.onClientCommand = ({ tag, command }) => {
      if (command !== 'APPEND' || throttled >= 2) return null;
      throttled += 1;
      return `${tag} NO Request is throttled. Suggested Backoff Time: 20 milliseconds`;
    };
    const job = await jobs.create({
      source: plain(source.host, source.port, user, PASSWORD),
      destination: plain(toProxy.host, toProxy.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const done = await waitForJob(jobs, job.id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('completed');
    expect(throttled).toBe(2);
    expect(await differences(user)).toEqual([]);
  });

  it('copies on one connection pair fewer after Exchange says it is throttling', async () => {
    const folders = ['INBOX', 'Sent', 'Archive', 'Projets', 'Factures', 'Clients'];
    const user = await accounts(folders.flatMap((name) => mailbox(10, 4_000, name)));
    const toProxy = await faultProxy(destination);
    let throttled = 0;
    toProxy.onClientCommand = ({ tag, command }) => {
      if (command !== 'APPEND' || throttled >= 1) return null;
      throttled += 1;
      return `${tag} NO Request is throttled. Suggested Backoff Time: 20 milliseconds`;
    };
    const warnings: Array<Record<string, unknown>> = [];
    const watched = await startJobManager({
      log: { ...silentLogger, warn: (_message, fields) => warnings.push({ ...fields }) },
    });
    try {
      const job = await watched.create({
        source: plain(source.host, source.port, user, PASSWORD),
        destination: plain(toProxy.host, toProxy.port, user, DEST_PASSWORD),
        options: { dryRun: false },
      });
      const done = await waitForJob(watched, job.id);
      expect(done.state).toBe('completed');
      expect(throttled).toBe(1);
      // A worker stopped between two folders, the other three went on.
      expect(warnings).toContainEqual({ job: job.id, code: 'throttled', workers: 3 });
      expect(await differences(user)).toEqual([]);
    } finally {
      await watched.close();
    }
  });

  it('pauses with a plain error when Exchange keeps saying "Server Unavailable"', async () => {
    const user = await accounts(mailbox(3, 2_000));
    const toProxy = await faultProxy(destination);
    toProxy.onClientCommand = ({ tag, command }) =>
      command === 'APPEND' ? `${tag} NO Server Unavailable. 15` : null;
    const job = await jobs.create({
      source: plain(source.host, source.port, user, PASSWORD),
      destination: plain(toProxy.host, toProxy.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const paused = await waitForJob(jobs, job.id);
    expect(paused.state).toBe('paused');
    expect(paused.error?.code).toBe('server_unavailable');
    expect(paused.error?.message).toMatch(/temporarily unavailable/);
  });

  it('lists a message larger than the APPENDLIMIT in the report and copies the rest', async () => {
    const limited = await startDovecot({ appendLimit: 100_000 });
    try {
      const folders = mailbox(4, 10_000);
      folders[0]?.messages?.push({
        raw: makeMessage({ subject: 'Too big', messageId: '<big@x.test>', size: 150_000 }),
      } as never);
      const user = await accounts(folders);
      await limited.addUser(user, DEST_PASSWORD);
      const job = await jobs.create({
        source: plain(source.host, source.port, user, PASSWORD),
        destination: plain(limited.host, limited.port, user, DEST_PASSWORD),
        options: { dryRun: false },
      });
      const done = await waitForJob(jobs, job.id);
      expect(done.state).toBe('completed_with_errors');
      expect(done.failures).toHaveLength(1);
      expect(done.failures[0]).toMatchObject({
        code: 'message_too_large',
        folder: 'INBOX',
        messageId: '<big@x.test>',
      });
      expect(done.totals.messagesCopied).toBe(4);
      const report = jobs.report(job.id);
      expect(report.verification.folders[0]).toMatchObject({ missing: 1, match: false });
    } finally {
      await limited.stop();
    }
  });

  it('names a wrong password, on the right side, in the job and in the credentials test', async () => {
    const user = await accounts(mailbox(1, 1_000));
    const wrong = plain(destination.host, destination.port, user, 'not-the-password');
    const test = await jobs.testCredentials({
      source: plain(source.host, source.port, user, PASSWORD),
      destination: wrong,
    });
    expect(test.source).toMatchObject({ ok: true, folders: 1, messages: 1 });
    expect(test.destination?.ok).toBe(false);
    if (test.destination && !test.destination.ok) {
      expect(test.destination.error.code).toBe('auth_failed');
      expect(test.destination.error.message).toMatch(/destination server .* refused/);
    }
    const job = await jobs.create({
      source: plain(source.host, source.port, user, PASSWORD),
      destination: wrong,
      options: { dryRun: false },
    });
    const paused = await waitForJob(jobs, job.id);
    expect(paused.state).toBe('paused');
    expect(paused.error?.code).toBe('auth_failed');
    // The refused password is dropped: the job asks for credentials again.
    expect(paused.needsCredentials).toBe(true);
  });

  it('refuses a certificate that does not verify unless told otherwise', async () => {
    const user = await accounts(mailbox(1, 1_000));
    const strict = await startJobManager({
      insecureTls: false,
    });
    try {
      const tls = (server: DovecotServer, password: string): ImapEndpoint => ({
        host: server.host,
        port: server.tlsPort ?? 0,
        tls: 'implicit',
        user,
        password,
      });
      const test = await strict.testCredentials({
        source: tls(source, PASSWORD),
        destination: { ...plain(destination.host, destination.port, user, DEST_PASSWORD) },
      });
      expect(test.source.ok).toBe(false);
      if (!test.source.ok) expect(test.source.error.code).toBe('tls_failed');
      // Plain text is refused outright when certificates are checked.
      expect(test.destination?.ok).toBe(false);
      if (test.destination && !test.destination.ok)
        expect(test.destination.error.code).toBe('tls_failed');
    } finally {
      await strict.close();
    }
  });

  it('reaches a test server through a --resolve route, the name still checked', async () => {
    const user = await accounts(mailbox(2, 1_000));
    const routed = await startJobManager({
      allowHosts: ['imap.sandbox.test'],
      resolve: new Map([
        ['imap.sandbox.test:993', { host: source.host, port: source.tlsPort ?? 0 }],
      ]),
    });
    try {
      const named: ImapEndpoint = {
        host: 'imap.sandbox.test',
        port: 993,
        tls: 'implicit',
        user,
        password: PASSWORD,
      };
      const test = await routed.testCredentials({
        source: named,
        destination: { ...named, host: 'other.sandbox.test' },
      });
      expect(test.source).toMatchObject({ ok: true, messages: 2 });
      expect(test.destination?.ok).toBe(false);
      if (test.destination && !test.destination.ok)
        expect(test.destination.error.code).toBe('host_not_allowed');
    } finally {
      await routed.close();
    }
  });

  it('says a server cannot be reached, after retrying', async () => {
    const user = await accounts(mailbox(1, 1_000));
    const gone = await faultProxy(destination);
    gone.refuseConnections(true);
    const job = await jobs.create({
      source: plain(source.host, source.port, user, PASSWORD),
      destination: plain(gone.host, gone.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const paused = await waitForJob(jobs, job.id);
    expect(paused.state).toBe('paused');
    expect(['host_unreachable', 'connection_lost']).toContain(paused.error?.code);
  });

  it('streams a message too large to hold (partial fetches into its literal), cut or not, exact', async () => {
    // 12 MiB: above the 8 MiB from which a message is streamed in 2 MiB partial fetches.
    const folders = mailbox(6, 20_000);
    const big = folders[0]?.messages?.[2];
    if (big) big.raw = makeMessage({ subject: 'Scan', size: 12 * 1024 * 1024, seed: 4242 });
    const user = await accounts(folders);
    const fromProxy = await faultProxy(source);
    // The source connection is cut while the large message is being read.
    fromProxy.cutAfter({ direction: 'toClient', bytes: 7 * 1024 * 1024 });
    const job = await jobs.create({
      source: plain(fromProxy.host, fromProxy.port, user, PASSWORD),
      destination: plain(destination.host, destination.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const done = await waitForJob(jobs, job.id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('completed');
    expect(fromProxy.stats.cuts).toBe(1);
    expect(await differences(user)).toEqual([]);
    expect(done.totals).toMatchObject({ messagesTotal: 6, messagesCopied: 6 });
  });

  it('copies a large folder over several connections at once, rides out one of them cut, and ends exact', async () => {
    const count = 1_200;
    const user = await accounts(mailbox(count, 2_000));
    // Once a second connection appends into it, the next to relay 100 kB more is cut mid-literal.
    const appends = watchAppends('INBOX', (connections) => {
      if (connections === 2) toProxy.cutAfter({ direction: 'toServer', bytes: 100_003 });
    });
    // Answers a little slower, so each connection still has APPENDs in flight when the next joins.
    const toProxy = await startFaultProxy({
      targetPort: destination.port,
      delayMs: { toClient: 1 },
      onChunk: appends.onChunk,
    });
    proxies.push(toProxy);
    const job = await jobs.create({
      source: plain(source.host, source.port, user, PASSWORD),
      destination: plain(toProxy.host, toProxy.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const done = await waitForJob(jobs, job.id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('completed');
    expect(toProxy.stats.cuts).toBe(1);
    // The folder's own worker and the three idle ones appended into it at the same time (not
    // one connection after another, as a retry's would).
    expect(appends.overlapping()).toBeGreaterThan(1);
    expect(await differences(user)).toEqual([]);
    expect(done.totals).toMatchObject({
      messagesTotal: count,
      messagesDone: count,
      messagesCopied: count,
      messagesAlreadyPresent: 0,
    });
  });
});
