// What the API does, IMAP sees: renames, slot configuration, password changes, resets, protocol
// switches and legacy MX Plan's migration reach the sandbox's real Dovecot servers once their
// task is done. Tests run concurrently: each one works on its own accounts.

import { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { api, followTask, useSandbox } from './helpers.ts';
import { SANDBOX_HOSTS, type Sandbox, subjectOf } from './index.ts';

const DELAY_MS = 1000;
const sandbox = useSandbox({ taskStepMs: 30, newAddressDelayMs: DELAY_MS, bigServiceAccounts: 30 });
const EX = '/email/exchange/hosted-ab12345-1/service/hosted-ab12345-1';
const PRO = '/email/pro/emailpro-ab12345-1';

async function connect(
  s: Sandbox,
  host: string,
  user: string,
  password: string,
): Promise<ImapFlow> {
  const login = s.imapLogin(host, user, password);
  const client = new ImapFlow({
    host: login.host,
    port: login.port,
    secure: true,
    servername: login.servername,
    tls: { ca: login.ca },
    auth: { user, pass: password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function canLogin(
  s: Sandbox,
  host: string,
  user: string,
  password: string,
): Promise<boolean> {
  try {
    await (await connect(s, host, user, password)).logout();
    return true;
  } catch {
    return false;
  }
}

async function inboxSubjects(client: ImapFlow): Promise<string[]> {
  const lock = await client.getMailboxLock('INBOX');
  try {
    const subjects: string[] = [];
    for await (const message of client.fetch('1:*', { envelope: true })) {
      subjects.push(message.envelope?.subject ?? '');
    }
    return subjects;
  } finally {
    lock.release();
  }
}

/** What the control panel does after a rename: retry changePassword while the address is new. */
async function changePasswordLikeThePanel(s: Sandbox, accountPath: string, password: string) {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = await api(s, 'POST', `${accountPath}/changePassword`, { password });
    statuses.push(answer.status);
    if (answer.status !== 404) return { answer, statuses };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`changePassword still 404 after 10 tries: ${statuses.join(',')}`);
}

describe.concurrent('accounts on IMAP', () => {
  it('a rename moves the IMAP login and keeps the mail', async () => {
    const s = sandbox();
    const put = await api(s, 'PUT', `${EX}/account/jean.dupont@dupont-avocats.test`, {
      login: 'jean.dupont01',
    });
    expect(put.status).toBe(200);
    const pending = await api(s, 'GET', `${EX}/account/jean.dupont@dupont-avocats.test`);
    expect(pending.body).toMatchObject({
      state: 'ok',
      primaryEmailAddress: 'jean.dupont@dupont-avocats.test',
    });
    expect((await followTask(s, `${EX}/task/${pending.body.taskPendingId}`)).at(-1)).toBe('done');
    // Right after the rename, the new address is still unknown to changePassword for a while.
    const renamedPath = `${EX}/account/jean.dupont01@dupont-avocats.test`;
    const early = await api(s, 'POST', `${renamedPath}/changePassword`, {
      password: 'Jd-Nouveau-2025!',
    });
    expect(early.status).toBe(404);

    expect((await api(s, 'GET', `${EX}/account/jean.dupont@dupont-avocats.test`)).status).toBe(404);
    const renamed = await api(s, 'GET', `${EX}/account/jean.dupont01@dupont-avocats.test`);
    expect(renamed.body).toMatchObject({
      login: 'jean.dupont01',
      configured: true,
      numberOfAliases: 2,
    });
    // The attachment (2.4 MB) counts: usage is read from the Maildir.
    expect(renamed.body.currentUsage).toBeGreaterThanOrEqual(3);

    const host = SANDBOX_HOSTS.exchange;
    expect(await canLogin(s, host, 'jean.dupont@dupont-avocats.test', 'Jd-Sandbox-2025!')).toBe(
      false,
    );
    const client = await connect(s, host, 'jean.dupont01@dupont-avocats.test', 'Jd-Sandbox-2025!');
    try {
      expect(await inboxSubjects(client)).toContain(
        subjectOf('jean.dupont@dupont-avocats.test', 'Bienvenue'),
      );
      const sent = (await client.list()).find((m) => m.specialUse === '\\Sent');
      expect(sent?.path).toBe('Éléments envoyés');
    } finally {
      await client.logout();
    }

    // Retrying like the control panel gets through once OVHcloud knows the address.
    const { answer } = await changePasswordLikeThePanel(s, renamedPath, 'Jd-Nouveau-2025!');
    expect(answer.status).toBe(200);
  });

  it('configuring a free slot creates a working IMAP login', async () => {
    const s = sandbox();
    const slots = await api(s, 'GET', `${PRO}/account?primaryEmailAddress=%25%40configureme.me`);
    const slot = slots.body[0] as string;
    const put = await api(s, 'PUT', `${PRO}/account/${slot}`, {
      login: 'nouvelle',
      domain: 'boulangerie-petit.test',
      displayName: 'Nouvelle Recrue',
      firstName: 'Nouvelle',
      lastName: 'Recrue',
    });
    expect(put.status).toBe(200);
    const pending = await api(s, 'GET', `${PRO}/account/${slot}`);
    expect(pending.body).toMatchObject({ state: 'creating', configured: false });
    await followTask(s, `${PRO}/task/${pending.body.taskPendingId}`);
    const account = `${PRO}/account/nouvelle@boulangerie-petit.test`;
    expect((await api(s, 'GET', account)).body).toMatchObject({
      configured: true,
      state: 'ok',
      displayName: 'Nouvelle Recrue',
    });
    const { answer } = await changePasswordLikeThePanel(s, account, 'Nv-Pass-2025!x');
    expect(await followTask(s, `${PRO}/task/${answer.body.id}`)).toContain('done');
    expect(
      await canLogin(
        s,
        SANDBOX_HOSTS.emailpro,
        'nouvelle@boulangerie-petit.test',
        'Nv-Pass-2025!x',
      ),
    ).toBe(true);
  });

  it('changePassword respects the policy, then changes what IMAP accepts', async () => {
    const s = sandbox();
    const account = `${PRO}/account/commandes@boulangerie-petit.test`;
    const short = await api(s, 'POST', `${account}/changePassword`, { password: 'Ab-12345' });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/at least 9 characters/);
    const simple = await api(s, 'POST', `${account}/changePassword`, { password: 'abcdefghijkl' });
    expect(simple.status).toBe(400);
    expect(simple.body.message).toMatch(/complexity/);
    const ok = await api(s, 'POST', `${account}/changePassword`, { password: 'Cmd-Nouveau-2026!' });
    expect((await followTask(s, `${account}/tasks/${ok.body.id}`)).at(-1)).toBe('done');
    const host = SANDBOX_HOSTS.emailpro;
    expect(await canLogin(s, host, 'commandes@boulangerie-petit.test', 'Cmd-Sandbox-2025!')).toBe(
      false,
    );
    expect(await canLogin(s, host, 'commandes@boulangerie-petit.test', 'Cmd-Nouveau-2026!')).toBe(
      true,
    );
  });

  it('a reset returns the slot and removes the mailbox', async () => {
    const s = sandbox();
    const task = await api(s, 'DELETE', `${EX}/account/marie.martin@dupont-avocats.test`);
    expect(task.body).toMatchObject({ function: 'deleteAccount', status: 'todo' });
    expect((await api(s, 'GET', `${EX}/account/marie.martin@dupont-avocats.test`)).body.state).toBe(
      'deleting',
    );
    await followTask(s, `${EX}/task/${task.body.id}`);
    expect((await api(s, 'GET', `${EX}/account/marie.martin@dupont-avocats.test`)).status).toBe(
      404,
    );
    const free = await api(s, 'GET', `${EX}/account?primaryEmailAddress=%25configureme.me`);
    expect(free.body).toHaveLength(4);
    expect(
      await canLogin(
        s,
        SANDBOX_HOSTS.exchange,
        'marie.martin@dupont-avocats.test',
        'Mm-Sandbox-2025!',
      ),
    ).toBe(false);
  });

  it('IMAP off for an account means IMAP refuses it', async () => {
    const s = sandbox();
    const host = SANDBOX_HOSTS.exchange;
    expect(await canLogin(s, host, 'accueil@dupont-avocats.test', 'Acc-Sandbox-2025!')).toBe(false);
    const protocol = `${EX}/account/accueil@dupont-avocats.test/protocol`;
    expect((await api(s, 'PUT', protocol, { IMAP: true })).status).toBe(200);
    await s.idle();
    expect((await api(s, 'GET', protocol)).body.IMAP).toBe(true);
    expect(await canLogin(s, host, 'accueil@dupont-avocats.test', 'Acc-Sandbox-2025!')).toBe(true);
  });

  it('legacy MX Plan migrates an account into a free E-mail Pro slot, mail included', async () => {
    const s = sandbox();
    const base = '/email/domain/fleuriste-bernard.test/account/bernard/migrate/emailpro-ab12345-1';
    const slots = await api(s, 'GET', `${base}/destinationEmailAddress`);
    const slot = slots.body.at(-1) as string;
    const check = await api(s, 'GET', `${base}/destinationEmailAddress/${slot}/checkMigrate`);
    expect(check.body.error).toEqual([]);
    const task = await api(s, 'POST', `${base}/destinationEmailAddress/${slot}/migrate`, {
      password: 'Bd-Pro-2025!x',
    });
    expect(task.body).toMatchObject({
      action: 'migration',
      name: 'bernard',
      domain: 'fleuriste-bernard.test',
    });
    const pending = '/email/domain/fleuriste-bernard.test/task/account?name=bernard';
    expect((await api(s, 'GET', pending)).body).toEqual([task.body.id]);
    await s.idle();
    expect((await api(s, 'GET', pending)).body).toEqual([]);
    expect(
      (await api(s, 'GET', '/email/domain/fleuriste-bernard.test/account/bernard')).status,
    ).toBe(404);
    expect(
      (await api(s, 'GET', `${PRO}/account/bernard@fleuriste-bernard.test`)).body.configured,
    ).toBe(true);
    expect(
      await canLogin(s, SANDBOX_HOSTS.mxplan, 'bernard@fleuriste-bernard.test', 'Bb-Sandbox-2025'),
    ).toBe(false);
    const client = await connect(
      s,
      SANDBOX_HOSTS.emailpro,
      'bernard@fleuriste-bernard.test',
      'Bd-Pro-2025!x',
    );
    try {
      expect(await inboxSubjects(client)).toContain(
        subjectOf('bernard@fleuriste-bernard.test', 'Bienvenue'),
      );
    } finally {
      await client.logout();
    }
  });
});

describe('mail arriving (POST /__sandbox/deliver)', () => {
  it('lands in the one mailbox that holds the address or the alias; an unknown one bounces', async () => {
    const s = sandbox();
    const message = (subject: string) =>
      `From: a@example.test\r\nTo: x@boulangerie-petit.test\r\nSubject: ${subject}\r\nMessage-ID: <${subject}@example.test>\r\nDate: Mon, 01 Dec 2026 10:00:00 +0000\r\n\r\nHello\r\n`;
    const direct = await s.deliver('paul@atelier-martin.test', message('direct-1'));
    expect(direct).toEqual({
      delivered: true,
      host: SANDBOX_HOSTS.exchange,
      mailbox: 'paul@atelier-martin.test',
      via: 'account',
    });
    const viaAlias = await fetch(`${s.url}/__sandbox/deliver`, {
      method: 'POST',
      body: JSON.stringify({ to: 'contact@boulangerie-petit.test', raw: message('alias-1') }),
    }).then((r) => r.json());
    expect(viaAlias).toMatchObject({
      delivered: true,
      mailbox: 'claire@boulangerie-petit.test',
      via: 'alias',
    });
    expect(await s.deliver('nobody@boulangerie-petit.test', message('lost-1'))).toEqual({
      delivered: false,
      bounced: 'No mailbox holds nobody@boulangerie-petit.test',
    });
    const client = await connect(
      s,
      SANDBOX_HOSTS.exchange,
      'paul@atelier-martin.test',
      'Pm-Sandbox-2025!',
    );
    try {
      expect(await inboxSubjects(client)).toContain('direct-1');
    } finally {
      await client.logout();
    }
    const claire = await connect(
      s,
      SANDBOX_HOSTS.emailpro,
      'claire@boulangerie-petit.test',
      'Cp-Sandbox-2025!',
    );
    try {
      expect(await inboxSubjects(claire)).toContain('alias-1');
    } finally {
      await claire.logout();
    }
  });
});
