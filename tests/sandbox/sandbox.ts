// Assembles the sandbox: seed, Dovecot hosts, task engine, faults, sessions and the HTTP server.

import type { AddressInfo } from 'node:net';
import type { SandboxContext } from './context.ts';
import { createFaults, type FaultController } from './faults.ts';
import { API_PREFIX } from './http/api.ts';
import { createSandboxServer } from './http/server.ts';
import { createSessions } from './http/sessions.ts';
import { createStats, type StatsSnapshot } from './http/stats.ts';
import { type MailHostInfo, noMailHosts, startMailHosts } from './imap/mail-hosts.ts';
import { mailboxFor } from './imap/mail-seed.ts';
import { resolveOptions, type SandboxOptions } from './options.ts';
import { LEGACY_HOST } from './routes/email-domain.ts';
import { allRoutes } from './routes/index.ts';
import { imapPassword } from './routes/platform/binding.ts';
import { loadCatalog } from './schema/catalog.ts';
import { buildRouteTable } from './schema/route-table.ts';
import { ownerOf } from './state/addresses.ts';
import { addressOf, type SandboxState } from './state/model.ts';
import { createSeed, SANDBOX_HOSTS } from './state/seed.ts';
import { realisticDurations } from './state/task-durations.ts';
import { createTaskEngine } from './state/task-engine.ts';

export interface ImapLogin {
  /** Where to connect: the host's Dovecot on loopback. */
  host: '127.0.0.1';
  port: number;
  /** The sandbox name, for SNI and certificate checks. */
  servername: string;
  /** The sandbox CA to trust. */
  ca: string[];
  user: string;
  password: string;
}

export type Delivery =
  | { delivered: true; host: string; mailbox: string; via: 'account' | 'alias' }
  | { delivered: false; bounced: string };

export interface Sandbox {
  /** `http://127.0.0.1:<port>`: panel, API, login and control routes share it. */
  readonly url: string;
  /** `<url>/engine/apiv6` */
  readonly apiBase: string;
  /** `<url>/manager/` */
  readonly managerUrl: string;
  /** A session opened at start, and its `Cookie` header value (`SESSION=<id>`). */
  readonly session: string;
  readonly sessionCookie: string;
  /** One entry per IMAP host (empty with `imap: false`). */
  readonly imapHosts: readonly MailHostInfo[];
  /** The CA that signed the IMAP certificate (PEM and file), `undefined` without IMAP. */
  readonly caPem: string | undefined;
  readonly caFile: string | undefined;
  /** The live state (replaced by reset). */
  readonly state: SandboxState;
  readonly faults: FaultController;
  /** Opens a new session; returns its `Cookie` header value. */
  newSession(): string;
  stats(): StatsSnapshot;
  resetStats(): void;
  /** Resolves once no task is pending. */
  idle(): Promise<void>;
  /** Back to the seed: state, mailboxes, faults and stats; sessions a fault expired live again. */
  reset(): Promise<void>;
  /**
   * Mail arriving for `to`, routed as OVHcloud's MX would: to the one account (or alias owner)
   * that holds the address on any of the customer's platforms; bounced when none does (a
   * non-authoritative domain relays an unknown address, and the relay finds no owner either).
   */
  deliver(to: string, raw: Buffer | string): Promise<Delivery>;
  /** IMAP settings for an address on a sandbox host, with its current API password. */
  imapLogin(hostname: string, user: string, password: string): ImapLogin;
  stop(): Promise<void>;
}

async function seedMailboxes(context: SandboxContext): Promise<void> {
  const { mail, state } = context;
  if (!mail.enabled) return;
  const jobs: Array<Promise<void>> = [];
  for (const svc of state.platforms) {
    for (const account of svc.accounts.filter((a) => a.configured)) {
      const address = addressOf(account);
      const folders = mailboxFor({
        flavour: svc.kind === 'mxplan' ? 'mxplan' : 'exchange',
        address,
        seed: account.id,
        ...(account.attachmentBytes > 0 ? { attachmentBytes: account.attachmentBytes } : {}),
      });
      jobs.push(mail.create(svc.hostname, address, imapPassword(svc, account), folders));
    }
  }
  for (const [d, domain] of state.legacy.entries()) {
    for (const [i, account] of domain.accounts.entries()) {
      const address = `${account.accountName}@${domain.domain}`;
      const folders = mailboxFor({ flavour: 'mxplan', address, seed: 90_000 + d * 100 + i });
      jobs.push(mail.create(LEGACY_HOST, address, account.password, folders));
    }
  }
  await Promise.all(jobs);
}

async function deliver(
  context: SandboxContext,
  to: string,
  raw: Buffer | string,
): Promise<Delivery> {
  const owner = ownerOf(context.state, to);
  if (owner === undefined) return { delivered: false, bounced: `No mailbox holds ${to}` };
  if (owner.kind === 'legacy') {
    const mailbox = `${owner.account.accountName}@${owner.domain.domain}`;
    await context.mail.deliver(LEGACY_HOST, mailbox, raw);
    return { delivered: true, host: LEGACY_HOST, mailbox, via: 'account' };
  }
  const mailbox = addressOf(owner.account);
  await context.mail.deliver(owner.svc.hostname, mailbox, raw);
  return { delivered: true, host: owner.svc.hostname, mailbox, via: owner.kind };
}

export async function startSandbox(input: SandboxOptions = {}): Promise<Sandbox> {
  const options = resolveOptions(input);
  const sessions = createSessions();
  const stats = createStats();
  const faults = createFaults(
    () => sessions.latest,
    (how) => sessions.expireAll(how),
  );
  const initialSession = sessions.create();
  if (options.faults !== undefined) faults.set(options.faults);
  const mail = options.imap
    ? await startMailHosts([
        { name: SANDBOX_HOSTS.exchange, flavour: 'exchange' },
        { name: SANDBOX_HOSTS.emailpro, flavour: 'exchange' },
        { name: SANDBOX_HOSTS.mxplan, flavour: 'mxplan' },
      ])
    : noMailHosts();
  const tasks = createTaskEngine({
    durations(hooks) {
      const scale = faults.current.taskTimeScale ?? options.taskTimeScale;
      if (scale !== undefined) return realisticDurations(hooks.fn, hooks.platform, scale);
      const step = faults.current.taskStepMs ?? options.taskStepMs;
      return { todoMs: step, doingMs: step };
    },
    shouldFail: (fn, target) => faults.takeTaskFailure(fn, target),
    log: options.log,
  });
  const context: SandboxContext = {
    state: createSeed({ bigServiceAccounts: options.bigServiceAccounts }),
    options,
    tasks,
    mail,
    faults,
    now: () => Date.now(),
    log: options.log,
  };
  try {
    await seedMailboxes(context);
  } catch (error) {
    await mail.stop();
    throw error;
  }

  const table = buildRouteTable(loadCatalog());
  const routes = allRoutes(table);
  let url = '';
  const info = () => ({
    url,
    apiBase: `${url}${API_PREFIX}`,
    managerUrl: `${url}/manager/`,
    sessionCookie: `SESSION=${initialSession}`,
    imapHosts: mail.list().map((h) => ({ name: h.name, host: '127.0.0.1', port: h.port })),
    caFile: mail.certificate?.caFile,
    implementedOperations: routes.size,
    schemaOperations: table.size,
  });
  const reset = async () => {
    await tasks.cancelAll();
    faults.clear();
    sessions.revive();
    stats.reset();
    context.state = createSeed({ bigServiceAccounts: options.bigServiceAccounts });
    await mail.clear();
    await seedMailboxes(context);
  };
  const server = createSandboxServer(
    { sandbox: context, table, routes, sessions, stats },
    {
      faults,
      stats,
      sessions,
      info,
      reset,
      idle: () => tasks.idle(),
      deliver: (to, raw) => deliver(context, to, raw),
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
  } catch (error) {
    await mail.stop();
    throw error;
  }
  const address = server.address() as AddressInfo;
  url = `http://${options.host}:${address.port}`;

  let stopped: Promise<void> | undefined;
  return {
    url,
    apiBase: `${url}${API_PREFIX}`,
    managerUrl: `${url}/manager/`,
    session: initialSession,
    sessionCookie: `SESSION=${initialSession}`,
    imapHosts: mail.list(),
    caPem: mail.certificate?.caPem,
    caFile: mail.certificate?.caFile,
    get state() {
      return context.state;
    },
    faults,
    newSession: () => `SESSION=${sessions.create()}`,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    idle: () => tasks.idle(),
    reset,
    deliver: (to, raw) => deliver(context, to, raw),
    imapLogin(hostname, user, password) {
      const host = mail.list().find((h) => h.name === hostname);
      if (host === undefined || mail.certificate === undefined) {
        throw new Error(`no IMAP server for ${hostname} (is the sandbox started with imap?)`);
      }
      return {
        host: '127.0.0.1',
        port: host.port,
        servername: hostname,
        ca: [mail.certificate.caPem],
        user,
        password,
      };
    },
    stop() {
      stopped ??= (async () => {
        await tasks.cancelAll();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await mail.stop();
      })();
      return stopped;
    },
  };
}
