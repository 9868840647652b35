import { readdir, readFile, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreateJobRequest,
  ErrorResponseSchema,
  type JobView,
  PROXY_ROUTES,
  routeUrl,
} from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { makeMessage, seedMailbox } from '../fixtures/maildir.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';
import { watchAppends } from './helpers.ts';

// Distinctive, so a leak anywhere is found by a plain byte search.
const SOURCE_PASSWORD = 'Src-Secret-7f3a9c';
const DEST_PASSWORD = 'Dst-Secret-51e0b2';
const USER = 'kill.test@example.test';
const MESSAGES = 1500;
// Dovecot's folders are not split by default (slower there); here INBOX is.
const SPLIT = ['--split-folders', 'always'];

let source: DovecotServer;
let destination: DovecotServer;
let slow: FaultProxy;
let proxy: ProxyProcess;
const outputs: string[] = [];
// APPENDs into the first user's INBOX (1,500 messages: split over the idle workers' connections).
let inbox = watchAppends('INBOX');

beforeAll(async () => {
  [source, destination] = await Promise.all([
    startDovecot({ users: [{ user: USER, password: SOURCE_PASSWORD }] }),
    startDovecot({ users: [{ user: USER, password: DEST_PASSWORD }] }),
  ]);
  await seedMailbox(source, USER, [
    {
      path: ['INBOX'],
      messages: Array.from({ length: MESSAGES }, (_, i) => ({
        raw: makeMessage({ subject: `Message ${i}`, size: 3_000 + (i % 7) * 500, seed: i + 1 }),
        flags: i % 3 ? ['\\Seen' as const] : [],
        internalDate: new Date(Date.UTC(2015, 0, 1) + i * 3_600_000),
      })),
    },
    {
      path: ['Archives', '2019'],
      messages: [{ raw: makeMessage({ subject: 'old', seed: 9999 }) }],
    },
  ]);
  // Latency in front of the destination, so the copy is still going when the proxy is killed.
  slow = await startFaultProxy({
    targetPort: destination.port,
    delayMs: { toClient: 1 },
    onChunk: (...chunk) => inbox.onChunk(...chunk),
  });
  proxy = await startProxyProcess({ args: SPLIT });
});

afterAll(async () => {
  await proxy?.kill();
  await slow?.close();
  await Promise.all([source?.stop(), destination?.stop()]);
});

const jobRequest = (): CreateJobRequest => ({
  source: {
    host: source.host,
    port: source.port,
    tls: 'none',
    user: USER,
    password: SOURCE_PASSWORD,
  },
  destination: {
    host: slow.host,
    port: slow.port,
    tls: 'none',
    user: USER,
    password: DEST_PASSWORD,
  },
  options: { dryRun: false },
});

describe('the proxy process', () => {
  it('resumes after SIGKILL mid-copy and ends with exactly the source messages', async () => {
    const created = await proxy.call('createJob', { body: jobRequest() });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const midway = await proxy.waitForJob(id, (job) => job.totals.messagesDone >= 200);
    expect(midway.state).toBe('running');
    outputs.push(proxy.output());
    await proxy.kill('SIGKILL');

    proxy = await startProxyProcess({ dataDir: proxy.dataDir, args: SPLIT });
    const after = await proxy.call('getJob', { params: { id } });
    expect(after.body).toMatchObject({ state: 'paused', needsCredentials: true });
    expect(after.body.error?.code).toBe('credentials_required');
    // The restarted proxy still knows what was done, counted from its checkpoint.
    expect(after.body.totals.messagesTotal).toBe(MESSAGES + 1);
    expect(after.body.totals.messagesCopied).toBeGreaterThanOrEqual(200);
    expect(after.body.totals.messagesAlreadyPresent).toBe(0);

    const resumed = await proxy.call('resumeJob', {
      params: { id },
      body: { sourcePassword: SOURCE_PASSWORD, destinationPassword: DEST_PASSWORD },
    });
    expect(resumed.status).toBe(200);
    const done = await proxy.waitForJob(
      id,
      (job) => job.runs === 2 && job.state !== 'running' && job.state !== 'queued',
    );
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('completed');
    // The first run's work was recognised, not redone: the second run copied only the rest. A
    // message appended in the instant of the kill, before its checkpoint, is found present.
    const copiedBefore = after.body.totals.messagesCopied;
    expect(done.lastRun?.messagesCopied).toBeLessThanOrEqual(MESSAGES + 1 - copiedBefore);
    expect(done.totals.messagesAlreadyPresent).toBeLessThanOrEqual(2);
    expect(done.totals.messagesCopied + done.totals.messagesAlreadyPresent).toBe(MESSAGES + 1);
    expect(done.totals.messagesDone).toBe(MESSAGES + 1);

    const [from, to] = await Promise.all([
      snapshotMailbox(source.endpoint(USER)),
      snapshotMailbox(destination.endpoint(USER)),
    ]);
    expect(to.messageCount).toBe(MESSAGES + 1);
    expect(compareSnapshots(from, to)).toEqual([]);
    // Killed and resumed while INBOX was copying on several connections at once.
    expect(inbox.overlapping()).toBeGreaterThan(1);
    inbox = watchAppends('INBOX');
  });

  it("resumes without loss or duplicates when killed between a batch's APPENDs and its checkpoint", async () => {
    const user = 'between.test@example.test';
    await Promise.all([
      source.addUser(user, SOURCE_PASSWORD),
      destination.addUser(user, DEST_PASSWORD),
    ]);
    const count = 300;
    await seedMailbox(source, user, [
      {
        path: ['INBOX'],
        messages: Array.from({ length: count }, (_, i) => ({
          raw: makeMessage({
            subject: `Between ${i}`,
            size: 2_000 + (i % 5) * 300,
            seed: 5000 + i,
          }),
          flags: i % 2 ? ['\\Seen' as const] : [],
        })),
      },
    ]);
    // After the first APPEND answers, the destination stores what it is sent but its answers
    // never reach the proxy: the messages are there, their batch is never checkpointed.
    const hold = await startFaultProxy({ targetPort: destination.port });
    let answers = 0;
    hold.onServerLine = (_line, { tag, command }) => {
      if (!tag || command !== 'APPEND') return null;
      answers += 1;
      return answers > 2 ? '' : null;
    };
    try {
      const request = jobRequest();
      request.source.user = user;
      request.destination = { ...request.destination, port: hold.port, user };
      const created = await proxy.call('createJob', { body: request });
      expect(created.status).toBe(201);
      const id = created.body.id;
      // Wait until the destination holds more than the checkpoint counts.
      let stored = 0;
      let recorded = 0;
      for (let i = 0; i < 200 && !(stored > recorded + 32 && answers > 2); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stored = (await snapshotMailbox(destination.endpoint(user))).messageCount;
        recorded = (await proxy.call('getJob', { params: { id } })).body.totals.messagesCopied;
      }
      expect(stored).toBeGreaterThan(recorded + 32);
      outputs.push(proxy.output());
      await proxy.kill('SIGKILL');

      proxy = await startProxyProcess({ dataDir: proxy.dataDir, args: SPLIT });
      const after = await proxy.call('getJob', { params: { id } });
      expect(after.body.state).toBe('paused');
      expect(after.body.totals.messagesCopied).toBeLessThan(stored);
      hold.onServerLine = null;
      await proxy.call('resumeJob', {
        params: { id },
        body: { sourcePassword: SOURCE_PASSWORD, destinationPassword: DEST_PASSWORD },
      });
      const done = await proxy.waitForJob(
        id,
        (job) => job.runs === 2 && job.state !== 'running' && job.state !== 'queued',
      );
      expect(done.error).toBeUndefined();
      expect(done.state).toBe('completed');
      // What was stored without its answer is found, and known to be this job's copies.
      expect(done.totals).toMatchObject({
        messagesDone: count,
        messagesCopied: count,
        messagesAlreadyPresent: 0,
      });
      // (More may have been stored between the last look and the kill.)
      expect(done.lastRun?.messagesCopied).toBeLessThanOrEqual(count - stored);
      const [from, to] = await Promise.all([
        snapshotMailbox(source.endpoint(user)),
        snapshotMailbox(destination.endpoint(user)),
      ]);
      expect(to.messageCount).toBe(count);
      expect(compareSnapshots(from, to)).toEqual([]);
    } finally {
      await hold.close();
    }
  });

  it('streams progress as server-sent events until the job ends', async () => {
    const created = await proxy.call('createJob', { body: jobRequest() });
    const events = routeUrl(PROXY_ROUTES.jobEvents, { id: created.body.id });
    const response = await fetch(`${proxy.url}${events}`, {
      headers: { authorization: `Bearer ${proxy.token}` },
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text();
    const views = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: progress'))
      .map((block) => JSON.parse(block.split('\ndata: ')[1] ?? '{}') as JobView);
    expect(views.length).toBeGreaterThan(0);
    expect(views.at(-1)?.state).toBe('completed');
    expect(views.at(-1)?.lastRun?.messagesCopied).toBe(0);
  });

  it('refuses a request without the token, for a foreign Host, or from a web page', async () => {
    const health = await fetch(`${proxy.url}/v1/health`);
    expect(health.status).toBe(401);
    expect(((await health.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

    const url = new URL(proxy.url);
    const raw = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: '/v1/health',
            headers: { authorization: `Bearer ${proxy.token}`, ...headers },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await raw({})).toBe(200);
    expect(await raw({ host: `attacker.example:${url.port}` })).toBe(403);
    expect(await raw({ origin: 'https://www.ovh.com' })).toBe(403);
  });

  it('refuses an IMAP server that is not OVHcloud unless the operator allowed it', async () => {
    const request = jobRequest();
    request.destination.host = 'imap.example.com';
    const refused = await proxy.call('createJob', { body: request });
    expect(refused.status).toBe(403);
    const { error } = ErrorResponseSchema.parse(refused.body);
    expect(error.code).toBe('host_not_allowed');
    expect(error.message).toMatch(/--allow-host/);
  });

  it('never writes a password to its data directory, its log or its output', async () => {
    outputs.push(proxy.output());
    const files = await listFiles(proxy.dataDir);
    expect(files.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['jobs.sqlite', 'token']),
    );
    for (const file of files) {
      const bytes = await readFile(file);
      for (const secret of [SOURCE_PASSWORD, DEST_PASSWORD]) {
        expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} in ${file}`).toBe(false);
      }
    }
    for (const output of outputs) {
      expect(output).not.toContain(SOURCE_PASSWORD);
      expect(output).not.toContain(DEST_PASSWORD);
    }
    const token = await stat(path.join(proxy.dataDir, 'token'));
    expect(token.mode & 0o077).toBe(0);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}
