import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import type { ImapEndpoint, JobView } from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { MIXED_SPECIAL_USE, mixedMailboxFixture, seedMailbox } from '../fixtures/maildir.ts';
import { rerun, startJobManager, waitForJob } from './helpers.ts';

const USER = 'john.smith@example.test';
const SOURCE_PASSWORD = 'source-Pa55word';
const DESTINATION_PASSWORD = 'destination-Pa55word';
const PASSWORDS = { sourcePassword: SOURCE_PASSWORD, destinationPassword: DESTINATION_PASSWORD };

/** French Exchange names on the source land in the destination's own special folders. */
const FOLDER_MAP = new Map([
  ['Éléments envoyés', 'Sent'],
  ['Éléments supprimés', 'Trash'],
  ['Brouillons', 'Drafts'],
  ['Courrier indésirable', 'Junk'],
]);

let source: DovecotServer;
let destination: DovecotServer;
let jobs: JobService;

const endpoint = (server: DovecotServer, password: string): ImapEndpoint => ({
  host: server.host,
  port: server.tlsPort ?? 0,
  tls: 'implicit',
  user: USER,
  password,
});

async function compare() {
  const [from, to] = await Promise.all([
    snapshotMailbox(source.endpoint(USER, { tls: true })),
    snapshotMailbox(destination.endpoint(USER, { tls: true })),
  ]);
  return {
    from,
    to,
    differences: compareSnapshots(from, to, FOLDER_MAP, { ignoreDestinationFolders: ['Archive'] }),
  };
}

beforeAll(async () => {
  [source, destination] = await Promise.all([
    startDovecot({
      tls: true,
      specialUse: MIXED_SPECIAL_USE,
      users: [{ user: USER, password: SOURCE_PASSWORD }],
    }),
    startDovecot({
      tls: true,
      createSpecialFolders: true,
      users: [{ user: USER, password: DESTINATION_PASSWORD }],
    }),
  ]);
  await seedMailbox(source, USER, mixedMailboxFixture());
  jobs = await startJobManager();
});

afterAll(async () => {
  await jobs?.close();
  await Promise.all([source?.stop(), destination?.stop()]);
});

describe('copy of a mixed mailbox', () => {
  let first: JobView;

  it('plans without writing anything in a dry run', async () => {
    const created = await jobs.create({
      source: endpoint(source, SOURCE_PASSWORD),
      destination: endpoint(destination, DESTINATION_PASSWORD),
      options: { dryRun: true },
    });
    const done = await waitForJob(jobs, created.id);
    expect(done.state).toBe('completed');
    expect(done.totals.messagesTotal).toBeGreaterThan(10);
    // It says what it would copy; it copied nothing.
    expect(done.totals.messagesWouldCopy).toBe(done.totals.messagesTotal);
    expect(done.totals.messagesCopied).toBe(0);
    expect(done.totals.messagesDone).toBe(done.totals.messagesTotal);
    const { to } = await compare();
    expect(to.messageCount).toBe(0);
    expect([...to.folders.keys()]).not.toContain('Projets');
  });

  it('copies every folder and message byte for byte, with flags, keywords and dates', async () => {
    const created = await jobs.create({
      source: endpoint(source, SOURCE_PASSWORD),
      destination: endpoint(destination, DESTINATION_PASSWORD),
      options: { dryRun: false },
    });
    first = await waitForJob(jobs, created.id);
    expect(first.error).toBeUndefined();
    expect(first.state).toBe('completed');
    expect(first.failures).toEqual([]);

    const { from, to, differences } = await compare();
    expect(differences).toEqual([]);
    expect(to.messageCount).toBe(from.messageCount);
    expect(to.totalBytes).toBe(from.totalBytes);
    // The 25 MiB message travelled whole.
    const biggest = Math.max(
      ...[...to.folders.values()].flatMap((f) => f.messages.map((m) => m.size)),
    );
    expect(biggest).toBeGreaterThanOrEqual(25 * 1024 * 1024);

    const sent = first.folders.find((f) => f.source === 'Éléments envoyés');
    expect(sent).toMatchObject({ destination: 'Sent', specialUse: '\\Sent', state: 'done' });
    expect(first.totals.messagesCopied).toBe(from.messageCount);
  });

  it('reports a verification that matches in every folder', () => {
    const report = jobs.report(first.id);
    expect(report.verification.verified).toBe(true);
    expect(report.verification.folders.length).toBe(first.folders.length);
    for (const folder of report.verification.folders) {
      expect(folder, folder.source).toMatchObject({
        missing: 0,
        duplicates: 0,
        flagMismatches: 0,
        differences: [],
        match: true,
      });
      expect(folder.destinationMessages).toBe(folder.sourceMessages);
      expect(folder.destinationBytes).toBe(folder.sourceBytes);
    }
  });

  it('copies nothing when the same job runs again, and still counts what it copied', async () => {
    const again = await rerun(jobs, first.id, PASSWORDS);
    expect(again.state).toBe('completed');
    expect(again.lastRun).toMatchObject({ number: 2, messagesCopied: 0, flagsUpdated: 0 });
    expect(again.totals.messagesCopied).toBe(again.totals.messagesTotal);
    expect(again.totals.messagesAlreadyPresent).toBe(0);
    expect((await compare()).differences).toEqual([]);
  });

  it('copies nothing without its checkpoints either (dedupe on the destination index)', async () => {
    const fresh = await startJobManager();
    try {
      const created = await fresh.create({
        source: endpoint(source, SOURCE_PASSWORD),
        destination: endpoint(destination, DESTINATION_PASSWORD),
        options: { dryRun: false },
      });
      const done = await waitForJob(fresh, created.id);
      expect(done.state).toBe('completed');
      expect(done.totals.messagesCopied).toBe(0);
      expect(done.totals.messagesAlreadyPresent).toBe(done.totals.messagesTotal);
      expect((await compare()).differences).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('catches new mail in a later pass, and only that', async () => {
    await seedMailbox(source, USER, [
      {
        path: ['INBOX'],
        messages: [
          {
            raw: 'Subject: arrived later\r\nMessage-ID: <later@x.test>\r\n\r\nhello\r\n',
            flags: ['\\Seen'],
          },
          { raw: 'Subject: later, no id\r\n\r\nhello again\r\n' },
        ],
      },
    ]);
    const again = await rerun(jobs, first.id, PASSWORDS);
    expect(again.state).toBe('completed');
    expect(again.lastRun?.messagesCopied).toBe(2);
    expect(again.totals.messagesCopied).toBe(again.totals.messagesTotal);
    expect((await compare()).differences).toEqual([]);
  });
});
