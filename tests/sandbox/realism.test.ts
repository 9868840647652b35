// The sandbox behaves like the real API where clients depend on it (issue 7): realistic task
// durations (time-scaled), one owner per address across the customer's platforms, each
// platform's password policy, read-only properties sent back unchanged, currentUsage's unit.
// API only (no Dovecot).

import { afterEach, describe, expect, it } from 'vitest';
import { api, followTask, useSandbox } from './helpers.ts';
import { REALISTIC_TASK_MS } from './state/task-durations.ts';

const sandbox = useSandbox({ imap: false, taskStepMs: 20, newAddressDelayMs: 0 });
const PRO = '/email/pro/emailpro-ab12345-1';
const EX = '/email/exchange/hosted-ab12345-1/service/hosted-ab12345-1';
const CLAIRE = `${PRO}/account/claire@boulangerie-petit.test`;
const JEAN = `${EX}/account/jean.dupont@dupont-avocats.test`;

afterEach(async () => {
  await sandbox().reset();
});

describe('task durations', () => {
  it('are realistic (minutes), scaled down: a rename outlasts a password change started after it', async () => {
    const s = sandbox();
    expect(REALISTIC_TASK_MS.setAccount).toBeGreaterThanOrEqual(60_000);
    s.faults.set({ taskTimeScale: 0.005 });
    await api(s, 'PUT', JEAN, { displayName: 'Jean D.' });
    const rename = (await api(s, 'GET', JEAN)).body.taskPendingId as number;
    const password = await api(s, 'POST', `${CLAIRE}/changePassword`, {
      password: 'Autre-Pass-42',
    });
    expect((await followTask(s, `${CLAIRE}/tasks/${password.body.id}`)).at(-1)).toBe('done');
    expect((await followTask(s, `${EX}/task/${rename}`)).at(-1)).toBe('done');
    // Started first, finished last: 3 min (twice that on Exchange) against 1 min.
    const renamed = await api(s, 'GET', `${EX}/task/${rename}`);
    const changed = await api(s, 'GET', `${CLAIRE}/tasks/${password.body.id}`);
    expect(Date.parse(renamed.body.finishDate)).toBeGreaterThan(
      Date.parse(changed.body.finishDate),
    );
  });

  it('a setAccount task can end in error, listed under the account with its function', async () => {
    const s = sandbox();
    s.faults.set({ failTasks: [{ function: 'setAccount', target: 'claire@*' }] });
    expect((await api(s, 'PUT', CLAIRE, { displayName: 'Nope' })).status).toBe(200);
    const ids = (await api(s, 'GET', `${CLAIRE}/tasks`)).body as number[];
    const task = await api(s, 'GET', `${CLAIRE}/tasks/${ids.at(-1)}`);
    expect(task.body.function).toBe('setAccount');
    expect(await followTask(s, `${CLAIRE}/tasks/${task.body.id}`)).toContain('error');
    expect((await api(s, 'GET', CLAIRE)).body).toMatchObject({
      displayName: 'Claire Petit',
      taskPendingId: 0,
    });
  });
});

describe('one owner per address across the customer’s platforms', () => {
  it('refuses an alias another platform holds, then accepts it once moved off', async () => {
    const s = sandbox();
    const alias = 'jdupont@dupont-avocats.test';
    // dupont-avocats.test on E-mail Pro too (non-authoritative on both), and a slot there.
    await api(s, 'PUT', `${EX}/domain/dupont-avocats.test`, {
      type: 'nonAuthoritative',
      mxRelay: 'mx1.mail.sandbox.test',
    });
    await s.idle();
    await api(s, 'POST', `${PRO}/domain`, {
      name: 'dupont-avocats.test',
      type: 'nonAuthoritative',
      mxRelay: 'mx1.mail.sandbox.test',
    });
    await s.idle();
    const taken = await api(s, 'POST', `${CLAIRE}/alias`, { alias });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toBe(`The email address ${alias} already exists`);
    // A rename onto an address Exchange holds is refused as well.
    const renamed = await api(s, 'PUT', CLAIRE, {
      login: 'jean.dupont',
      domain: 'dupont-avocats.test',
    });
    expect(renamed.status).toBe(409);
    await api(s, 'DELETE', `${JEAN}/alias/${alias}`);
    await s.idle();
    expect((await api(s, 'POST', `${CLAIRE}/alias`, { alias })).status).toBe(200);
  });
});

describe('password policies, per platform', () => {
  it('E-mail Pro: 9 to 30 characters, three classes, not the login nor the display name', async () => {
    const s = sandbox();
    const cases: Array<[string, RegExp | undefined]> = [
      ['Ab1!', /at least 9/],
      ['Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1', /at most 30/],
      ['alllowercase1', /complexity/],
      ['Xy-Claire-2025', /account name or parts of the display name/],
      ['Xy-PETIT-2025!', /account name or parts of the display name/],
      ['Autre-Pass-42', undefined],
    ];
    for (const [password, refusal] of cases) {
      const answer = await api(s, 'POST', `${CLAIRE}/changePassword`, { password });
      if (refusal === undefined) expect(answer.status, password).toBe(200);
      else {
        expect(answer.status, password).toBe(400);
        expect(answer.body.message).toMatch(refusal);
      }
      await s.idle();
    }
  });

  it('Exchange: longer passwords are fine, the login inside one is not', async () => {
    const s = sandbox();
    const long = await api(s, 'POST', `${JEAN}/changePassword`, {
      password: 'Ab1!'.repeat(10),
    });
    expect(long.status).toBe(200);
    await s.idle();
    const login = await api(s, 'POST', `${JEAN}/changePassword`, {
      password: 'X1-jean.dupont!',
    });
    expect(login.status).toBe(400);
  });
});

describe('a PUT that sends read-only properties back', () => {
  it('is accepted when they are unchanged (the panel does this), refused when changed', async () => {
    const s = sandbox();
    const account = (await api(s, 'GET', CLAIRE)).body;
    const unchanged = await api(s, 'PUT', CLAIRE, {
      displayName: 'Claire P.',
      primaryEmailAddress: account.primaryEmailAddress,
      currentUsage: account.currentUsage,
      state: account.state,
    });
    expect(unchanged.status).toBe(200);
    await s.idle();
    expect((await api(s, 'GET', CLAIRE)).body.displayName).toBe('Claire P.');
    const changed = await api(s, 'PUT', CLAIRE, { currentUsage: account.currentUsage + 1 });
    expect(changed).toMatchObject({
      status: 400,
      body: { message: '[currentUsage] Property is read-only' },
    });
  });
});
