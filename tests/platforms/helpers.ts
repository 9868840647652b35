import { ImapFlow } from 'imapflow';
import { createOvhClient, type OvhClient } from '../../lib/ovh-api/index.ts';
import { createAdapters } from '../../lib/platforms/index.ts';
import type { Sandbox } from '../sandbox/index.ts';

/** An API client on the sandbox with the session cookie, as the panel's own calls carry it. */
export function sandboxClient(sandbox: Sandbox, cookie = sandbox.sessionCookie): OvhClient {
  return createOvhClient({
    baseUrl: sandbox.apiBase,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', cookie);
      return fetch(input, { ...init, headers });
    },
    // The sandbox is local; the fair-use limit has its own tests.
    rateLimit: false,
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
  });
}

/** Adapters that poll fast: sandbox tasks take a few hundred milliseconds. */
export function sandboxAdapters(client: OvhClient) {
  return createAdapters(client, {
    polling: {
      firstMs: 20,
      factor: 1.5,
      maxMs: 150,
      patienceMs: 20_000,
      newAddressPatienceMs: 10_000,
    },
    legacyMxPlanImapHost: 'ssl0.sandbox.test',
  });
}

/** Whether IMAP accepts this login on a sandbox host (what a mail client would see). */
export async function canLogin(sandbox: Sandbox, hostname: string, user: string, password: string) {
  return (await inboxCount(sandbox, hostname, user, password)) !== undefined;
}

/** Messages in INBOX over IMAP, or undefined when the login is refused. */
export async function inboxCount(
  sandbox: Sandbox,
  hostname: string,
  user: string,
  password: string,
): Promise<number | undefined> {
  const login = sandbox.imapLogin(hostname, user, password);
  const client = new ImapFlow({
    host: login.host,
    port: login.port,
    secure: true,
    servername: login.servername,
    tls: { ca: login.ca },
    auth: { user, pass: password },
    logger: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch {
    client.close();
    return undefined;
  }
  try {
    const status = await client.status('INBOX', { messages: true });
    return status ? (status.messages ?? 0) : 0;
  } finally {
    await client.logout();
  }
}
