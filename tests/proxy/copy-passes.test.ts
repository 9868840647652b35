// What a second pass of a job must get right, against real Dovecot servers: flags changed since
// the first pass, a source renamed in between, counts that stay honest through pauses, filters
// and the dry run that shows exactly what would be copied.

import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import type { ImapEndpoint, JobView } from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { makeMessage, type SeedFolder, seedMailbox } from '../fixtures/maildir.ts';
import { rerun, startJobManager, waitForJob } from './helpers.ts';

const PASSWORD = 'Pass-Src-Pa55';
const DEST_PASSWORD = 'Pass-Dst-Pa55';
const PASSWORDS = { sourcePassword: PASSWORD, destinationPassword: DEST_PASSWORD };
const DAY = 86_400_000;
const START = Date.UTC(2022, 0, 1);

let source: DovecotServer;
let destination: DovecotServer;
let jobs: JobService;
const proxies: FaultProxy[] = [];
let users = 0;

beforeAll(async () => {
  [source, destination] = await Promise.all([startDovecot(), startDovecot()]);
  jobs = await startJobManager({ retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 } });
});

afterAll(async () => {
  await jobs?.close();
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all([source?.stop(), destination?.stop()]);
});

async function account(folders: SeedFolder[], quotaBytes?: number): Promise<string> {
  users += 1;
  const user = `passes${users}@example.test`;
  await source.addUser(user, PASSWORD);
  await destination.addUser(user, DEST_PASSWORD, { quotaBytes: quotaBytes ?? null });
  await seedMailbox(source, user, folders);
  return user;
}

/** `count` messages, one a day from START, every third one read. */
function folder(name: string, count: number, size = 3_000, first = 0): SeedFolder {
  return {
    path: [name],
    messages: Array.from({ length: count }, (_, i) => ({
      raw: makeMessage({ subject: `${name} ${first + i}`, size, seed: 1000 * users + first + i }),
      flags: i % 3 === 0 ? ['\\Seen' as const] : [],
      internalDate: new Date(START + (first + i) * DAY),
    })),
  };
}

const plain = (host: string, port: number, user: string, password: string): ImapEndpoint => ({
  host,
  port,
  tls: 'none',
  user,
  password,
});

async function faultProxy(target: DovecotServer, strip?: RegExp) {
  const proxy = await startFaultProxy({
    targetPort: target.port,
    // A server without CONDSTORE: the capability is taken out of every line that lists it.
    ...(strip
      ? { onServerLine: (line: string) => (strip.test(line) ? line.replace(strip, '') : null) }
      : {}),
  });
  proxies.push(proxy);
  return proxy;
}

/** Every command line the client sends through `proxy`, from now on. */
function recordCommands(proxy: FaultProxy): string[] {
  const lines: string[] = [];
  proxy.onClientCommand = ({ line }) => {
    lines.push(line);
    return null;
  };
  return lines;
}

async function withImap<T>(
  server: DovecotServer,
  user: string,
  password: string,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

async function differences(user: string, destinationUser = user) {
  const [from, to] = await Promise.all([
    snapshotMailbox(source.endpoint(user)),
    snapshotMailbox(destination.endpoint(destinationUser)),
  ]);
  return compareSnapshots(from, to);
}

async function copyOnce(user: string, dest: { host: string; port: number } = destination) {
  const created = await jobs.create({
    source: plain(source.host, source.port, user, PASSWORD),
    destination: plain(dest.host, dest.port, user, DEST_PASSWORD),
    options: { dryRun: false },
  });
  const done = await waitForJob(jobs, created.id);
  expect(done.error).toBeUndefined();
  expect(done.state).toBe('completed');
  return done;
}

describe('a re-run carries the flags changed since the last pass', () => {
  /** Marks made on the source and one on the destination copy, after the first pass. */
  async function changeFlags(user: string) {
    await withImap(source, user, PASSWORD, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd('2', ['\\Seen'], { uid: true });
      await client.messageFlagsAdd('3', ['\\Flagged', 'Projet'], { uid: true });
      // UID 4 was read (UIDs 1, 4, 7 are): now unread again.
      await client.messageFlagsRemove('4', ['\\Seen'], { uid: true });
    });
    await withImap(destination, user, DEST_PASSWORD, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd('5', ['\\Answered'], { uid: true });
    });
  }

  it('with CONDSTORE: only what changed is read (CHANGEDSINCE), and the source wins', async () => {
    const user = await account([folder('INBOX', 9)]);
    const to = await faultProxy(destination);
    const first = await copyOnce(user, to);
    expect(await differences(user)).toEqual([]);

    await changeFlags(user);
    expect(await differences(user)).toHaveLength(4);
    const commands = recordCommands(to);
    const again = await rerun(jobs, first.id, PASSWORDS);
    expect(again.state).toBe('completed');
    expect(again.lastRun).toMatchObject({ messagesCopied: 0, flagsUpdated: 4 });
    expect(await differences(user)).toEqual([]);
    expect(jobs.report(first.id).verification.folders[0]).toMatchObject({
      flagMismatches: 0,
      match: true,
    });
    // Nothing new to copy: the destination's index was not read again, only its changed flags.
    expect(commands.some((line) => /CHANGEDSINCE \d+/.test(line))).toBe(true);
    const rerunFetches = commands.filter(
      (line) => /FETCH/.test(line) && !/CHANGEDSINCE/.test(line),
    );
    // The verification reads the destination once; the copy did not.
    expect(rerunFetches.filter((line) => /HEADER\.FIELDS/.test(line))).toHaveLength(1);
    expect(commands.some((line) => /UID STORE .* FLAGS\.SILENT/.test(line))).toBe(true);

    // A third pass finds nothing to change and sets nothing.
    const third = await rerun(jobs, first.id, PASSWORDS);
    expect(third.lastRun).toMatchObject({ messagesCopied: 0, flagsUpdated: 0 });
  });

  it('skips folders unchanged on both sides (STATUS), and still sees a flag changed on either', async () => {
    const user = await account([folder('INBOX', 6), folder('Archive', 4)]);
    const from = await faultProxy(source);
    const to = await faultProxy(destination);
    const rerunVia = () => ({
      sourceCommands: recordCommands(from),
      destinationCommands: recordCommands(to),
    });
    const created = await jobs.create({
      source: plain(from.host, from.port, user, PASSWORD),
      destination: plain(to.host, to.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const done = await waitForJob(jobs, created.id);
    expect(done.state).toBe('completed');

    // Nothing changed: no folder is opened on either side, and the job still counts everything.
    let seen = rerunVia();
    const quiet = await rerun(jobs, done.id, PASSWORDS);
    expect(quiet).toMatchObject({ state: 'completed', lastRun: { messagesCopied: 0 } });
    expect(quiet.totals).toMatchObject({ messagesTotal: 10, messagesDone: 10 });
    expect(jobs.report(done.id).verification.folders.map((f) => f.match)).toEqual([true, true]);
    const opens = (lines: string[]) => lines.filter((line) => /^\S+ (SELECT|EXAMINE) /.test(line));
    expect(opens(seen.sourceCommands)).toEqual([]);
    expect(opens(seen.destinationCommands)).toEqual([]);

    // A flag changed on the source: only that folder is opened, and the flag is carried.
    await withImap(source, user, PASSWORD, async (client) => {
      await client.mailboxOpen('Archive');
      await client.messageFlagsAdd('2', ['\\Flagged'], { uid: true });
    });
    seen = rerunVia();
    const sourceSide = await rerun(jobs, done.id, PASSWORDS);
    expect(sourceSide.lastRun).toMatchObject({ messagesCopied: 0, flagsUpdated: 1 });
    expect(opens(seen.sourceCommands).join()).toMatch(/Archive/);
    expect(opens(seen.sourceCommands).join()).not.toMatch(/INBOX/);
    expect(await differences(user)).toEqual([]);

    // A flag changed on the destination copy: the source's wins again.
    await withImap(destination, user, DEST_PASSWORD, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd('3', ['\\Answered'], { uid: true });
    });
    seen = rerunVia();
    const destinationSide = await rerun(jobs, done.id, PASSWORDS);
    expect(destinationSide.lastRun).toMatchObject({ messagesCopied: 0, flagsUpdated: 1 });
    expect(opens(seen.destinationCommands).join()).toMatch(/INBOX/);
    expect(opens(seen.destinationCommands).join()).not.toMatch(/Archive/);
    expect(await differences(user)).toEqual([]);
  });

  it('without CONDSTORE: a plain FLAGS fetch finds them', async () => {
    const user = await account([folder('INBOX', 9)]);
    const to = await faultProxy(destination, / (CONDSTORE|QRESYNC)\b/g);
    const first = await copyOnce(user, to);
    await changeFlags(user);
    const commands = recordCommands(to);
    const again = await rerun(jobs, first.id, PASSWORDS);
    expect(again.lastRun).toMatchObject({ messagesCopied: 0, flagsUpdated: 4 });
    expect(await differences(user)).toEqual([]);
    expect(commands.some((line) => /CHANGEDSINCE/.test(line))).toBe(false);
    expect(commands.some((line) => /UID FETCH 1:\* \(UID FLAGS\)/.test(line))).toBe(true);
  });

  it('a message whose copy was deleted on the destination is copied again', async () => {
    const user = await account([folder('INBOX', 5)]);
    const first = await copyOnce(user);
    await withImap(destination, user, DEST_PASSWORD, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageDelete('2', { uid: true });
    });
    const again = await rerun(jobs, first.id, PASSWORDS);
    expect(again.state).toBe('completed');
    expect(again.lastRun?.messagesCopied).toBe(1);
    expect(await differences(user)).toEqual([]);
  });
});

describe('a job survives a renamed source account', () => {
  it('resumes under the new login once it proves to be the same mailbox', async () => {
    const user = await account([folder('INBOX', 6), folder('Archives', 3)]);
    const first = await copyOnce(user);
    const renamed = user.replace('@', '.old@');
    await source.renameUser(user, renamed);
    await seedMailbox(source, renamed, [folder('INBOX', 1, 3_000, 50)]);

    // The old login is gone: the job pauses and says it needs credentials again.
    const refused = await rerun(jobs, first.id, PASSWORDS);
    expect(refused).toMatchObject({ state: 'paused', needsCredentials: true });
    expect(refused.error?.code).toBe('auth_failed');

    // Another account's mailbox is refused, and the job keeps its login.
    const other = await account([folder('INBOX', 2)]);
    await expect(
      jobs.resume(first.id, {
        source: { user: other, password: PASSWORD },
        destinationPassword: DEST_PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'mailbox_mismatch' });
    expect(jobs.get(first.id)).toMatchObject({ state: 'paused', source: { user } });

    const runs = jobs.get(first.id).runs;
    await jobs.resume(first.id, {
      source: { user: renamed, password: PASSWORD },
      destinationPassword: DEST_PASSWORD,
    });
    const done = await waitForJob(jobs, first.id, (j) => j.runs > runs && ended(j));
    expect(done).toMatchObject({ state: 'completed', source: { user: renamed } });
    expect(done.lastRun?.messagesCopied).toBe(1);
    expect(await differences(renamed, user)).toEqual([]);
  });
});

describe('honest progress', () => {
  it('knows the totals before copying, and keeps its counts through pauses', async () => {
    const folders = ['INBOX', 'A', 'B', 'C'].map((name) => folder(name, 15, 40_000));
    const user = await account(folders, 1_000_000);
    const created = await jobs.create({
      source: plain(source.host, source.port, user, PASSWORD),
      destination: plain(destination.host, destination.port, user, DEST_PASSWORD),
      options: { dryRun: false },
    });
    const paused = await waitForJob(jobs, created.id);
    expect(paused).toMatchObject({ state: 'paused', error: { code: 'quota_full' } });
    // Every folder was sized before the first message went, not only those opened so far.
    expect(paused.totals).toMatchObject({ folders: 4, messagesTotal: 60 });
    expect(paused.totals.bytesTotal).toBe(60 * 40_000);
    const copied = paused.totals.messagesCopied;
    expect(copied).toBeGreaterThan(0);
    expect(paused.totals).toMatchObject({ messagesAlreadyPresent: 0, messagesDone: copied });

    // Resumed on a still-full mailbox, it pauses again at once: nothing it did is forgotten. (An
    // APPEND in flight when the first pause cut the links may have been stored without its
    // answer: its write-ahead row says it was this job's, so this run counts it as copied.)
    const again = await rerun(jobs, created.id, PASSWORDS);
    expect(again).toMatchObject({ state: 'paused', error: { code: 'quota_full' } });
    expect(again.totals.messagesCopied).toBeGreaterThanOrEqual(copied);
    expect(again.totals.messagesAlreadyPresent).toBe(0);

    await destination.setQuota(user, 100_000_000);
    const done = await rerun(jobs, created.id, PASSWORDS);
    expect(done.state).toBe('completed');
    expect(done.totals).toMatchObject({
      messagesCopied: 60,
      messagesAlreadyPresent: 0,
      messagesDone: 60,
    });
    // This run copied the rest, never one counted before. Fewer when a message stored without
    // its answer at a pause was found by this run's dedupe (copied by this job, not by this run)
    // rather than the second run's, which halts as soon as one folder is refused, often before
    // the other folders have read their destinations.
    const rest = 60 - again.totals.messagesCopied;
    expect(done.lastRun?.messagesCopied).toBeLessThanOrEqual(rest);
    expect(done.lastRun?.messagesCopied).toBeGreaterThan(0);
    expect(await differences(user)).toEqual([]);
  });
});

describe('filters and the dry run', () => {
  // Ten days of mail; the fourth message is large.
  const mailbox = () => {
    const inbox = folder('INBOX', 10, 2_000);
    const big = inbox.messages?.[3];
    if (big) big.raw = makeMessage({ subject: 'big one', size: 200_000, seed: 77 + users });
    return [inbox];
  };
  const filters = {
    since: new Date(START + 2 * DAY).toISOString(),
    before: new Date(START + 8 * DAY).toISOString().slice(0, 10),
    maxMessageSize: 100_000,
  };
  // Days 2..7 are in range; day 3 (UID 4) is too large: UIDs 3, 5, 6, 7, 8.
  const expected = [3, 5, 6, 7, 8];

  it('shows in a dry run exactly what the copy then copies', async () => {
    const user = await account(mailbox());
    const request = {
      source: plain(source.host, source.port, user, PASSWORD),
      destination: plain(destination.host, destination.port, user, DEST_PASSWORD),
    };
    const dry = await jobs.create({ ...request, options: { ...filters, dryRun: true } });
    const planned = await waitForJob(jobs, dry.id);
    expect(planned.state).toBe('completed');
    expect(planned.totals).toMatchObject({
      messagesTotal: 5,
      messagesWouldCopy: 5,
      messagesCopied: 0,
      messagesExcluded: 5,
    });
    const wouldCopy = jobs.report(dry.id, { messages: true }).messages ?? [];
    expect(wouldCopy.map((m) => [m.uid, m.outcome])).toEqual(
      expected.map((uid) => [uid, 'would_copy']),
    );
    expect((await snapshotMailbox(destination.endpoint(user))).messageCount).toBe(0);

    const real = await jobs.create({ ...request, options: { ...filters, dryRun: false } });
    const done = await waitForJob(jobs, real.id);
    expect(done.state).toBe('completed');
    expect(done.totals).toMatchObject({ messagesTotal: 5, messagesCopied: 5, messagesExcluded: 5 });
    const copied = jobs.report(real.id, { messages: true }).messages ?? [];
    expect(copied.map((m) => m.messageId)).toEqual(wouldCopy.map((m) => m.messageId));
    expect(copied.every((m) => m.outcome === 'copied')).toBe(true);
    const to = await snapshotMailbox(destination.endpoint(user));
    const ids = to.folders.get('INBOX')?.messages.map((m) => m.messageId);
    expect(ids).toEqual(wouldCopy.map((m) => m.messageId));
    expect(jobs.report(real.id).verification.folders[0]).toMatchObject({
      sourceMessages: 5,
      destinationMessages: 5,
      match: true,
    });
    // Both ended: they may go, with their logs.
    for (const id of [dry.id, real.id]) {
      expect(await jobs.delete(id)).toEqual({ id, deleted: true });
      expect(() => jobs.get(id)).toThrow(/no job/);
    }
  });
});

function ended(job: JobView): boolean {
  return job.state !== 'queued' && job.state !== 'running';
}
