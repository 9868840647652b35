// Proves the real-server harness itself: if these fail, copy tests built on it prove nothing.

import net from 'node:net';
import tls from 'node:tls';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hideLogin } from '../bench/lib/wire-trace.ts';
import { type DovecotServer, startDovecot, type TestEndpoint } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import {
  compareSnapshots,
  type MailboxSnapshot,
  snapshotMailbox,
} from '../fixtures/imap-snapshot.ts';
import {
  BIG_MESSAGE_BYTES,
  MIXED_SPECIAL_USE,
  maildirFolderDir,
  makeMessage,
  mixedMailboxFixture,
  type SeedFolder,
  seedMailbox,
  specialUseOf,
} from '../fixtures/maildir.ts';

const USER = 'john.smith@example.test';
const PASSWORD = 'Pa55:word with spaces';
const APPEND_LIMIT = 200_000;

let server: DovecotServer;
let fixture: SeedFolder[];
let snapshot: MailboxSnapshot;
const clients: ImapFlow[] = [];
const proxies: FaultProxy[] = [];

async function connect(endpoint: TestEndpoint): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure ?? false,
    doSTARTTLS: endpoint.secure ? undefined : false,
    ...(endpoint.ca ? { tls: { ca: endpoint.ca } } : {}),
    auth: { user: endpoint.user, pass: endpoint.password },
    logger: false,
    disableAutoIdle: true,
  });
  // A cut connection also surfaces as an 'error' event; the tests look at the rejections.
  client.on('error', () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}

async function count(client: ImapFlow, folder: string): Promise<number> {
  const status = await client.status(folder, { messages: true });
  return status === false ? -1 : (status.messages ?? -1);
}

/** What Dovecot serves for a stored file: bare LFs become CRLF, nothing else changes. */
function served(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('latin1').replace(/(?<!\r)\n/g, '\r\n'), 'latin1');
}

/** One raw IMAP exchange (imapflow itself refuses to send past a server's APPENDLIMIT). */
function rawExchange(
  port: number,
  send: (write: (data: string | Buffer) => void) => void,
  until: RegExp,
) {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let started = false;
    socket.on('data', (data) => {
      text += data.toString('latin1');
      if (!started && text.includes('\r\n')) {
        started = true;
        send((d) => socket.write(d));
      }
      if (until.test(text)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}

beforeAll(async () => {
  fixture = mixedMailboxFixture();
  server = await startDovecot({
    tls: true,
    appendLimit: APPEND_LIMIT,
    specialUse: specialUseOf(fixture),
    users: [{ user: USER, password: PASSWORD }],
  });
  await seedMailbox(server, USER, fixture);
  snapshot = await snapshotMailbox(server.endpoint(USER));
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(proxies.map((p) => p.close()));
  await server?.stop();
});

describe('seeded mixed mailbox, read back over IMAP', () => {
  it('lists every folder under its UTF-8 name, nested and dotted ones included', () => {
    const expected = fixture.map((f) => (f.path.length === 0 ? 'INBOX' : f.path.join('/'))).sort();
    expect([...snapshot.folders.keys()].sort()).toEqual(expected);
    expect(snapshot.folders.has('Archives.2019/T1')).toBe(true);
    expect(snapshot.folders.has('Projets/Été 2024/Réunions')).toBe(true);
    expect(snapshot.folders.has('日本語')).toBe(true);
    // The dot is a name character, not Maildir++'s separator.
    expect(maildirFolderDir(['Archives.2019', 'T1'])).toBe('.Archives\\2e2019.T1');
    expect(maildirFolderDir(['Projets', 'Été 2024'])).toBe('.Projets.&AMk-t&AOk- 2024');
  });

  it('keeps subscriptions, the empty folder and the special uses', () => {
    for (const folder of fixture) {
      const got = snapshot.folders.get(folder.path.join('/'));
      expect(got?.subscribed, folder.path.join('/')).toBe(folder.subscribed ?? true);
      expect(got?.specialUse ?? undefined, folder.path.join('/')).toBe(folder.specialUse);
    }
    expect(snapshot.folders.get('Non abonné')?.subscribed).toBe(false);
    expect(snapshot.folders.get('Vide')).toMatchObject({ selectable: true, messages: [] });
    expect(specialUseOf(fixture)).toEqual(MIXED_SPECIAL_USE);
  });

  it('serves each message byte for byte, with its flags, keywords and INTERNALDATE, in seeding order', () => {
    let checked = 0;
    for (const folder of fixture) {
      const got = snapshot.folders.get(folder.path.join('/'));
      const seeded = folder.messages ?? [];
      expect(got?.messages.length, folder.path.join('/')).toBe(seeded.length);
      seeded.forEach((message, i) => {
        const actual = got?.messages[i];
        const raw = Buffer.isBuffer(message.raw) ? message.raw : Buffer.from(message.raw);
        expect(actual?.raw.equals(served(raw)), `${folder.path.join('/')} #${i}`).toBe(true);
        expect(actual?.flags).toEqual(
          [...(message.flags ?? []), ...(message.keywords ?? [])].sort(),
        );
        expect(actual?.internalDate).toBe(message.internalDate?.getTime());
        checked++;
      });
    }
    expect(checked).toBe(snapshot.messageCount);

    const inbox = snapshot.folders.get('INBOX')?.messages ?? [];
    const bareLf = inbox.find((m) => m.subject === 'Bare LF line endings');
    expect(bareLf?.raw.includes('Line one\r\nLine two\r\n')).toBe(true);
    const longLine = inbox.find((m) => m.subject?.startsWith('A line longer'));
    expect(
      longLine?.raw
        .toString('utf8')
        .split('\r\n')
        .some((line) => line.length > 10_000),
    ).toBe(true);
    expect(inbox.filter((m) => m.messageId === '<duplicate-id@fixture.example.test>')).toHaveLength(
      2,
    );
    expect(inbox.some((m) => m.messageId === null)).toBe(true);
    expect(inbox.find((m) => m.subject?.startsWith('Réunion'))?.raw.includes('Élodie Müller')).toBe(
      true,
    );
    expect(
      inbox
        .map((m) => new Date(m.internalDate).getUTCFullYear())
        .filter((y) => [1985, 1999, 2010, 2026].includes(y)),
    ).toEqual(expect.arrayContaining([1985, 1999, 2010, 2026]));

    const big = snapshot.folders.get('Pièces jointes')?.messages[1];
    expect(big?.size).toBe(BIG_MESSAGE_BYTES);
    expect(big?.raw.length).toBe(BIG_MESSAGE_BYTES);
  });

  it('builds the same fixture bytes on every call', () => {
    const again = mixedMailboxFixture({ bigMessageBytes: 0 }).flatMap((f) => f.messages ?? []);
    const first = fixture.flatMap((f) => f.messages ?? []).filter((m) => m.raw.length < 1_000_000);
    expect(again.map((m) => m.raw)).toEqual(first.map((m) => m.raw));
  });
});

describe('compareSnapshots', () => {
  it('finds nothing between a snapshot and itself', () => {
    expect(compareSnapshots(snapshot, snapshot)).toEqual([]);
  });

  it('reports each kind of difference, and honours the folder map', async () => {
    const other = 'other@example.test';
    await server.addUser(other, 'other-password');
    const changed = mixedMailboxFixture({ bigMessageBytes: 0 }).flatMap((folder): SeedFolder[] => {
      const name = folder.path.join('/');
      if (name === 'Vide') return [];
      if (name === 'Éléments envoyés') return [{ ...folder, path: ['Sent'], specialUse: '\\Sent' }];
      if (name === 'Non abonné') return [{ ...folder, subscribed: true }];
      if (name !== 'INBOX') return [folder];
      const [plain, noId, dupA, dupB, eightBit, long, , all] = folder.messages ?? [];
      if (!plain || !noId || !dupA || !dupB || !eightBit || !long || !all)
        throw new Error('fixture changed');
      const longText = long.raw.toString('utf8');
      return [
        {
          ...folder,
          messages: [
            { ...plain, flags: [] },
            { ...noId, internalDate: new Date(Date.UTC(2000, 0, 1)) },
            dupA,
            dupB,
            eightBit,
            eightBit,
            { ...long, raw: Buffer.from(longText.replace('End.', 'Fin.'), 'utf8') },
            all,
          ],
        },
      ];
    });
    await seedMailbox(server, other, [...changed, { path: ['Extra'], messages: [] }]);
    const destination = await snapshotMailbox(server.endpoint(other));

    const differences = compareSnapshots(
      snapshot,
      destination,
      new Map([['Éléments envoyés', 'Sent']]),
    );
    const expectLine = (pattern: RegExp) =>
      expect(
        differences.some((d) => pattern.test(d)),
        `${pattern} in:\n${differences.join('\n')}`,
      ).toBe(true);
    expectLine(
      /^folder "INBOX": flags differ for \[uid 1, .*Plain ASCII.*\(\\Seen\) vs destination \(\)/,
    );
    expectLine(
      /^folder "INBOX": INTERNALDATE differs for \[uid 2, .*no Message-ID.*1999-12-31T23:59:59.000Z vs destination 2000-01-01/,
    );
    expectLine(
      /^folder "INBOX": duplicated message \[uid 5, .*Réunion.*2 in destination, 1 in source/,
    );
    expectLine(
      /^folder "INBOX": \[uid 6, .*A line longer.*bytes differ from offset \d+ .*End\.\\r\\n".*Fin\.\\r\\n"/,
    );
    expectLine(/^folder "INBOX": missing in destination: \[uid 7, .*Bare LF/);
    expectLine(/^folder "Vide": missing in destination \(empty folder\)/);
    expectLine(/^folder "Non abonné": not subscribed in source but subscribed in destination/);
    expectLine(/^folder "Pièces jointes": missing in destination: \[uid 2, 26214400 bytes/);
    expectLine(/^folder "Extra": extra in destination \(empty folder\)/);
    expect(differences.filter((d) => /envoy|Sent/.test(d))).toEqual([]);
    expect(differences).toHaveLength(9);

    const unmapped = compareSnapshots(snapshot, destination);
    expect(unmapped).toContain('folder "Éléments envoyés": missing in destination (2 messages)');
    expect(unmapped).toContain('folder "Sent": extra in destination (2 messages)');
  });
});

describe('accounts on the throwaway server', () => {
  it('refuses an APPEND past the quota with OVERQUOTA, and takes it once the quota is raised', async () => {
    const user = 'quota@example.test';
    await server.addUser(user, 'quota-password', { quotaBytes: 10_000 });
    const client = await connect(server.endpoint(user));
    await client.append('INBOX', makeMessage({ size: 6_000 }));
    const refused = await client
      .append('INBOX', makeMessage({ size: 6_000 }))
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ serverResponseCode: 'OVERQUOTA' });
    expect(String((refused as { responseText?: string }).responseText)).toMatch(
      /^Quota exceeded \(mailbox for user is full\)/,
    );
    await client.logout();

    await server.setQuota(user, 100_000);
    const again = await connect(server.endpoint(user));
    await expect(again.append('INBOX', makeMessage({ size: 6_000 }))).resolves.toMatchObject({
      uid: 2,
    });
    // QUOTA speaks KiB: Dovecot rounds the byte rule up.
    const quota = await again.getQuota('INBOX');
    expect(quota === false ? false : quota.storage?.limit).toBe(Math.ceil(100_000 / 1024) * 1024);
    await again.logout();
  });

  it('advertises APPENDLIMIT and refuses a bigger APPEND with NO [LIMIT]', async () => {
    const client = await connect(server.endpoint(USER));
    expect(client.capabilities.get('APPENDLIMIT')).toBe(APPEND_LIMIT);
    await client.logout();
    const size = APPEND_LIMIT + 1;
    const reply = await rawExchange(
      server.port,
      (write) => {
        write(`a LOGIN ${USER} {${PASSWORD.length}+}\r\n${PASSWORD}\r\n`);
        write(`b APPEND INBOX {${size}+}\r\n`);
        write(Buffer.alloc(size, 'x'));
        write('\r\n');
      },
      /^b (OK|NO|BAD).*$/m,
    );
    expect(reply).toMatch(/^a OK /m);
    expect(reply).toMatch(
      /^b NO \[LIMIT\] Mail size is larger than the maximum size allowed by server configuration/m,
    );
  });

  it('applies a new password and a rename to the next login, and fails logins at once', async () => {
    const user = 'renamed@example.test';
    await server.addUser(user, 'old-password');
    await seedMailbox(server, user, [
      { path: ['INBOX'], messages: [{ raw: makeMessage({ subject: 'kept' }) }] },
    ]);
    await server.setPassword(user, 'new-password');
    const started = Date.now();
    const failed = await connect({ ...server.endpoint(user), password: 'old-password' }).catch(
      (e: unknown) => e,
    );
    expect(failed).toMatchObject({ authenticationFailed: true });
    // Dovecot would answer after 0.5 s, then 2 s and more per attempt, without the harness's settings.
    expect(Date.now() - started).toBeLessThan(400);
    await (await connect(server.endpoint(user))).logout();

    await server.renameUser(user, 'moved@example.test');
    await expect(connect({ ...server.endpoint('moved@example.test'), user })).rejects.toMatchObject(
      {
        authenticationFailed: true,
      },
    );
    const moved = await snapshotMailbox(server.endpoint('moved@example.test'));
    expect(moved.folders.get('INBOX')?.messages.map((m) => m.subject)).toEqual(['kept']);
  });

  it('serves implicit TLS with a certificate that verifies only when trusted', async () => {
    const client = await connect(server.endpoint(USER, { tls: true }));
    expect(client.secureConnection).toBe(true);
    await client.logout();

    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port: server.tlsPort ?? 0,
        servername: 'localhost',
      });
      socket.on('secureConnect', () => reject(new Error('an untrusted certificate was accepted')));
      socket.on('error', resolve);
    });
    expect(error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

describe('fault proxy', () => {
  async function proxied(): Promise<FaultProxy> {
    const proxy = await startFaultProxy({ targetPort: server.port });
    proxies.push(proxy);
    return proxy;
  }

  it('relays IMAP and cuts the connection at exactly the byte asked for', async () => {
    const proxy = await proxied();
    const client = await connect({ ...server.endpoint(USER), port: proxy.port });
    await client.mailboxOpen('Pièces jointes');
    expect(proxy.stats).toMatchObject({ connections: 1, active: 1, cuts: 0 });
    const before = proxy.stats.bytesToClient;
    proxy.cutAfter({ direction: 'toClient', bytes: 100_003 });
    await expect(client.fetchOne('2', { source: true }, { uid: true })).rejects.toThrow();
    expect(proxy.stats.bytesToClient - before).toBe(100_003);
    expect(proxy.stats.cuts).toBe(1);
    await expect.poll(() => proxy.stats.active).toBe(0);

    // The rule was for one connection: the next one runs normally.
    const next = await connect({ ...server.endpoint(USER), port: proxy.port });
    await next.mailboxOpen('Pièces jointes');
    const fetched = await next.fetchOne('2', { source: true }, { uid: true });
    expect(fetched === false ? false : fetched.source?.length).toBe(BIG_MESSAGE_BYTES);
    await next.logout();
  });

  it('answers an APPEND in the server’s place (Exchange throttling), storing nothing', async () => {
    const proxy = await proxied();
    proxy.onClientCommand = ({ tag, command }) =>
      command === 'APPEND'
        ? `${tag} NO Request is throttled. Suggested Backoff Time: 20 milliseconds`
        : null;
    const client = await connect({ ...server.endpoint(USER), port: proxy.port });
    const before = await count(client, 'Vide');
    // Below 4 KiB imapflow sends a LITERAL+ (the proxy swallows it), above it waits for "+".
    for (const size of [1_000, 20_000]) {
      const error = await client.append('Vide', makeMessage({ size })).catch((e: unknown) => e);
      expect(error, `size ${size}`).toMatchObject({ code: 'ETHROTTLE', throttleReset: 20 });
    }
    expect(await count(client, 'Vide')).toBe(before);

    // The session stayed in step: once the fault is gone, appends work on the same connection.
    proxy.clearFaults();
    await client.append('Vide', makeMessage({ size: 1_000 }));
    expect(await count(client, 'Vide')).toBe(before + 1);
    await client.logout();
  });

  it('rewrites a server reply: the message is stored but the client is told otherwise', async () => {
    const proxy = await proxied();
    proxy.onServerLine = (line, { tag, command }) =>
      command === 'APPEND' && tag !== null && line.startsWith(`${tag} OK`)
        ? `${tag} NO Server Unavailable. 15`
        : null;
    const client = await connect({ ...server.endpoint(USER), port: proxy.port });
    const before = await count(client, 'Vide');
    await expect(client.append('Vide', makeMessage({ size: 1_000 }))).rejects.toMatchObject({
      responseText: 'Server Unavailable. 15',
    });
    expect(await count(client, 'Vide')).toBe(before + 1);
    await client.logout();
  });

  it("hands every chunk to onChunk, and the bench's wire trace hides the login", async () => {
    const chunks: Array<{ direction: string; text: string }> = [];
    const proxy = await startFaultProxy({
      targetPort: server.port,
      imap: false,
      onChunk: (_connection, direction, bytes) => {
        chunks.push({ direction, text: bytes.toString('latin1') });
      },
    });
    proxies.push(proxy);
    const client = await connect({ ...server.endpoint(USER), port: proxy.port });
    await client.noop();
    await client.logout();
    const sent = chunks.filter((c) => c.direction === 'toServer').map((c) => c.text);
    expect(sent.some((text) => /^\S+ NOOP\r\n$/.test(text))).toBe(true);
    expect(chunks.some((c) => c.direction === 'toClient' && c.text.startsWith('* OK'))).toBe(true);
    // What the trace file would keep of them: no password, plain or base64.
    const { user, password } = server.endpoint(USER);
    const plain = Buffer.from(`\u0000${user}\u0000${password}`).toString('base64');
    expect(sent.join('')).toContain(plain);
    const kept = sent.map(hideLogin).join('');
    expect(kept).not.toContain(password);
    expect(kept).not.toContain(plain);
    expect(hideLogin('7 LOGIN "a@b.test" "secret"\r\n')).toBe('7 LOGIN (hidden)');
    expect(hideLogin('3 AUTHENTICATE PLAIN AGFAYgBzZWNyZXQ=\r\n')).toBe(
      '3 AUTHENTICATE PLAIN (hidden)',
    );
  });

  it('refuses connections on demand and adds latency', async () => {
    const proxy = await proxied();
    proxy.refuseConnections(true);
    await expect(connect({ ...server.endpoint(USER), port: proxy.port })).rejects.toThrow();
    expect(proxy.stats.refused).toBe(1);

    proxy.refuseConnections(false);
    const client = await connect({ ...server.endpoint(USER), port: proxy.port });
    proxy.setDelay(40);
    const started = Date.now();
    await client.noop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    proxy.setDelay(0);
    await client.logout();
  });
});
