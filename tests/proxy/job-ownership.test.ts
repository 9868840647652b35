// A job owns its destination mailbox: the same request twice at once (a double click, a retried
// POST, two tabs) makes one job, never two copies. Against the real proxy process and Dovecot.

import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreateJobRequest,
  ErrorResponseSchema,
  JobReportSchema,
  JobViewSchema,
  MESSAGE_LOG_CSV_COLUMNS,
} from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { makeMessage, seedMailbox } from '../fixtures/maildir.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';

const PASSWORD = 'Own-Src-Pa55';
const DEST_PASSWORD = 'Own-Dst-Pa55';
const MESSAGES = 40;

let source: DovecotServer;
let destination: DovecotServer;
let slow: FaultProxy;
let proxy: ProxyProcess;
let users = 0;

beforeAll(async () => {
  [source, destination] = await Promise.all([startDovecot(), startDovecot()]);
  // Latency in front of the destination keeps a job running while the next request arrives.
  slow = await startFaultProxy({ targetPort: destination.port, delayMs: { toClient: 2 } });
  proxy = await startProxyProcess();
});

afterAll(async () => {
  await proxy?.kill();
  await slow?.close();
  await Promise.all([source?.stop(), destination?.stop()]);
});

/** A fresh account on both servers, its source holding MESSAGES messages in two folders. */
async function account(): Promise<string> {
  users += 1;
  const user = `owner${users}@example.test`;
  await source.addUser(user, PASSWORD);
  await destination.addUser(user, DEST_PASSWORD);
  const messages = (offset: number) =>
    Array.from({ length: MESSAGES / 2 }, (_, i) => ({
      raw: makeMessage({ subject: `Message ${offset + i}`, size: 4_000, seed: offset + i + 1 }),
      flags: i % 2 ? ['\\Seen' as const] : [],
      internalDate: new Date(Date.UTC(2021, 0, 1) + (offset + i) * 60_000),
    }));
  await seedMailbox(source, user, [
    { path: ['INBOX'], messages: messages(0) },
    { path: ['Archives'], messages: messages(MESSAGES / 2) },
  ]);
  return user;
}

function jobRequest(user: string, extra: Partial<CreateJobRequest> = {}): CreateJobRequest {
  return {
    source: { host: source.host, port: source.port, tls: 'none', user, password: PASSWORD },
    destination: { host: slow.host, port: slow.port, tls: 'none', user, password: DEST_PASSWORD },
    options: { dryRun: false },
    ...extra,
  };
}

const ended = (state: string) => state !== 'queued' && state !== 'running';

async function differences(user: string) {
  const [from, to] = await Promise.all([
    snapshotMailbox(source.endpoint(user)),
    snapshotMailbox(destination.endpoint(user)),
  ]);
  return { count: to.messageCount, differences: compareSnapshots(from, to) };
}

describe('one job per destination mailbox', () => {
  it('answers two identical POSTs at once with one job and a conflict naming it', async () => {
    const user = await account();
    const answers = await Promise.all([
      proxy.call('createJob', { body: jobRequest(user) }),
      proxy.call('createJob', { body: jobRequest(user) }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const created = answers.find((a) => a.status === 201);
    const refused = answers.find((a) => a.status === 409);
    const job = JobViewSchema.parse(created?.body);
    const { error } = ErrorResponseSchema.parse(refused?.body);
    expect(error.code).toBe('conflict');
    expect(error.jobId).toBe(job.id);
    expect(error.message).toContain(job.id);

    const done = await proxy.waitForJob(job.id, (j) => ended(j.state));
    expect(done.state).toBe('completed');
    expect(await differences(user)).toEqual({ count: MESSAGES, differences: [] });
    const list = await proxy.call('listJobs');
    expect(list.body.jobs.filter((j) => j.destination.user === user)).toHaveLength(1);
  });

  it('gives the same job back to a request sent again with the same idempotency key', async () => {
    const user = await account();
    const body = jobRequest(user, { idempotencyKey: `key-${user}` });
    const answers = await Promise.all([
      proxy.call('createJob', { body }),
      proxy.call('createJob', { body }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const [first, second] = answers.map((a) => JobViewSchema.parse(a.body));
    expect(second?.id).toBe(first?.id);
    const id = first?.id ?? '';
    await proxy.waitForJob(id, (j) => ended(j.state));
    // Long after, the same retried request still names that job, and starts nothing.
    const later = await proxy.call('createJob', { body });
    expect(later.status).toBe(201);
    expect(JobViewSchema.parse(later.body)).toMatchObject({ id, state: 'completed', runs: 1 });
    expect(await differences(user)).toEqual({ count: MESSAGES, differences: [] });

    const reused = await proxy.call('createJob', {
      body: { ...body, options: { dryRun: true } },
    });
    expect(reused.status).toBe(409);
    expect(ErrorResponseSchema.parse(reused.body).error).toMatchObject({
      code: 'conflict',
      jobId: id,
    });
  });

  it('refuses a second job, and a resume, into a mailbox another job is copying into', async () => {
    const user = await account();
    const first = await proxy.call('createJob', { body: jobRequest(user) });
    const firstId = JobViewSchema.parse(first.body).id;
    await proxy.waitForJob(firstId, (j) => ended(j.state));

    const second = await proxy.call('createJob', { body: jobRequest(user) });
    expect(second.status).toBe(201);
    const secondId = JobViewSchema.parse(second.body).id;
    // A dry run writes nothing, so it may look while the copy runs.
    const preview = await proxy.call('createJob', {
      body: jobRequest(user, { options: { dryRun: true } }),
    });
    expect(preview.status).toBe(201);
    const resumed = await proxy.call('resumeJob', {
      params: { id: firstId },
      body: { sourcePassword: PASSWORD, destinationPassword: DEST_PASSWORD },
    });
    expect(resumed.status).toBe(409);
    expect(ErrorResponseSchema.parse(resumed.body).error).toMatchObject({
      code: 'conflict',
      jobId: secondId,
    });
    const done = await proxy.waitForJob(secondId, (j) => ended(j.state));
    expect(done).toMatchObject({ state: 'completed', totals: { messagesCopied: 0 } });
    expect(await differences(user)).toEqual({ count: MESSAGES, differences: [] });
  });
});

describe('a job that ended', () => {
  it('downloads its per-message log as CSV from the report endpoint', async () => {
    const user = await account();
    const created = await proxy.call('createJob', { body: jobRequest(user) });
    const id = JobViewSchema.parse(created.body).id;
    await proxy.waitForJob(id, (j) => ended(j.state));

    const csv = await proxy.call('getReport', { params: { id }, query: { format: 'csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(MESSAGE_LOG_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(MESSAGES + 1);
    expect(lines.filter((line) => line.includes(',copied,'))).toHaveLength(MESSAGES);

    const json = await proxy.call('getReport', { params: { id }, query: { messages: 'true' } });
    const report = JobReportSchema.parse(json.body);
    expect(report.messages).toHaveLength(MESSAGES);
    expect(new Set(report.messages?.map((m) => m.folder))).toEqual(new Set(['INBOX', 'Archives']));
    for (const entry of report.messages ?? []) {
      expect(entry).toMatchObject({ outcome: 'copied', size: expect.any(Number) });
      expect(entry.messageId).toMatch(/^<.+>$/);
      expect(entry.destinationUid).toBeGreaterThan(0);
    }
  });

  it('is deleted with its checkpoints, but not while it runs', async () => {
    const user = await account();
    const created = await proxy.call('createJob', { body: jobRequest(user) });
    const id = JobViewSchema.parse(created.body).id;
    const busy = await proxy.call('deleteJob', { params: { id } });
    expect(busy.status).toBe(409);
    expect(ErrorResponseSchema.parse(busy.body).error.code).toBe('conflict');
    await proxy.waitForJob(id, (j) => ended(j.state));
    expect(rowsOf(id).messages).toBe(MESSAGES);

    const deleted = await proxy.call('deleteJob', { params: { id } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id, deleted: true });
    expect((await proxy.call('getJob', { params: { id } })).status).toBe(404);
    expect((await proxy.call('getReport', { params: { id } })).status).toBe(404);
    expect(rowsOf(id)).toEqual({ jobs: 0, folders: 0, messages: 0, sync: 0 });
  });
});

/** What the proxy's store holds for a job, read from its SQLite file (WAL: readers see commits). */
function rowsOf(id: string) {
  const db = new DatabaseSync(path.join(proxy.dataDir, 'jobs.sqlite'), { readOnly: true });
  try {
    const count = (sql: string) => Number((db.prepare(sql).get(id) as { n: number }).n);
    return {
      jobs: count('SELECT COUNT(*) AS n FROM jobs WHERE id = ?'),
      folders: count('SELECT COUNT(*) AS n FROM folders WHERE job_id = ?'),
      messages: count('SELECT COUNT(*) AS n FROM messages WHERE job_id = ?'),
      sync: count('SELECT COUNT(*) AS n FROM folder_sync WHERE job_id = ?'),
    };
  } finally {
    db.close();
  }
}
