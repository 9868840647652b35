// One real Dovecot per sandbox IMAP host (ex5.mail…, pro1.mail…, ssl0…), each configured account
// a Dovecot user whose login is its current address. Tasks call these when they complete, so
// what the API says and what IMAP accepts agree. Without `imap`, every call is a no-op.

import { readdirSync, statSync } from 'node:fs';
import { chown, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type DovecotServer, startDovecot } from '../../fixtures/dovecot.ts';
import { type SeedFolder, seedMailbox } from '../../fixtures/maildir.ts';
import { makeCertificate, type SandboxCertificate } from './certificate.ts';
import { type MailFlavour, SPECIAL_FOLDERS } from './mail-seed.ts';

export interface MailHostInfo {
  /** The sandbox name clients are given (the service's `hostname`). */
  name: string;
  /** Implicit TLS port on 127.0.0.1 (what `name:993` maps to). */
  port: number;
  server: DovecotServer;
}

export interface MailHosts {
  readonly enabled: boolean;
  readonly certificate: SandboxCertificate | undefined;
  list(): MailHostInfo[];
  create(host: string, address: string, password: string, folders?: SeedFolder[]): Promise<void>;
  rename(host: string, from: string, to: string): Promise<void>;
  setPassword(host: string, address: string, password: string): Promise<void>;
  remove(host: string, address: string): Promise<void>;
  /** Moves a mailbox to another host (legacy MX Plan's automatic migration). */
  move(
    from: { host: string; address: string },
    to: { host: string; address: string; password: string },
  ): Promise<void>;
  /** Drops one message into the mailbox's INBOX, as the mail server's delivery would. */
  deliver(host: string, address: string, raw: Buffer | string): Promise<void>;
  /** Bytes of mail in the Maildir, `undefined` without Dovecot. */
  usageBytes(host: string, address: string): number | undefined;
  /** Removes every user (mail included), before re-seeding. */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

export interface MailHostSpec {
  name: string;
  flavour: MailFlavour;
}

export async function startMailHosts(specs: readonly MailHostSpec[]): Promise<MailHosts> {
  // Below os.tmpdir() like the fixture's own dirs: every parent must stay searchable.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ovh-sandbox-tls-'));
  const certificate = await makeCertificate(
    dir,
    specs.map((s) => s.name),
  );
  const servers = new Map<string, DovecotServer>();
  try {
    const started = await Promise.all(
      specs.map((spec) =>
        startDovecot({
          tls: true,
          specialUse: SPECIAL_FOLDERS[spec.flavour],
          // Dovecot takes the last value of a setting: our certificate names the sandbox hosts.
          extraConfig: `ssl_cert = <${certificate.certFile}\nssl_key = <${certificate.keyFile}\n`,
        }),
      ),
    );
    for (const [i, spec] of specs.entries()) servers.set(spec.name, started[i] as DovecotServer);
  } catch (error) {
    await Promise.all([...servers.values()].map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const serverOf = (host: string): DovecotServer => {
    const server = servers.get(host);
    if (server === undefined) throw new Error(`sandbox bug: no IMAP server for ${host}`);
    return server;
  };
  return {
    enabled: true,
    certificate,
    list: () =>
      [...servers].map(([name, server]) => ({ name, port: server.tlsPort as number, server })),
    async create(host, address, password, folders) {
      const server = serverOf(host);
      await server.addUser(address, password);
      if (folders !== undefined) await seedMailbox(server, address, folders);
    },
    async rename(host, from, to) {
      await serverOf(host).renameUser(from, to);
    },
    async setPassword(host, address, password) {
      await serverOf(host).setPassword(address, password);
    },
    async remove(host, address) {
      const server = serverOf(host);
      if (server.hasUser(address)) await server.removeUser(address);
    },
    async move(from, to) {
      const source = serverOf(from.host);
      const target = serverOf(to.host);
      await target.addUser(to.address, to.password);
      await cp(source.maildirOf(from.address), target.maildirOf(to.address), {
        recursive: true,
        preserveTimestamps: true,
      });
      if (os.userInfo().uid === 0) await chownTree(target.maildirOf(to.address), target);
      await source.removeUser(from.address);
    },
    async deliver(host, address, raw) {
      await seedMailbox(serverOf(host), address, [{ path: ['INBOX'], messages: [{ raw }] }]);
    },
    usageBytes(host, address) {
      return maildirBytes(serverOf(host).maildirOf(address));
    },
    async clear() {
      await Promise.all(
        [...servers.values()].map(async (server) => {
          const homes = await readdir(path.join(server.dir, 'home'));
          await Promise.all(
            homes.filter((u) => server.hasUser(u)).map((u) => server.removeUser(u)),
          );
        }),
      );
    },
    async stop() {
      await Promise.all([...servers.values()].map((s) => s.stop()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** For API-only tests: no Dovecot, nothing to keep in step. */
export function noMailHosts(): MailHosts {
  const noop = async () => {};
  return {
    enabled: false,
    certificate: undefined,
    list: () => [],
    create: noop,
    rename: noop,
    setPassword: noop,
    remove: noop,
    move: noop,
    deliver: noop,
    usageBytes: () => undefined,
    clear: noop,
    stop: noop,
  };
}

async function chownTree(dir: string, owner: { mailUid: number; mailGid: number }): Promise<void> {
  await chown(dir, owner.mailUid, owner.mailGid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, owner);
    else await chown(child, owner.mailUid, owner.mailGid);
  }
}

/** Message files only (cur/ and new/ of every Maildir++ folder), not Dovecot's indexes. */
function maildirBytes(root: string): number {
  let total = 0;
  let folders: string[];
  try {
    folders = [
      root,
      ...readdirSync(root, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name.startsWith('.'))
        .map((e) => path.join(root, e.name)),
    ];
  } catch {
    return 0;
  }
  for (const folder of folders) {
    for (const sub of ['cur', 'new']) {
      let files: string[];
      try {
        files = readdirSync(path.join(folder, sub));
      } catch {
        continue;
      }
      for (const file of files) {
        try {
          total += statSync(path.join(folder, sub, file)).size;
        } catch {
          // Dovecot may move a file between new/ and cur/ meanwhile.
        }
      }
    }
  }
  return total;
}
