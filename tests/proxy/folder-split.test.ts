import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitsFolders } from '../../backend-proxy/src/copy/folder-split.ts';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import type { ImapEndpoint } from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { makeMessage, seedMailbox } from '../fixtures/maildir.ts';
import { startJobManager, waitForJob, watchAppends } from './helpers.ts';

const PASSWORD = 'Pa55word-split';
// Enough to the split (512 to copy), little enough to seed in a moment.
const COUNT = 700;
// Under the copy's 4 pairs and their APPEND connections: the helpers are refused.
const CAP = 3;

let source: DovecotServer;
let destination: DovecotServer;
let capped: DovecotServer;
const closing: Array<{ close(): Promise<void> }> = [];

const plain = (host: string, port: number, user: string): ImapEndpoint => ({
  host,
  port,
  tls: 'none',
  user,
  password: PASSWORD,
});

async function seeded(user: string) {
  await seedMailbox(source, user, [
    {
      path: ['INBOX'],
      messages: Array.from({ length: COUNT }, (_, i) => ({
        raw: makeMessage({ subject: `Split ${i}`, size: 1_500 + (i % 9) * 200, seed: i + 1 }),
        flags: i % 4 ? ['\\Seen' as const] : [],
        internalDate: new Date(Date.UTC(2022, 0, 1) + i * 60_000),
      })),
    },
  ]);
}

/** Copies `user` through a relay watching its APPENDs; returns the job and the watch. */
async function copy(jobs: JobService, to: DovecotServer, user: string) {
  const appends = watchAppends('INBOX');
  const relay: FaultProxy = await startFaultProxy({
    targetPort: to.port,
    onChunk: appends.onChunk,
  });
  closing.push(relay);
  const job = await jobs.create({
    source: plain(source.host, source.port, user),
    destination: plain(relay.host, relay.port, user),
    options: { dryRun: false },
  });
  const done = await waitForJob(jobs, job.id);
  const [from, onto] = await Promise.all([
    snapshotMailbox(source.endpoint(user)),
    snapshotMailbox(to.endpoint(user)),
  ]);
  return { done, appends, differences: compareSnapshots(from, onto) };
}

beforeAll(async () => {
  const users = ['auto@example.test', 'capped@example.test'].map((user) => ({
    user,
    password: PASSWORD,
  }));
  [source, destination, capped] = await Promise.all([
    startDovecot({ users }),
    startDovecot({ users }),
    startDovecot({ users, maxUserIpConnections: CAP }),
  ]);
});

afterAll(async () => {
  await Promise.all(closing.map((c) => c.close()));
  await Promise.all([source?.stop(), destination?.stop(), capped?.stop()]);
});

describe('splitting a large folder over several connections', () => {
  it('is not done by default when the destination is Dovecot (slower there), elsewhere it is', async () => {
    const jobs = await startJobManager();
    closing.push(jobs);
    await seeded('auto@example.test');
    const { done, appends, differences } = await copy(jobs, destination, 'auto@example.test');
    expect(done.state).toBe('completed');
    expect(differences).toEqual([]);
    expect(appends.overlapping()).toBe(0);
    // What `auto` reads: the server's ID answer, else its greeting.
    const server = (name: string | undefined, greeting: string) =>
      ({ serverInfo: name ? { name } : null, greeting }) as unknown as ImapFlow;
    expect(splitsFolders('auto', server('Dovecot', 'Dovecot ready.'))).toBe(false);
    expect(splitsFolders('auto', server(undefined, 'Dovecot (Debian) ready.'))).toBe(false);
    expect(
      splitsFolders('auto', server(undefined, 'The Microsoft Exchange IMAP4 service is ready.')),
    ).toBe(true);
    expect(splitsFolders('always', server('Dovecot', ''))).toBe(true);
    expect(splitsFolders('never', server(undefined, 'Exchange'))).toBe(false);
  });

  it('copies everything on the connections a capped server allows, the helpers refused', async () => {
    const jobs = await startJobManager({ splitFolders: 'always' });
    closing.push(jobs);
    await seeded('capped@example.test');
    const { done, differences } = await copy(jobs, capped, 'capped@example.test');
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('completed');
    expect(differences).toEqual([]);
    expect(done.totals).toMatchObject({ messagesDone: COUNT, messagesCopied: COUNT });
  });
});
