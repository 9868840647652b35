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
  HealthResponseSchema,
  JobReportSchema,
  JobViewSchema,
} from '../../lib/proxy-contract/index.ts';
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
  const call = async <T>(
    name: string,
    method: string,
    route: string,
    parse: (body: unknown) => T,
    body?: unknown,
    options: CopyCallOptions = {},
  ): Promise<T> => {
    calls[name] = (calls[name] ?? 0) + 1;
    let response: Response;
    try {
      response = await fetch(`${url}/v1${route}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new CopyClientError('unreachable', `The proxy at ${url} does not answer.`, {
        cause: error,
      });
    }
    const json: unknown = await response.json();
    if (!response.ok) {
      const parsed = ErrorResponseSchema.safeParse(json);
      if (parsed.success) {
        throw new CopyClientError(parsed.data.error.code, parsed.data.error.message);
      }
      throw new CopyClientError('internal', `HTTP ${response.status}`);
    }
    return parse(json);
  };
  const client: CopyClient & { calls: Record<string, number> } = {
    calls,
    health: (o) =>
      call('health', 'GET', '/health', (b) => HealthResponseSchema.parse(b), undefined, o),
    createJob: (request, o) =>
      call('createJob', 'POST', '/jobs', (b) => JobViewSchema.parse(b), request, o),
    getJob: (id, o) =>
      call('getJob', 'GET', `/jobs/${id}`, (b) => JobViewSchema.parse(b), undefined, o),
    resumeJob: (id, request, o) =>
      call('resumeJob', 'POST', `/jobs/${id}/resume`, (b) => JobViewSchema.parse(b), request, o),
    cancelJob: (id, o) =>
      call('cancelJob', 'POST', `/jobs/${id}/cancel`, (b) => JobViewSchema.parse(b), {}, o),
    getReport: (id, o) =>
      call('getReport', 'GET', `/jobs/${id}/report`, (b) => JobReportSchema.parse(b), undefined, o),
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
