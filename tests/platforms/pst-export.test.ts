// Hosted Exchange's PST export: the sandbox per the official schema (POST/GET/DELETE export,
// POST/GET exportURL, the account tasks they start, realistic durations when time-scaled) and
// the adapter's exportPst / removePstExport on it.
import { describe, expect, it } from 'vitest';
import { isOvhTaskError } from '../../lib/ovh-api/index.ts';
import type { ServiceRef } from '../../lib/platforms/index.ts';
import { api, followTask, useSandbox } from '../sandbox/helpers.ts';
import { sandboxAdapters, sandboxClient } from './helpers.ts';

const sandbox = useSandbox({ imap: false, taskStepMs: 30 });

const EX1: ServiceRef = {
  kind: 'exchange',
  organization: 'hosted-ab12345-1',
  service: 'hosted-ab12345-1',
};
const PRO1: ServiceRef = { kind: 'email_pro', service: 'emailpro-ab12345-1' };
const JEAN = 'jean.dupont@dupont-avocats.test';
const ACCOUNT = `/email/exchange/hosted-ab12345-1/service/hosted-ab12345-1/account/${JEAN}`;

describe('the sandbox’s PST export (email-exchange.json)', () => {
  it('export → its task → exportURL → its task → the link; DELETE drops both', async () => {
    await sandbox().reset();
    expect((await api(sandbox(), 'GET', `${ACCOUNT}/export`)).status).toBe(404);
    expect((await api(sandbox(), 'GET', `${ACCOUNT}/exportURL`)).status).toBe(404);

    const posted = await api(sandbox(), 'POST', `${ACCOUNT}/export`, {});
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ function: 'addExportPstRequest', status: 'todo' });
    const pending = await api(sandbox(), 'GET', `${ACCOUNT}/export`);
    expect(pending.body).toMatchObject({ percentComplete: 0, taskPendingId: posted.body.id });
    expect(typeof pending.body.creationDate).toBe('string');
    // One export per account; no link before it is complete.
    expect((await api(sandbox(), 'POST', `${ACCOUNT}/export`, {})).status).toBe(403);
    expect((await api(sandbox(), 'POST', `${ACCOUNT}/exportURL`, {})).status).toBe(403);
    // The task is the account's (listed under …/tasks), like every account change.
    expect((await api(sandbox(), 'GET', `${ACCOUNT}/tasks`)).body).toContain(posted.body.id);
    expect((await followTask(sandbox(), `${ACCOUNT}/tasks/${posted.body.id}`)).at(-1)).toBe('done');
    expect((await api(sandbox(), 'GET', `${ACCOUNT}/export`)).body).toMatchObject({
      percentComplete: 100,
      taskPendingId: 0,
    });

    const url = await api(sandbox(), 'POST', `${ACCOUNT}/exportURL`, {});
    expect(url.body).toMatchObject({ function: 'generatePstUrl' });
    expect((await api(sandbox(), 'GET', `${ACCOUNT}/exportURL`)).status).toBe(404);
    await followTask(sandbox(), `${ACCOUNT}/tasks/${url.body.id}`);
    const link = await api(sandbox(), 'GET', `${ACCOUNT}/exportURL`);
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(/^https:\/\/pst\.sandbox\.test\/.+\.pst$/);
    expect(Date.parse(link.body.expiration)).toBeGreaterThan(Date.now());

    const removed = await api(sandbox(), 'DELETE', `${ACCOUNT}/export`);
    expect(removed.body).toMatchObject({ function: 'deleteExportPstRequest' });
    await followTask(sandbox(), `${ACCOUNT}/tasks/${removed.body.id}`);
    expect((await api(sandbox(), 'GET', `${ACCOUNT}/export`)).status).toBe(404);
    expect((await api(sandbox(), 'GET', `${ACCOUNT}/exportURL`)).status).toBe(404);
  });

  it('takes its realistic time when time-scaled: far longer than a password change', async () => {
    await sandbox().reset();
    sandbox().faults.set({ taskTimeScale: 0.0002 });
    const posted = await api(sandbox(), 'POST', `${ACCOUNT}/export`, {});
    const password = await api(
      sandbox(),
      'POST',
      '/email/exchange/hosted-ab12345-2/service/hosted-ab12345-2/account/paul@atelier-martin.test/changePassword',
      { password: 'Another-Pass-2026!' },
    );
    expect(password.status).toBe(200);
    await sandbox().idle();
    // Ordered by their finish dates, not by a clock in the test.
    const tasks = sandbox().state.platforms.flatMap((s) => s.tasks);
    const exportTask = tasks.find((t) => t.id === posted.body.id);
    const passwordTask = tasks.find((t) => t.id === password.body.id);
    expect(exportTask?.status).toBe('done');
    expect(Date.parse(exportTask?.finishDate ?? '')).toBeGreaterThan(
      Date.parse(passwordTask?.finishDate ?? ''),
    );
  });
});

describe('exportPst (lib/platforms/pst-export.ts)', () => {
  it('requests the export, follows it, and returns the link and its expiry', async () => {
    await sandbox().reset();
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const seen: number[] = [];
    const tasks: number[] = [];
    const link = await adapters.exchange.exportPst?.(EX1, JEAN, {
      onProgress: (p) => seen.push(p),
      onTask: (id) => tasks.push(id),
    });
    const answer = await api(sandbox(), 'GET', `${ACCOUNT}/exportURL`);
    expect(link).toEqual({
      url: answer.body.url,
      expiresAt: answer.body.expiration,
      requestedAt: (await api(sandbox(), 'GET', `${ACCOUNT}/export`)).body.creationDate,
    });
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const functions = sandbox()
      .state.platforms.flatMap((s) => s.tasks)
      .filter((t) => tasks.includes(t.id))
      .map((t) => t.function);
    expect(new Set(functions)).toEqual(new Set(['addExportPstRequest', 'generatePstUrl']));
  });

  it('asked again (a closed tab, a second click): follows the same export, no second request', async () => {
    await sandbox().reset();
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    // The first request is under way when the second call comes.
    const posted = await api(sandbox(), 'POST', `${ACCOUNT}/export`, {});
    expect(posted.status).toBe(200);
    sandbox().resetStats();
    const first = await adapters.exchange.exportPst?.(EX1, JEAN);
    const second = await adapters.exchange.exportPst?.(EX1, JEAN);
    expect(second).toEqual(first);
    const byRoute = sandbox().stats().byRoute;
    const account =
      '/email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}';
    expect(byRoute[`POST ${account}/export`]).toBeUndefined();
    expect(byRoute[`POST ${account}/exportURL`]).toBe(1);
  });

  it('an export task ending in error fails at once, in its words', async () => {
    await sandbox().reset();
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    sandbox().faults.set({ failTasks: [{ function: 'addExportPstRequest' }] });
    const error = await adapters.exchange.exportPst?.(EX1, JEAN).catch((e: unknown) => e);
    expect(isOvhTaskError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'task_failed', taskFunction: 'addExportPstRequest' });
    expect((error as Error).message).toMatch(/addExportPstRequest task \d+ failed/);
  });

  it('removePstExport drops the export; E-mail Pro has none', async () => {
    await sandbox().reset();
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    await adapters.exchange.exportPst?.(EX1, JEAN);
    await adapters.exchange.removePstExport?.(EX1, JEAN);
    expect((await api(sandbox(), 'GET', `${ACCOUNT}/export`)).status).toBe(404);
    // Nothing to remove: nothing sent.
    await adapters.exchange.removePstExport?.(EX1, JEAN);
    expect(adapters.email_pro.exportPst).toBeUndefined();
    expect(adapters.mxplan.exportPst).toBeUndefined();
    void PRO1;
  });
});
