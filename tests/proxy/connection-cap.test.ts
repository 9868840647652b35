import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import type { ImapEndpoint } from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { makeMessage, type SeedFolder, seedMailbox } from '../fixtures/maildir.ts';
import { startJobManager, waitForJob } from './helpers.ts';

const USER = 'capped@example.test';
const PASSWORD = 'Pa55word-capped';
// Fewer than the copy's 4 workers (and their APPEND connections) on each side.
const CAP = 3;

let source: DovecotServer;
let destination: DovecotServer;
let jobs: JobService;

function folders(): SeedFolder[] {
  return ['INBOX', 'Sent', 'Archive', 'Projets', 'Factures', 'Clients'].map((name, f) => ({
    path: [name],
    messages: Array.from({ length: 15 }, (_, i) => ({
      raw: makeMessage({ subject: `${name} ${i}`, size: 3_000 + i * 500, seed: f * 100 + i + 1 }),
      flags: i % 3 ? ['\\Seen' as const] : [],
      internalDate: new Date(Date.UTC(2021, 0, 1) + (f * 100 + i) * 60_000),
    })),
  }));
}

const plain = (server: DovecotServer): ImapEndpoint => ({
  host: '127.0.0.1',
  port: server.port,
  tls: 'none',
  user: USER,
  password: PASSWORD,
});

beforeAll(async () => {
  const users = [{ user: USER, password: PASSWORD }];
  [source, destination] = await Promise.all([
    startDovecot({ users, maxUserIpConnections: CAP }),
    startDovecot({ users, maxUserIpConnections: CAP }),
  ]);
  await seedMailbox(source, USER, folders());
  jobs = await startJobManager({ retry: { attempts: 5, baseDelayMs: 50, maxDelayMs: 400 } });
});

afterAll(async () => {
  await jobs?.close();
  await Promise.all([source?.stop(), destination?.stop()]);
});

describe('a server that caps connections per user and IP', () => {
  it('copies everything on the connections it allows, the refused workers retired', async () => {
    const created = await jobs.create({
      source: plain(source),
      destination: plain(destination),
      options: { dryRun: false },
    });
    const job = await waitForJob(jobs, created.id);
    expect(job.state).toBe('completed');
    const { verification } = jobs.report(job.id);
    expect(verification.verified).toBe(true);
    expect(verification.folders.map((f) => f.match)).toEqual(Array(6).fill(true));
    const [from, to] = await Promise.all([
      snapshotMailbox(source.endpoint(USER)),
      snapshotMailbox(destination.endpoint(USER)),
    ]);
    expect(compareSnapshots(from, to, undefined, { ignoreDestinationFolders: [] })).toEqual([]);
    expect(to.messageCount).toBe(90);
  });
});
