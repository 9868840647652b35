// Sessions, fault switches and task lifecycles, API only (no Dovecot).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, followTask, useSandbox } from './helpers.ts';

const sandbox = useSandbox({ imap: false, taskStepMs: 150, newAddressDelayMs: 0 });
const PRO = '/email/pro/emailpro-ab12345-1';
const CLAIRE = `${PRO}/account/claire@boulangerie-petit.test`;

afterEach(async () => {
  // Back to the seed: faults off, and the sessions a test expired alive again.
  await sandbox().reset();
});

describe('sessions', () => {
  it('refuses a call without session cookie', async () => {
    const answer = await api(sandbox(), 'GET', '/email/pro', undefined, { cookie: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ class: 'Client::Unauthorized', message: 'You must login first' });
  });

  it('expires sessions: 401 "This session is invalid" until a new login', async () => {
    const s = sandbox();
    const old = s.newSession();
    s.faults.set({ session: 'invalid' });
    const refused = await api(s, 'GET', '/email/pro', undefined, { cookie: old });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      class: 'Client::Unauthorized',
      message: 'This session is invalid',
    });
    expect(refused.headers.get('x-ovh-queryid')).toBeTruthy();

    // The panel's way back: /auth/?action=disconnect&onsuccess=<url> sets a fresh cookie.
    const login = await fetch(
      `${s.url}/auth/?action=disconnect&onsuccess=${encodeURIComponent(`${s.url}/manager/#/web/email_pro/x`)}`,
      {
        redirect: 'manual',
      },
    );
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/manager/#/web/email_pro/x');
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).toMatch(/^SESSION=/);
    expect((await api(s, 'GET', '/email/pro', undefined, { cookie })).status).toBe(200);

    // Clearing the switch does not bring a dead session back: only the new login works.
    s.faults.clear();
    expect((await api(s, 'GET', '/email/pro', undefined, { cookie: old })).status).toBe(401);
    expect((await api(s, 'GET', '/email/pro', undefined, { cookie })).status).toBe(200);
  });

  it('can say 403 "This session is forbidden" instead', async () => {
    const s = sandbox();
    s.faults.set({ session: 'forbidden' });
    const answer = await api(s, 'GET', '/email/pro');
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      class: 'Client::Forbidden',
      message: 'This session is forbidden',
    });
  });

  it('answers 471 to writes of a low-privilege session', async () => {
    const s = sandbox();
    s.faults.set({ lowPrivilege: true });
    expect((await api(s, 'GET', CLAIRE)).status).toBe(200);
    const write = await api(s, 'POST', `${CLAIRE}/changePassword`, { password: 'Nouveau-Pass-1' });
    expect(write.status).toBe(471);
    expect(
      (
        await api(
          s,
          'POST',
          `${CLAIRE}/changePassword`,
          { password: 'Nouveau-Pass-1' },
          { cookie: s.newSession() },
        )
      ).status,
    ).toBe(200);
  });
});

describe('faults', () => {
  it('denies IAM actions, naming the operation’s action from the schema', async () => {
    const s = sandbox();
    s.faults.set({ iamDeny: ['emailPro:apiovh:account/*'] });
    const answer = await api(s, 'PUT', CLAIRE, { displayName: 'C. Petit' });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      class: 'Client::Forbidden',
      message: 'User not granted for this request',
      details: {
        unauthorizedActionsByAuthentication: '',
        unauthorizedActionsByIAM: 'emailPro:apiovh:account/edit',
      },
    });
    expect((await api(s, 'GET', PRO)).status).toBe(200);
  });

  it('fails matching calls N times with 5xx, then recovers', async () => {
    const s = sandbox();
    await fetch(`${s.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        serverErrors: [{ path: '/email/pro/*/account', status: 503, times: 2 }],
      }),
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api(s, 'GET', `${PRO}/account`)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('rate-limits with 429, saying when to come back (Retry-After, seconds)', async () => {
    const s = sandbox();
    s.faults.set({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await api(s, 'GET', PRO));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2]?.headers.get('retry-after')).toBe('60');
    expect(answers[0]?.headers.get('retry-after')).toBeNull();
  });

  it('answers 460 on every call about an expired service, and only on those', async () => {
    const s = sandbox();
    s.faults.set({ expiredServices: ['emailpro-ab12345-1'] });
    const expired = await api(s, 'GET', `${PRO}/account`);
    expect(expired.status).toBe(460);
    expect(expired.body).toEqual({
      class: 'Client::ServiceExpired',
      message: 'The service emailpro-ab12345-1 is expired',
    });
    expect((await api(s, 'GET', '/email/pro/emailpro-ab12345-2')).status).toBe(200);
  });

  it('loses the answer of a change that went through (connection cut, or a 504)', async () => {
    const s = sandbox();
    s.faults.set({ lostAnswers: [{ method: 'PUT', path: '/email/pro/*/account/*', times: 1 }] });
    const cut = await fetch(`${s.apiBase}${CLAIRE}`, {
      method: 'PUT',
      headers: { cookie: s.sessionCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Lost Answer' }),
    }).then(
      () => 'answered',
      () => 'cut',
    );
    expect(cut).toBe('cut');
    // Applied all the same: the task is there, and lands.
    expect((await api(s, 'GET', CLAIRE)).body.taskPendingId).toBeGreaterThan(0);
    await s.idle();
    expect((await api(s, 'GET', CLAIRE)).body.displayName).toBe('Lost Answer');

    s.faults.set({
      lostAnswers: [{ path: `${PRO}/account/*/changePassword`, status: 504, times: 1 }],
    });
    const lost = await api(s, 'POST', `${CLAIRE}/changePassword`, { password: 'Autre-Pass-42' });
    expect(lost.status).toBe(504);
    const tasks = await api(s, 'GET', `${CLAIRE}/tasks`);
    const last = await api(s, 'GET', `${CLAIRE}/tasks/${tasks.body.at(-1)}`);
    expect(last.body).toMatchObject({ function: 'changePassword' });
  });

  it('refuses a malformed fault patch', async () => {
    const answer = await fetch(`${sandbox().url}/__sandbox/faults`, {
      method: 'POST',
      body: '{"sesion":"invalid"}',
    });
    expect(answer.status).toBe(400);
  });
});

describe('tasks', () => {
  // Slow tasks (a fault too), so that polling sees every status even on a busy machine.
  beforeEach(() => {
    sandbox().faults.set({ taskStepMs: 250 });
  });

  it('go todo → doing → done, and the change lands with done', async () => {
    const s = sandbox();
    const put = await api(s, 'PUT', `${PRO}/domain/atelier-martin.test`, {
      mxRelay: 'mx2.mail.sandbox.test',
    });
    expect(put).toMatchObject({ status: 200, body: null });
    const domain = await api(s, 'GET', `${PRO}/domain/atelier-martin.test`);
    expect(domain.body.taskPendingId).toBeGreaterThan(0);
    expect(domain.body.mxRelay).toBe('mx1.mail.sandbox.test');
    const seen = await followTask(s, `${PRO}/task/${domain.body.taskPendingId}`);
    expect(seen).toEqual(['todo', 'doing', 'done']);
    expect((await api(s, 'GET', `${PRO}/domain/atelier-martin.test`)).body).toMatchObject({
      mxRelay: 'mx2.mail.sandbox.test',
      taskPendingId: 0,
    });
  });

  it('end in error under the failing-task fault, changing nothing', async () => {
    const s = sandbox();
    s.faults.set({ failTasks: [{ function: 'changePassword', times: 1 }] });
    const task = await api(s, 'POST', `${CLAIRE}/changePassword`, { password: 'Autre-Pass-42' });
    expect(task.body).toMatchObject({ function: 'changePassword', status: 'todo' });
    expect(await followTask(s, `${CLAIRE}/tasks/${task.body.id}`)).toEqual([
      'todo',
      'doing',
      'error',
    ]);
    const account = await api(s, 'GET', CLAIRE);
    expect(account.body.taskPendingId).toBe(0);
    expect(
      s.state.platforms.flatMap((p) => p.accounts).find((a) => a.login === 'claire')?.password,
    ).not.toBe('Autre-Pass-42');
  });

  it('refuses a second change while one is pending', async () => {
    const s = sandbox();
    await api(s, 'PUT', CLAIRE, { displayName: 'Claire P.' });
    const second = await api(s, 'PUT', CLAIRE, { displayName: 'Claire Petit' });
    expect(second.status).toBe(403);
    await s.idle();
    expect((await api(s, 'GET', CLAIRE)).body.displayName).toBe('Claire P.');
  });
});

describe('domains', () => {
  it('refuses a non-authoritative domain that another platform has authoritative', async () => {
    const s = sandbox();
    const answer = await api(
      s,
      'POST',
      '/email/exchange/hosted-ab12345-2/service/hosted-ab12345-2/domain',
      {
        name: 'boulangerie-petit.test',
        type: 'nonAuthoritative',
        mxRelay: 'mx1.mail.sandbox.test',
      },
    );
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/Authoritative domain detected/);
  });

  it('adds a domain through a task, with a CNAME to check when the zone is not the customer’s', async () => {
    const s = sandbox();
    const task = await api(s, 'POST', `${PRO}/domain`, {
      name: 'ailleurs.test',
      type: 'nonAuthoritative',
      mxRelay: 'mx1.mail.sandbox.test',
    });
    expect(task.body.function).toBe('addDomain');
    expect((await api(s, 'GET', `${PRO}/domain/ailleurs.test`)).body.state).toBe('creating');
    await followTask(s, `${PRO}/task/${task.body.id}`);
    const domain = await api(s, 'GET', `${PRO}/domain/ailleurs.test`);
    expect(domain.body).toMatchObject({
      state: 'ok',
      domainValidated: false,
      type: 'nonAuthoritative',
    });
    expect(domain.body.cnameToCheck).toMatch(/\.ailleurs\.test$/);
  });
});

describe('reset', () => {
  it('restores the seed', async () => {
    const s = sandbox();
    await api(s, 'PUT', CLAIRE, { displayName: 'Changed' });
    await s.idle();
    expect((await api(s, 'GET', CLAIRE)).body.displayName).toBe('Changed');
    expect((await fetch(`${s.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
    expect((await api(s, 'GET', CLAIRE)).body.displayName).toBe('Claire Petit');
  });
});
