import { afterAll, beforeAll } from 'vitest';
// Migration tests: the sandbox (API + Dovecot per IMAP host), the real proxy process reaching its
// hosts, and a tiny HTTP CopyClient like the extension's proxy bridge.

import {
  type CopyCallOptions,
  type CopyClient,
  CopyClientError,
} from '../../lib/migration/index.ts';
import type { ServiceRef } from '../../lib/platforms/index.ts';
import {
  ErrorResponseSchema,
  PROXY_ROUTES,
  type ProxyRoutes,
  type RouteName,
  type RouteResponse,
} from '../../lib/proxy-contract/index.ts';
import { snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { callRoute, type RouteCall } from '../fixtures/proxy-client.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';
import { useSandbox } from '../sandbox/helpers.ts';
import type { Sandbox } from '../sandbox/index.ts';

export const EX1: ServiceRef = {
  kind: 'exchange',
  organization: 'hosted-ab12345-1',
  service: 'hosted-ab12345-1',
};
export const EX2: ServiceRef = {
  kind: 'exchange',
  organization: 'hosted-ab12345-2',
  service: 'hosted-ab12345-2',
};
export const PRO1: ServiceRef = { kind: 'email_pro', service: 'emailpro-ab12345-1' };
export const MXPLAN: ServiceRef = { kind: 'mxplan', service: 'mxplan-ab12345-1' };

export const JEAN = 'jean.dupont@dupont-avocats.test';
export const JEAN_PASSWORD = 'Jd-Sandbox-2025!';

/** The real proxy CLI, allowed to reach the sandbox's IMAP hosts (their names, its CA). */
export async function startSandboxProxy(sandbox: Sandbox, dataDir?: string): Promise<ProxyProcess> {
  // The fixture passes --insecure-tls too; trusting the sandbox CA keeps the check meaningful
  // wherever that flag is dropped. The child inherits this environment.
  if (sandbox.caFile) process.env.NODE_EXTRA_CA_CERTS = sandbox.caFile;
  return startProxyProcess({
    ...(dataDir ? { dataDir } : {}),
    args: sandbox.imapHosts.flatMap((h) => [
      '--allow-host',
      h.name,
      '--resolve',
      `${h.name}:993=127.0.0.1:${h.port}`,
    ]),
  });
}

/** A CopyClient over the proxy's HTTP API; counts calls so tests can tell a job was not redone. */
export function httpCopyClient(url: string, token: string) {
  const calls: Record<string, number> = {};
  const call = async <N extends RouteName>(
    name: N,
    request: RouteCall<N>,
    options: CopyCallOptions = {},
  ): Promise<RouteResponse<ProxyRoutes[N]>> => {
    calls[name] = (calls[name] ?? 0) + 1;
    let answer: Awaited<ReturnType<typeof callRoute<N>>>;
    try {
      answer = await callRoute(url, token, name, {
        ...request,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new CopyClientError('unreachable', `The proxy at ${url} does not answer.`, {
        cause: error,
      });
    }
    if (answer.status >= 400) {
      const parsed = ErrorResponseSchema.safeParse(answer.body);
      if (parsed.success) {
        throw new CopyClientError(parsed.data.error.code, parsed.data.error.message);
      }
      throw new CopyClientError('internal', `HTTP ${answer.status}`);
    }
    return PROXY_ROUTES[name].response.parse(answer.body) as RouteResponse<ProxyRoutes[N]>;
  };
  const client: CopyClient & { calls: Record<string, number> } = {
    calls,
    health: (o) => call('health', {}, o),
    testCredentials: (body, o) => call('testCredentials', { body }, o),
    createJob: (body, o) => call('createJob', { body }, o),
    getJob: (id, o) => call('getJob', { params: { id } }, o),
    resumeJob: (id, body, o) => call('resumeJob', { params: { id }, body }, o),
    cancelJob: (id, o) => call('cancelJob', { params: { id } }, o),
    getReport: (id, o) => call('getReport', { params: { id } }, o),
  };
  return client;
}

/** The sandbox IMAP server of `hostname` as a snapshot endpoint (tests/fixtures/imap-snapshot). */
export function snapshotEndpoint(
  sandbox: Sandbox,
  hostname: string,
  user: string,
  password: string,
) {
  const login = sandbox.imapLogin(hostname, user, password);
  return {
    host: login.host,
    port: login.port,
    user,
    password,
    secure: true,
    ca: login.ca,
  };
}

/** Every subject in a sandbox mailbox, once per copy (all folders). */
export async function mailboxSubjects(
  sandbox: Sandbox,
  hostname: string,
  user: string,
  password: string,
): Promise<string[]> {
  const snapshot = await snapshotMailbox(snapshotEndpoint(sandbox, hostname, user, password));
  return [...snapshot.folders.values()].flatMap((f) => f.messages.map((m) => m.subject ?? ''));
}

/** A small message to deliver to `to`, its subject also naming its Message-ID. */
export function testMessage(subject: string, to: string, body: string): string {
  return [
    'From: client@example.test',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${subject}@example.test>`,
    'Date: Tue, 01 Dec 2026 10:00:00 +0000',
    '',
    body,
    '',
  ].join('\r\n');
}

/** The forward (first) job's verification misses a message: the run then fails at verify. */
export function failForwardVerify(copy: CopyClient): CopyClient {
  let forward: string | undefined;
  return {
    ...copy,
    async createJob(request, options) {
      const job = await copy.createJob(request, options);
      forward ??= job.id;
      return job;
    },
    async getReport(id, options) {
      const report = await copy.getReport(id, options);
      const [first, ...rest] = report.verification.folders;
      if (id !== forward || !first) return report;
      const broken = { ...first, missing: 1, match: false };
      return { ...report, verification: { ...report.verification, folders: [broken, ...rest] } };
    },
  };
}

/**
 * One sandbox and one proxy process that reaches its IMAP hosts, per test file: the setup every
 * end-to-end migration test shares. `restartProxy()` starts it again on the same data dir.
 */
export function useSandboxProxy() {
  const sandbox = useSandbox({ newAddressDelayMs: 100, taskStepMs: 30 });
  let current: ProxyProcess | undefined;
  beforeAll(async () => {
    current = await startSandboxProxy(sandbox());
  });
  afterAll(async () => {
    await current?.kill();
  });
  const proxy = (): ProxyProcess => {
    if (current === undefined) throw new Error('useSandboxProxy: only after beforeAll');
    return current;
  };
  const restartProxy = async () => {
    current = await startSandboxProxy(sandbox(), proxy().dataDir);
    return current;
  };
  return { sandbox, proxy, restartProxy };
}
