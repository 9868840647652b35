// The verification compares each folder as a multiset: for every message (dedupe key) the
// destination must hold as many copies as the source, with the same flags. Real Dovecot on both
// sides; mailboxes seeded with the differences a copier can leave behind.

import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFolders, readLayout } from '../../backend-proxy/src/copy/folders.ts';
import { verifyFolder } from '../../backend-proxy/src/copy/verify.ts';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { makeMessage, type SeedMessage, seedMailbox } from '../fixtures/maildir.ts';
import { startJobManager, waitForJob } from './helpers.ts';

const PASSWORD = 'Verify-Pa55';
let source: DovecotServer;
let destination: DovecotServer;
let jobs: JobService;
let users = 0;

beforeAll(async () => {
  [source, destination] = await Promise.all([startDovecot(), startDovecot()]);
  jobs = await startJobManager();
});

afterAll(async () => {
  await jobs?.close();
  await Promise.all([source?.stop(), destination?.stop()]);
});

const at = new Date(Date.UTC(2023, 4, 1, 12));
const message = (seed: number, messageId?: string | null): SeedMessage['raw'] =>
  makeMessage({ subject: `Message ${seed}`, size: 2_500, seed, messageId });

async function account(from: SeedMessage[], to: SeedMessage[]): Promise<string> {
  users += 1;
  const user = `verify${users}@example.test`;
  await source.addUser(user, PASSWORD);
  await destination.addUser(user, PASSWORD);
  await seedMailbox(source, user, [{ path: ['INBOX'], messages: from }]);
  if (to.length > 0) await seedMailbox(destination, user, [{ path: ['INBOX'], messages: to }]);
  return user;
}

async function connect(server: DovecotServer, user: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    ...{ host: server.host, port: server.port, secure: false, doSTARTTLS: false },
    auth: { user, pass: PASSWORD },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  return client;
}

/** verifyFolder on INBOX, with both sides as seeded (no copy in between). */
async function verifyInbox(user: string) {
  const [from, to] = await Promise.all([connect(source, user), connect(destination, user)]);
  try {
    const [plan] = planFolders(await readLayout(from), await readLayout(to), { dryRun: false });
    if (!plan) throw new Error('no INBOX plan');
    return await verifyFolder(from, to, plan, () => true, new AbortController().signal);
  } finally {
    await Promise.all([from.logout(), to.logout()]);
  }
}

describe('verification as a multiset', () => {
  it('counts what is missing, duplicated, and flagged differently', async () => {
    const a = message(1);
    const b = message(2);
    const c = message(3, null);
    const user = await account(
      [
        { raw: a, internalDate: at, flags: ['\\Seen'] },
        { raw: b, internalDate: at },
        { raw: b, internalDate: at },
        { raw: c, internalDate: at },
      ],
      [
        { raw: a, internalDate: at },
        { raw: b, internalDate: at },
        { raw: c, internalDate: at },
        { raw: c, internalDate: at },
      ],
    );
    const result = await verifyInbox(user);
    expect(result).toMatchObject({
      sourceMessages: 4,
      destinationMessages: 4,
      missing: 1,
      duplicates: 1,
      flagMismatches: 1,
      destinationOnly: 0,
      match: false,
    });
    expect(result.differences.map((d) => d.kind).sort()).toEqual(['duplicate', 'flags', 'missing']);
    expect(result.differences.find((d) => d.kind === 'flags')).toMatchObject({
      sourceFlags: ['\\Seen'],
      destinationFlags: [],
    });
  });

  it('pairs identical copies by their flags, and lets the destination keep mail of its own', async () => {
    const x = message(4);
    const user = await account(
      [
        { raw: x, internalDate: at, flags: ['\\Seen'] },
        { raw: x, internalDate: at },
      ],
      [
        { raw: x, internalDate: at },
        { raw: x, internalDate: at, flags: ['\\Seen'] },
        { raw: message(5), internalDate: at },
      ],
    );
    expect(await verifyInbox(user)).toMatchObject({
      missing: 0,
      duplicates: 0,
      flagMismatches: 0,
      destinationOnly: 1,
      differences: [],
      match: true,
    });
  });

  it('fails a job whose destination holds a source message twice', async () => {
    const twice = message(6);
    const user = await account(
      [
        { raw: twice, internalDate: at },
        { raw: message(7), internalDate: at },
      ],
      [
        { raw: twice, internalDate: at },
        { raw: twice, internalDate: at },
      ],
    );
    const endpoint = (server: DovecotServer) => ({
      host: server.host,
      port: server.port,
      tls: 'none' as const,
      user,
      password: PASSWORD,
    });
    const created = await jobs.create({
      source: endpoint(source),
      destination: endpoint(destination),
      options: { dryRun: false },
    });
    const done = await waitForJob(jobs, created.id);
    expect(done.state).toBe('completed_with_errors');
    expect(done.totals).toMatchObject({ messagesCopied: 1, messagesAlreadyPresent: 1 });
    const [inbox] = jobs.report(created.id).verification.folders;
    expect(inbox).toMatchObject({ missing: 0, duplicates: 1, match: false });
    expect(inbox?.differences).toEqual([
      expect.objectContaining({ kind: 'duplicate', messageId: expect.stringMatching(/^</) }),
    ]);
  });
});
