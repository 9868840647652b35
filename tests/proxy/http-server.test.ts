import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkToken, loadOrCreateToken } from '../../backend-proxy/src/auth/token.ts';
import {
  DEFAULT_ALLOW_ORIGINS,
  isOriginAllowed,
  parseCli,
} from '../../backend-proxy/src/config.ts';
import { ProxyFailure } from '../../backend-proxy/src/errors.ts';
import { isImapHostAllowed } from '../../backend-proxy/src/host-policy.ts';
import { compileRoutes } from '../../backend-proxy/src/http/router.ts';
import { createHttpServer, type HttpServer } from '../../backend-proxy/src/http/server.ts';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import { formatLine, redact, silentLogger } from '../../backend-proxy/src/log.ts';
import {
  ERROR_SENTENCES,
  ErrorResponseSchema,
  HealthResponseSchema,
  JobListResponseSchema,
  type JobState,
  type JobView,
  JobViewSchema,
  listRoutes,
  routeUrl,
} from '../../lib/proxy-contract/index.ts';

const PASSWORD = 'hunter2-Sup3rSecret';
const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const REPO = join(import.meta.dirname, '..', '..');
const CLI = join(REPO, 'backend-proxy', 'src', 'cli.ts');

/** A JobService that only keeps views in memory: the HTTP layer is what is under test. */
class FakeJobs implements JobService {
  readonly views = new Map<string, JobView>();
  readonly listeners = new Map<string, Set<(view: JobView) => void>>();
  private nextId = 1;

  async create(request: Parameters<JobService['create']>[0]): Promise<JobView> {
    if (!isImapHostAllowed(request.source.host, [])) throw new ProxyFailure('host_not_allowed');
    const view = makeView(`job-${this.nextId++}`, 'queued');
    // The password slips into the view on purpose: the contract schema must strip it.
    Object.assign(view.source, { password: request.source.password });
    this.views.set(view.id, view);
    return view;
  }
  get(id: string): JobView {
    const view = this.views.get(id);
    if (!view) throw new ProxyFailure('not_found');
    return view;
  }
  list(): JobView[] {
    return [...this.views.values()];
  }
  report(id: string): never {
    this.get(id);
    throw new Error(`boom in ${PASSWORD}`);
  }
  async cancel(id: string): Promise<JobView> {
    const view = this.get(id);
    if (view.state === 'completed') throw new ProxyFailure('conflict');
    return this.update(id, 'cancelled');
  }
  async resume(id: string): Promise<JobView> {
    if (id === 'renamed-elsewhere') throw new ProxyFailure('mailbox_mismatch');
    return this.update(id, 'running');
  }
  reportCsv(id: string): string {
    this.get(id);
    return 'folder,uid\r\n"=cmd",1\r\n';
  }
  async delete(id: string): Promise<{ id: string; deleted: true }> {
    if (this.get(id).state === 'running') throw new ProxyFailure('conflict');
    this.views.delete(id);
    return { id, deleted: true };
  }
  subscribe(id: string, listener: (view: JobView) => void): () => void {
    this.get(id);
    const set = this.listeners.get(id) ?? new Set();
    set.add(listener);
    this.listeners.set(id, set);
    return () => set.delete(listener);
  }
  async testCredentials(): Promise<never> {
    throw new ProxyFailure('auth_failed');
  }
  async close(): Promise<void> {}

  add(id: string, state: JobState): JobView {
    const view = makeView(id, state);
    this.views.set(id, view);
    return view;
  }
  update(id: string, state: JobState, messagesDone = 0): JobView {
    const view = {
      ...this.get(id),
      state,
      totals: { ...makeView(id, state).totals, messagesDone },
    };
    this.views.set(id, view);
    for (const listener of this.listeners.get(id) ?? []) listener(view);
    return view;
  }
  listenerCount(id: string): number {
    return this.listeners.get(id)?.size ?? 0;
  }
}

function makeView(id: string, state: JobState): JobView {
  const endpoint = { host: 'ssl0.ovh.net', port: 993, tls: 'implicit' as const, user: 'a@b.fr' };
  return {
    id,
    state,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    source: { ...endpoint },
    destination: { ...endpoint, host: 'pro1.mail.ovh.net' },
    options: { dryRun: false },
    needsCredentials: false,
    runs: 0,
    folders: [],
    totals: {
      folders: 0,
      messagesTotal: 10,
      messagesDone: 0,
      messagesCopied: 0,
      messagesAlreadyPresent: 0,
      messagesSkipped: 0,
      messagesWouldCopy: 0,
      messagesFailed: 0,
      messagesExcluded: 0,
      flagsUpdated: 0,
      bytesTotal: 0,
      bytesDone: 0,
    },
    bytesPerSecond: 0,
    messagesPerSecond: 0,
    failures: [],
  };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Sent as Authorization unless `headers` sets its own or this is null. */
  token?: string | null;
}

let port = 0;
let token = '';

/** node:http, because fetch will not let a test choose the Host header. */
function send(options: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...options.headers };
  const bearer = options.token === undefined ? token : options.token;
  if (bearer !== null && !headers.authorization) headers.authorization = `Bearer ${bearer}`;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function postJson(path: string, body: unknown): Promise<RawResponse> {
  return send({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function errorOf(response: RawResponse) {
  return ErrorResponseSchema.parse(JSON.parse(response.text)).error;
}

function errorOrNull(response: RawResponse) {
  try {
    return errorOf(response);
  } catch {
    return null;
  }
}

const endpoint = (host: string) => ({ host, user: 'a@b.fr', password: PASSWORD });

describe('proxy HTTP server', () => {
  let dataDir: string;
  let server: HttpServer;
  const jobs = new FakeJobs();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'proxy-http-'));
    token = await loadOrCreateToken(join(dataDir, 'data'));
    server = createHttpServer({
      config: { host: '127.0.0.1', port: 0, allowOrigins: DEFAULT_ALLOW_ORIGINS },
      token,
      jobs,
      version: '9.9.9',
      log: silentLogger,
      sse: { keepAliveMs: 40, minIntervalMs: 100 },
    });
    ({ port } = await server.listen());
  });

  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('security checks', () => {
    it('answers health with the right token', async () => {
      const response = await send({ path: '/v1/health' });
      expect(response.status).toBe(200);
      expect(HealthResponseSchema.parse(JSON.parse(response.text))).toMatchObject({
        version: '9.9.9',
      });
    });

    it.each([
      ['no token', null],
      ['a wrong token', 'A'.repeat(43)],
      ['an empty token', ''],
    ])('refuses %s with 401', async (_, bearer) => {
      const response = await send({ path: '/v1/health', token: bearer });
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('unauthorized');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it('accepts only the Bearer scheme', async () => {
      const basic = `Basic ${Buffer.from(`x:${token}`).toString('base64')}`;
      expect((await send({ path: '/v1/health', headers: { authorization: basic } })).status).toBe(
        401,
      );
      const raw = await send({ path: '/v1/health', headers: { authorization: token } });
      expect(raw.status).toBe(401);
    });

    it('needs the token even for unknown routes', async () => {
      expect((await send({ path: '/v1/nope', token: null })).status).toBe(401);
    });

    it.each([
      'evil.example:PORT',
      '127.0.0.1.nip.io:PORT',
      '127.0.0.1:1',
      '127.0.0.1',
      'localhost.:PORT',
    ])('refuses Host %s with 403 forbidden_host, even with the token', async (host) => {
      const response = await send({
        path: '/v1/health',
        headers: { host: host.replace('PORT', String(port)) },
      });
      expect(response.status).toBe(403);
      expect(errorOf(response).code).toBe('forbidden_host');
    });

    it.each(['localhost:PORT', '[::1]:PORT', 'LOCALHOST:PORT'])('accepts Host %s', async (host) => {
      const response = await send({
        path: '/v1/health',
        headers: { host: host.replace('PORT', String(port)) },
      });
      expect(response.status).toBe(200);
    });

    it.each(['https://evil.example', 'null', 'http://127.0.0.1:3000'])(
      'refuses Origin %s with 403 and no CORS headers',
      async (origin) => {
        const response = await send({ path: '/v1/health', headers: { origin } });
        expect(response.status).toBe(403);
        expect(errorOf(response).code).toBe('forbidden_origin');
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
      },
    );

    it('allows extension origins with CORS headers', async () => {
      for (const origin of [
        EXTENSION_ORIGIN,
        'moz-extension://0a1b2c3d-aaaa-bbbb-cccc-0123456789ab',
      ]) {
        const response = await send({ path: '/v1/health', headers: { origin } });
        expect(response.status).toBe(200);
        expect(response.headers['access-control-allow-origin']).toBe(origin);
        expect(response.headers.vary).toBe('Origin');
      }
    });

    it('keeps CORS headers on errors for extension origins, so it can read them', async () => {
      const response = await send({
        path: '/v1/health',
        token: null,
        headers: { origin: EXTENSION_ORIGIN },
      });
      expect(response.status).toBe(401);
      expect(response.headers['access-control-allow-origin']).toBe(EXTENSION_ORIGIN);
    });

    it('answers preflights from extension origins only, without a token', async () => {
      const preflight = {
        method: 'OPTIONS',
        path: '/v1/jobs',
        token: null,
        headers: {
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      };
      const allowed = await send({
        ...preflight,
        headers: { ...preflight.headers, origin: EXTENSION_ORIGIN },
      });
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(EXTENSION_ORIGIN);
      expect(allowed.headers['access-control-allow-methods']).toContain('POST');
      expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/authorization/i);

      const refused = await send({
        ...preflight,
        headers: { ...preflight.headers, origin: 'https://evil.example' },
      });
      expect(refused.status).toBe(403);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('bodies', () => {
    it('rejects an invalid body without echoing the password', async () => {
      const response = await postJson('/v1/jobs', {
        source: { ...endpoint('ssl0.ovh.net'), port: 'nine' },
        destination: { host: '', user: 'x', password: PASSWORD },
      });
      expect(response.status).toBe(400);
      const error = errorOf(response);
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain('source.port');
      expect(error.message).toContain('destination.host');
      expect(response.text).not.toContain(PASSWORD);
    });

    it('rejects broken JSON without echoing it', async () => {
      const response = await postJson('/v1/jobs', `{"password": "${PASSWORD}" oops`);
      expect(response.status).toBe(400);
      expect(response.text).not.toContain(PASSWORD);
    });

    it('requires application/json', async () => {
      const response = await send({
        method: 'POST',
        path: '/v1/jobs',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ source: endpoint('ssl0.ovh.net') }),
      });
      expect(response.status).toBe(415);
      expect(errorOf(response).code).toBe('bad_request');
    });

    it('refuses bodies over 1 MiB', async () => {
      const response = await postJson('/v1/jobs', { padding: 'x'.repeat(1024 * 1024 + 10) });
      expect(response.status).toBe(413);
      expect(errorOf(response).code).toBe('bad_request');
    });

    it.each([
      [
        'a misspelt option',
        '/v1/jobs',
        {
          source: endpoint('ssl0.ovh.net'),
          destination: endpoint('pro1.mail.ovh.net'),
          options: { dryrun: true },
        },
        ['options.dryrun'],
      ],
      [
        'extra endpoint fields',
        '/v1/jobs',
        {
          source: { ...endpoint('ssl0.ovh.net'), login: 'x', passwd: PASSWORD },
          destination: endpoint('pro1.mail.ovh.net'),
        },
        ['source.login', 'source.passwd'],
      ],
      [
        'an unknown top-level field',
        '/v1/credentials/test',
        {
          source: endpoint('ssl0.ovh.net'),
          destination: endpoint('pro1.mail.ovh.net'),
          force: true,
        },
        ['force'],
      ],
    ])('refuses %s with 400 naming each field', async (_, path, body, fields) => {
      const created = jobs.views.size;
      const response = await postJson(path, body);
      expect(response.status).toBe(400);
      const error = errorOf(response);
      expect(error.code).toBe('bad_request');
      for (const field of fields) expect(error.message).toContain(`${field}: unknown field`);
      expect(response.text).not.toContain(PASSWORD);
      expect(jobs.views.size).toBe(created);
    });

    it('refuses login fields on resume and anything in a cancel body', async () => {
      jobs.add('strict', 'paused');
      const resume = await postJson('/v1/jobs/strict/resume', {
        sourcePassword: PASSWORD,
        destinationPassword: PASSWORD,
        sourceUser: 'renamed@b.fr',
      });
      expect(resume.status).toBe(400);
      expect(errorOf(resume).message).toContain('sourceUser: unknown field');
      expect(jobs.get('strict').state).toBe('paused');

      const cancel = await postJson('/v1/jobs/strict/cancel', { force: true });
      expect(cancel.status).toBe(400);
      expect(errorOf(cancel).message).toContain('force: unknown field');
      expect(jobs.get('strict').state).toBe('paused');
      expect((await postJson('/v1/jobs/strict/cancel', {})).status).toBe(200);
    });

    it('takes a new login on resume, and answers 409 when it is another mailbox', async () => {
      jobs.add('renamed-elsewhere', 'paused');
      const response = await postJson('/v1/jobs/renamed-elsewhere/resume', {
        source: { user: 'renamed@b.fr', password: PASSWORD },
        destinationPassword: PASSWORD,
      });
      expect(response.status).toBe(409);
      expect(errorOf(response).code).toBe('mailbox_mismatch');
      const missing = await postJson('/v1/jobs/renamed-elsewhere/resume', {
        source: { user: 'renamed@b.fr' },
        destinationPassword: PASSWORD,
      });
      expect(missing.status).toBe(400);
      expect(errorOf(missing).message).toContain('sourcePassword: a password is required');
    });

    it('refuses query parameters a route does not take', async () => {
      const response = await send({ path: '/v1/jobs?state=running' });
      expect(response.status).toBe(400);
      expect(errorOf(response).message).toContain('state: unknown parameter');
    });

    it('creates a job (201) and never returns the password', async () => {
      const response = await postJson('/v1/jobs', {
        source: endpoint('ssl0.ovh.net'),
        destination: endpoint('pro1.mail.ovh.net'),
      });
      expect(response.status).toBe(201);
      const view = JobViewSchema.parse(JSON.parse(response.text));
      expect(view.state).toBe('queued');
      expect(response.text).not.toContain(PASSWORD);
    });

    it('maps a host_not_allowed failure to 403', async () => {
      const response = await postJson('/v1/jobs', {
        source: endpoint('imap.gmail.com'),
        destination: endpoint('pro1.mail.ovh.net'),
      });
      expect(response.status).toBe(403);
      expect(errorOf(response).code).toBe('host_not_allowed');
    });

    it('passes an IMAP failure through with its code', async () => {
      const response = await postJson('/v1/credentials/test', {
        source: endpoint('ssl0.ovh.net'),
        destination: endpoint('pro1.mail.ovh.net'),
      });
      expect(response.status).toBe(502);
      expect(errorOf(response).code).toBe('auth_failed');
    });
  });

  describe('routes', () => {
    it('lists and gets jobs', async () => {
      jobs.add('listed', 'running');
      const list = JobListResponseSchema.parse(JSON.parse((await send({ path: '/v1/jobs' })).text));
      expect(list.jobs.map((job) => job.id)).toContain('listed');
      const one = await send({ path: '/v1/jobs/listed' });
      expect(JobViewSchema.parse(JSON.parse(one.text)).state).toBe('running');
    });

    it('serves every route of the contract table, at its method and path', async () => {
      jobs.add('tabled', 'paused');
      for (const [name, route] of listRoutes()) {
        const path = routeUrl(route, { id: 'tabled' });
        const response =
          route.stream === 'events'
            ? await send({ path: routeUrl(route, { id: 'missing' }) })
            : await send({
                method: route.method,
                path,
                ...(route.body
                  ? { headers: { 'content-type': 'application/json' }, body: '{}' }
                  : {}),
              });
        // Reaching the route is what counts: its own answer (a refusal of the empty body, a
        // missing job), never the router's 404 or 405.
        expect(response.status, name).not.toBe(405);
        expect(errorOrNull(response)?.message ?? '', name).not.toBe('No such route on this proxy.');
      }
    });

    it('refuses a handler that the contract table does not list', () => {
      const handlers = { health: async () => ({ body: {} }), pair: async () => ({ body: {} }) };
      expect(() => compileRoutes(handlers as never)).toThrow(/pair has no route/);
    });

    it('answers 404 for an unknown job and an unknown route', async () => {
      const job = await send({ path: '/v1/jobs/missing' });
      expect(job.status).toBe(404);
      expect(errorOf(job).code).toBe('not_found');
      const route = await send({ path: '/v2/jobs' });
      expect(route.status).toBe(404);
      expect(errorOf(route).code).toBe('not_found');
    });

    it('answers 405 with bad_request for a wrong method', async () => {
      const response = await send({ method: 'PUT', path: '/v1/jobs/listed' });
      expect(response.status).toBe(405);
      expect(errorOf(response).code).toBe('bad_request');
      expect(response.headers.allow).toBe('GET, DELETE');
    });

    it('deletes an ended job, and refuses a running one with 409', async () => {
      jobs.add('ended', 'completed');
      const deleted = await send({ method: 'DELETE', path: '/v1/jobs/ended' });
      expect(deleted.status).toBe(200);
      expect(JSON.parse(deleted.text)).toEqual({ id: 'ended', deleted: true });
      expect((await send({ path: '/v1/jobs/ended' })).status).toBe(404);
      jobs.add('busy', 'running');
      const refused = await send({ method: 'DELETE', path: '/v1/jobs/busy' });
      expect(refused.status).toBe(409);
    });

    it('serves the report as a CSV download, and refuses an unknown format', async () => {
      jobs.add('logged', 'completed');
      const csv = await send({ path: '/v1/jobs/logged/report?format=csv' });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="ovh-migrate-logged.csv"',
      );
      expect(csv.text).toContain('"=cmd"');
      const wrong = await send({ path: '/v1/jobs/logged/report?format=xml' });
      expect(wrong.status).toBe(400);
      expect(errorOf(wrong).message).toContain('format');
    });

    it('cancels, and maps conflict to 409', async () => {
      jobs.add('to-cancel', 'running');
      const cancelled = await send({ method: 'POST', path: '/v1/jobs/to-cancel/cancel' });
      expect(JobViewSchema.parse(JSON.parse(cancelled.text)).state).toBe('cancelled');
      jobs.add('done', 'completed');
      const conflict = await send({ method: 'POST', path: '/v1/jobs/done/cancel' });
      expect(conflict.status).toBe(409);
      expect(errorOf(conflict).code).toBe('conflict');
    });

    it('validates the resume body', async () => {
      jobs.add('paused', 'paused');
      const bad = await postJson('/v1/jobs/paused/resume', { sourcePassword: PASSWORD });
      expect(bad.status).toBe(400);
      expect(bad.text).not.toContain(PASSWORD);
      const good = await postJson('/v1/jobs/paused/resume', {
        sourcePassword: PASSWORD,
        destinationPassword: PASSWORD,
      });
      expect(good.status).toBe(200);
    });

    it('turns an unexpected error into 500 internal without details', async () => {
      jobs.add('broken', 'completed');
      const response = await send({ path: '/v1/jobs/broken/report' });
      expect(response.status).toBe(500);
      expect(errorOf(response)).toEqual({ code: 'internal', message: ERROR_SENTENCES.internal });
      expect(response.text).not.toContain('boom');
    });
  });

  describe('event stream', () => {
    /** Reads the whole stream (it must end by itself) while `drive` changes the job. */
    function readStream(path: string, drive: () => Promise<void>) {
      return new Promise<{ status: number; type: string; raw: string; events: JobView[] }>(
        (resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } },
            (res) => {
              let raw = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                raw += chunk;
              });
              res.on('end', () => {
                const events = [...raw.matchAll(/^event: progress\ndata: (.*)$/gm)].map((m) =>
                  JobViewSchema.parse(JSON.parse(m[1] ?? '')),
                );
                resolve({
                  status: res.statusCode ?? 0,
                  type: String(res.headers['content-type']),
                  raw,
                  events,
                });
              });
              drive().catch(reject);
            },
          );
          req.on('error', reject);
          req.end();
        },
      );
    }

    it('sends progress at once and on changes, throttled, and ends on a terminal state', async () => {
      jobs.add('watched', 'queued');
      const stream = await readStream('/v1/jobs/watched/events', async () => {
        await sleep(120);
        for (let done = 1; done <= 20; done++) {
          jobs.update('watched', 'running', done);
          await sleep(5);
        }
        await sleep(150);
        jobs.update('watched', 'completed', 10);
      });
      expect(stream.status).toBe(200);
      expect(stream.type).toContain('text/event-stream');
      const states = stream.events.map((event) => event.state);
      expect(states[0]).toBe('queued');
      expect(states.at(-1)).toBe('completed');
      expect(states).toContain('running');
      // 20 changes in ~100 ms, at most one event per 100 ms: a handful, not twenty.
      expect(stream.events.length).toBeLessThan(8);
      expect(stream.events.some((event) => event.totals.messagesDone === 20)).toBe(true);
      expect(stream.raw).toContain(': keep-alive\n\n');
      expect(jobs.listenerCount('watched')).toBe(0);
    });

    it('sends a terminal job once and ends', async () => {
      jobs.add('finished', 'completed_with_errors');
      const stream = await readStream('/v1/jobs/finished/events', async () => {});
      expect(stream.events.map((event) => event.state)).toEqual(['completed_with_errors']);
    });

    it('unsubscribes when the client goes away', async () => {
      jobs.add('abandoned', 'running');
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/v1/jobs/abandoned/events',
            headers: { authorization: `Bearer ${token}` },
          },
          (res) => {
            res.once('data', () => {
              expect(jobs.listenerCount('abandoned')).toBe(1);
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', () => {});
        req.on('close', () => {});
        req.end();
        setTimeout(() => reject(new Error('no first event')), 2_000);
      });
      await waitFor(() => jobs.listenerCount('abandoned') === 0);
    });

    it('answers 404 as JSON for an unknown job', async () => {
      const response = await send({ path: '/v1/jobs/missing/events' });
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    });
  });

  it('close() ends open event streams instead of waiting for them', async () => {
    const ownJobs = new FakeJobs();
    ownJobs.add('long', 'running');
    const own = createHttpServer({
      config: { host: '127.0.0.1', port: 0, allowOrigins: DEFAULT_ALLOW_ORIGINS },
      token,
      jobs: ownJobs,
      version: '1',
      log: silentLogger,
    });
    const { port: ownPort } = await own.listen();
    const ended = new Promise<void>((resolve) => {
      request(
        {
          host: '127.0.0.1',
          port: ownPort,
          path: '/v1/jobs/long/events',
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
          res.on('close', resolve);
        },
      ).end();
    });
    await waitFor(() => ownJobs.listenerCount('long') === 1);
    const started = performance.now();
    await own.close();
    await ended;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(ownJobs.listenerCount('long')).toBe(0);
  });
});

describe('pairing token', () => {
  it('is created once, kept across loads, private', async () => {
    const root = await mkdtemp(join(tmpdir(), 'proxy-token-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const first = await loadOrCreateToken(dataDir);
      const second = await loadOrCreateToken(dataDir);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(second).toBe(first);
      expect((await stat(join(dataDir, 'token'))).mode & 0o777).toBe(0o600);
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses a damaged token file instead of silently re-pairing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'proxy-token-'));
    try {
      await writeFile(join(dataDir, 'token'), 'short\n');
      await expect(loadOrCreateToken(dataDir)).rejects.toThrow(/damaged/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('checks the Authorization header', () => {
    const token = 'abc_DEF-123';
    expect(checkToken(`Bearer ${token}`, token)).toBe(true);
    expect(checkToken(`bearer ${token}`, token)).toBe(true);
    expect(checkToken(`Bearer ${token}x`, token)).toBe(false);
    expect(checkToken(token, token)).toBe(false);
    expect(checkToken(undefined, token)).toBe(false);
    expect(checkToken('Bearer ', '')).toBe(false);
  });
});

describe('config', () => {
  it.each([
    ['ex5.mail.ovh.net', true],
    ['pro1.mail.ovh.net', true],
    ['ssl0.ovh.net', true],
    ['ex.mail.ovh.ca', true],
    ['EX5.MAIL.OVH.NET.', true],
    ['EX5.MAIL.OVH.NET..', false],
    ['mail.ovh.net', false],
    ['mail.ovh.net.evil.com', false],
    ['evilmail.ovh.net', false],
    ['ssl0.ovh.net.evil.com', false],
    ['ex5.mail.ovh.us', false],
    ['127.0.0.1', false],
    ['[::1]', false],
    ['2130706433', false],
    ['', false],
  ])('isImapHostAllowed(%s) is %s', (host, allowed) => {
    expect(isImapHostAllowed(host, [])).toBe(allowed);
  });

  it('allows extra hosts: exact names, patterns, and IPs only when listed', () => {
    const extra = ['127.0.0.1', 'imap.example.com', '*.corp.example', '::1'];
    expect(isImapHostAllowed('127.0.0.1', extra)).toBe(true);
    expect(isImapHostAllowed('127.0.0.2', extra)).toBe(false);
    expect(isImapHostAllowed('[0:0:0:0:0:0:0:1]', extra)).toBe(true);
    expect(isImapHostAllowed('Imap.Example.Com', extra)).toBe(true);
    expect(isImapHostAllowed('a.b.corp.example', extra)).toBe(true);
    expect(isImapHostAllowed('corp.example', extra)).toBe(false);
    expect(isImapHostAllowed('10.0.0.1', ['*.0.0.1'])).toBe(false);
  });

  it('checks origins', () => {
    expect(isOriginAllowed(EXTENSION_ORIGIN, DEFAULT_ALLOW_ORIGINS)).toBe(true);
    expect(isOriginAllowed('https://evil.example', DEFAULT_ALLOW_ORIGINS)).toBe(false);
    expect(isOriginAllowed('chrome-extension://', DEFAULT_ALLOW_ORIGINS)).toBe(false);
    expect(isOriginAllowed(EXTENSION_ORIGIN, ['chrome-extension://other'])).toBe(false);
  });

  it('reads env, lets argv win, and refuses non-loopback hosts without --allow-remote', () => {
    const env = {
      OVH_MIGRATE_PROXY_PORT: '8000',
      OVH_MIGRATE_PROXY_ALLOW_HOSTS: 'imap.example.com, *.corp.example',
      OVH_MIGRATE_PROXY_INSECURE_TLS: '1',
      XDG_DATA_HOME: '/xdg',
    };
    const fromEnv = parseCli([], env, '/home/u');
    expect(fromEnv).toMatchObject({
      command: 'run',
      config: {
        host: '127.0.0.1',
        port: 8000,
        dataDir: '/xdg/ovh-migrate-proxy',
        allowHosts: ['imap.example.com', '*.corp.example'],
        allowOrigins: DEFAULT_ALLOW_ORIGINS,
        insecureTls: true,
      },
    });
    const fromArgv = parseCli(['--port', '0', '--allow-host', 'a.example.org'], env, '/home/u');
    expect(fromArgv).toMatchObject({ config: { port: 0, allowHosts: ['a.example.org'] } });
    expect(parseCli([], {}, '/home/u')).toMatchObject({
      config: { port: 7464, dataDir: '/home/u/.local/share/ovh-migrate-proxy', insecureTls: false },
    });
    expect(() => parseCli(['--host', '0.0.0.0'], {}, '/h')).toThrow(/--allow-remote/);
    expect(() => parseCli([], { OVH_MIGRATE_PROXY_HOST: '192.168.1.2' }, '/h')).toThrow();
    expect(parseCli(['--host', '0.0.0.0', '--allow-remote'], {}, '/h')).toMatchObject({
      config: { host: '0.0.0.0', allowRemote: true },
    });
    expect(() => parseCli(['--port', '99999'], {}, '/h')).toThrow(/port/);
    expect(() => parseCli(['--allow-host', '*.com'], {}, '/h')).toThrow(/allow-host/);
  });
});

describe('log', () => {
  it('redacts password-like keys and stays on one line', () => {
    const value = {
      user: 'a@b.fr',
      password: PASSWORD,
      nested: { sourcePassword: PASSWORD, auth: { pass: PASSWORD } },
      headers: { authorization: `Bearer ${PASSWORD}` },
    };
    expect(JSON.stringify(redact(value))).not.toContain(PASSWORD);
    const line = formatLine('error', 'Failed\nbadly', { job: 'j 1', error: new Error('x\ny') });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('job="j 1"');
  });
});

describe('cli', () => {
  it('prints a readable --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const text of [
      '--port',
      'OVH_MIGRATE_PROXY_PORT',
      '7464',
      '--host',
      '--data-dir',
      '--allow-host',
      '--allow-origin',
      '--insecure-tls',
      '--allow-remote',
      'ovh-migrate-proxy --port 7464',
    ]) {
      expect(result.stdout).toContain(text);
    }
  });

  it('exits 1 with one plain sentence when the port is taken', async () => {
    const blocker = await listenOnFreePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'proxy-cli-'));
    try {
      const result = await runCli(['--port', String(blocker.port), '--data-dir', dataDir]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(/already in use/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('starts, prints READY last, refuses a second proxy on its port, stops on SIGTERM', async () => {
    const root = await mkdtemp(join(tmpdir(), 'proxy-cli-'));
    const free = await listenOnFreePort();
    await new Promise((resolve) => free.server.close(resolve));
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        CLI,
        '--port',
        String(free.port),
        '--data-dir',
        join(root, 'a'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let stdout = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.resume();
      await waitFor(() => stdout.includes('READY '), 20_000);
      const lines = stdout.trim().split('\n');
      const url = `http://127.0.0.1:${free.port}`;
      // For a person: what it is, where, what to do next in the browser, how to stop it.
      expect(lines[0]).toMatch(/^ovh-migrate-proxy \S+: the companion proxy of the OVHcloud/);
      expect(lines).toContain(`Address:     ${url}`);
      expect(lines).toContain(`Data folder: ${join(root, 'a')}`);
      expect(stdout).toMatch(/Pair with the proxy on this computer/);
      expect(stdout).toMatch(/To stop the proxy, press Ctrl\+C/);
      expect(lines.at(-1)).toBe(`READY ${url}`);
      const savedToken = (await readFile(join(root, 'a', 'token'), 'utf8')).trim();
      expect(lines).toContain(`Pairing token: ${savedToken}`);

      const second = await runCli(['--port', String(free.port), '--data-dir', join(root, 'b')]);
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toMatch(/^Cannot start: .*already in use.*\.$/);

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(root, { recursive: true, force: true });
    }
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return reject(new Error('no address'));
      resolve({ server, port: address.port });
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition');
    await sleep(10);
  }
}
