// Never lose mail (issue 7): a rollback copies back what reached the destination meanwhile, or
// stops with the destination untouched; a copy job it cannot stop stops it too; the renamed
// source is only reset once its mail is safe, and never while it still receives mail.
// Against the sandbox (API + Dovecot), the real proxy process and its copy engine.
import { describe, expect, it } from 'vitest';
import {
  type CopyClient,
  CopyClientError,
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  planMigration,
  type RunEvent,
} from '../../lib/migration/index.ts';
import { snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { EX_HOST, PRO_HOST } from '../fixtures/sandbox-hosts.ts';
import { sandboxAdapters, sandboxClient } from '../platforms/helpers.ts';
import {
  EX1,
  failForwardVerify,
  httpCopyClient,
  JEAN,
  JEAN_PASSWORD,
  mailboxSubjects,
  PRO1,
  snapshotEndpoint,
  testMessage,
  useSandboxProxy,
} from './helpers.ts';

const { sandbox, proxy, restartProxy } = useSandboxProxy();

const PROVISIONAL = 'jean.dupont01@dupont-avocats.test';

const message = (subject: string, to = JEAN) =>
  testMessage(subject, to, `Sent while ${JEAN} was moving.`);

const subjects = (host: string, user: string, password: string) =>
  mailboxSubjects(sandbox(), host, user, password);

/**
 * A CopyClient whose forward job's verification misses a message (the run then fails at
 * verify), and that can be told to refuse new jobs or cancels (a proxy gone for those calls),
 * or to verify no folder at all.
 */
function faultyCopy(copy: CopyClient) {
  const switches = { refuseNewJobs: false, refuseCancel: false, noFoldersInReports: false };
  const unreachable = () =>
    new CopyClientError('unreachable', 'The proxy at http://127.0.0.1 does not answer.');
  const failing = failForwardVerify(copy);
  const client: CopyClient = {
    ...failing,
    async createJob(request, options) {
      if (switches.refuseNewJobs) throw unreachable();
      return failing.createJob(request, options);
    },
    async cancelJob(id, options) {
      if (switches.refuseCancel) throw unreachable();
      return failing.cancelJob(id, options);
    },
    async getReport(id, options) {
      const report = await failing.getReport(id, options);
      if (!switches.noFoldersInReports) return report;
      return { ...report, verification: { ...report.verification, folders: [] } };
    },
  };
  return { client, switches };
}

/** Jean's run to E-mail Pro, failing at verify, with a message delivered to the destination
 * right after it got the address. */
async function failedWithMailOnDestination(copy: CopyClient) {
  await sandbox().reset();
  const adapters = sandboxAdapters(sandboxClient(sandbox()));
  const { plan, passwords } = await planMigration(
    {
      source: { service: EX1, address: JEAN },
      destination: { service: PRO1 },
      sourcePassword: { mode: 'keep', password: JEAN_PASSWORD },
    },
    { adapters, copy },
  );
  const store = createMemoryRunStore();
  const secrets = createMemorySecretStore();
  let delivered: Promise<unknown> | undefined;
  const onEvent = (event: RunEvent) => {
    if (
      event.type === 'step' &&
      event.step === 'configure_destination' &&
      event.status === 'done'
    ) {
      delivered = sandbox().deliver(JEAN, message('arrived-mid-run'));
    }
  };
  const runner = createMigrationRunner({
    runId: 'jean',
    adapters,
    copy,
    store,
    secrets,
    pollMs: 30,
    onEvent,
  });
  const state = await runner.start(plan, passwords);
  expect(await delivered).toMatchObject({ delivered: true, host: PRO_HOST, mailbox: JEAN });
  expect(state.status).toBe('failed');
  expect(state.error?.step).toBe('verify');
  return { adapters, runner, passwords, store, secrets };
}

describe('a rollback after mail reached the destination', () => {
  it('copies that mail back to the source, verified, before it resets the destination', async () => {
    const { client } = faultyCopy(httpCopyClient(proxy().url, proxy().token));
    const t = await failedWithMailOnDestination(client);
    expect(await subjects(PRO_HOST, JEAN, t.passwords.destination)).toContain('arrived-mid-run');

    const rolled = await t.runner.rollback();
    expect(rolled.error).toBeUndefined();
    expect(rolled.status).toBe('rolled_back');
    // On the source, under its original address again; the destination slot is free again.
    expect(await subjects(EX_HOST, JEAN, JEAN_PASSWORD)).toContain('arrived-mid-run');
    expect((await t.adapters.email_pro.listAccounts(PRO1)).map((a) => a.address)).not.toContain(
      JEAN,
    );
    // The aliases moved with the address came back to it.
    expect((await t.adapters.exchange.listAliases(EX1, JEAN)).sort()).toEqual([
      'direction@dupont-avocats.test',
      'jdupont@dupont-avocats.test',
    ]);
    // The outcome says what came back: the one message the source lacked.
    expect(rolled.rollbackResult?.copiedBack?.messages).toBe(1);
    expect(rolled.rollbackResult?.copiedBack?.folders.every((f) => f.missing === 0)).toBe(true);
  });

  it('cannot drain it (the proxy refuses new jobs once the address moved back): rollback_failed, the destination kept with its mail, never deleted; then finishes', async () => {
    const { client, switches } = faultyCopy(httpCopyClient(proxy().url, proxy().token));
    const t = await failedWithMailOnDestination(client);
    switches.refuseNewJobs = true;
    const stuck = await t.runner.rollback();
    expect(stuck.status).toBe('rollback_failed');
    expect(stuck.error).toMatchObject({ code: 'rollback_failed', key: 'rollback.proxy_down' });
    expect(stuck.error?.message).toMatch(
      /reached jean\.dupont@dupont-avocats\.test on emailpro-ab12345-1 could not be copied back to the source: the companion proxy does not answer/,
    );
    // The destination account was renamed away from the address, nothing else: its mail is there.
    const kept = stuck.records.configure_destination?.release?.to ?? '';
    expect(stuck.error?.message).toContain(`kept as it is, with its mail, as ${kept}`);
    expect(await t.adapters.email_pro.getAccount(PRO1, kept)).toMatchObject({ configured: true });
    expect(await subjects(PRO_HOST, kept, t.passwords.destination)).toContain('arrived-mid-run');
    // The source has its address back meanwhile.
    expect((await t.adapters.exchange.getAccount(EX1, JEAN)).address).toBe(JEAN);

    switches.refuseNewJobs = false;
    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    expect(await subjects(EX_HOST, JEAN, JEAN_PASSWORD)).toContain('arrived-mid-run');
  });

  it('whose copy back the proxy verifies no folder of: rollback_failed saying it could not check, the destination kept with its mail; then finishes', async () => {
    const { client, switches } = faultyCopy(httpCopyClient(proxy().url, proxy().token));
    const t = await failedWithMailOnDestination(client);
    switches.noFoldersInReports = true;
    const stuck = await t.runner.rollback();
    expect(stuck.status).toBe('rollback_failed');
    expect(stuck.error).toMatchObject({ code: 'rollback_failed', key: 'rollback.not_checked' });
    expect(stuck.error?.message).toContain(
      'could not be copied back to the source: the companion proxy could not check that it all arrived',
    );
    const kept = stuck.records.configure_destination?.release?.to ?? '';
    expect(await t.adapters.email_pro.getAccount(PRO1, kept)).toMatchObject({ configured: true });
    expect(await subjects(PRO_HOST, kept, t.passwords.destination)).toContain('arrived-mid-run');

    switches.noFoldersInReports = false;
    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    expect(await subjects(EX_HOST, JEAN, JEAN_PASSWORD)).toContain('arrived-mid-run');
  });

  it('whose copy job cannot be stopped says so, and resets nothing', async () => {
    const { client, switches } = faultyCopy(httpCopyClient(proxy().url, proxy().token));
    await sandbox().reset();
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const { plan, passwords } = await planMigration(
      {
        source: { service: EX1, address: JEAN },
        destination: { service: PRO1 },
        sourcePassword: { mode: 'keep', password: JEAN_PASSWORD },
      },
      { adapters, copy: client },
    );
    const runner = createMigrationRunner({
      runId: 'jean-cancel',
      adapters,
      copy: client,
      store: createMemoryRunStore(),
      secrets: createMemorySecretStore(),
      pollMs: 30,
    });
    // The source refuses the proxy: the job pauses (it is not over) and the run fails.
    const failed = await runner.start(plan, { ...passwords, source: 'Not-The-Password-1!' });
    expect(failed.error).toMatchObject({ step: 'copy_content' });
    expect((await client.getJob(failed.records.copy_content?.jobId ?? '')).state).toBe('paused');

    switches.refuseCancel = true;
    const stuck = await runner.rollback();
    expect(stuck.status).toBe('rollback_failed');
    expect(stuck.error?.message).toMatch(
      /The copy job .* could not be stopped .* Nothing was reset\. Start the companion proxy, then roll back again\./,
    );
    expect(await adapters.email_pro.getAccount(PRO1, JEAN)).toMatchObject({ configured: true });
    expect((await adapters.exchange.getAccount(EX1, PROVISIONAL)).address).toBe(PROVISIONAL);

    switches.refuseCancel = false;
    await runner.providePasswords({ source: JEAN_PASSWORD });
    expect((await runner.rollback()).status).toBe('rolled_back');
    expect((await client.getJob(failed.records.copy_content?.jobId ?? '')).state).toBe('cancelled');
  });
});

describe('resetting the renamed source', () => {
  it('is refused while it still receives mail (an alias), and copies its last mail before it goes', async () => {
    await sandbox().reset();
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const copy = httpCopyClient(proxy().url, proxy().token);
    const { plan, passwords } = await planMigration(
      {
        source: { service: EX1, address: JEAN },
        destination: { service: PRO1 },
        sourcePassword: { mode: 'keep', password: JEAN_PASSWORD },
      },
      { adapters, copy },
    );
    const store = createMemoryRunStore();
    const runner = createMigrationRunner({
      runId: 'jean-reset',
      adapters,
      copy,
      store,
      secrets: createMemorySecretStore(),
      pollMs: 30,
    });
    const done = await runner.start(plan, passwords);
    expect(done.status).toBe('completed');

    // Someone gives the renamed account an alias: it receives mail again.
    await adapters.exchange.addAlias(EX1, PROVISIONAL, 'ancien@dupont-avocats.test');
    await expect(runner.resetSource({ confirm: true })).rejects.toMatchObject({
      code: 'invalid_state',
      message: expect.stringMatching(/still receives mail for ancien@dupont-avocats\.test/),
    });
    // Mail that reaches it before the alias goes must not be lost by the reset.
    expect(
      await sandbox().deliver('ancien@dupont-avocats.test', message('late-for-source')),
    ).toMatchObject({
      delivered: true,
      mailbox: PROVISIONAL,
    });
    await adapters.exchange.removeAlias(EX1, PROVISIONAL, 'ancien@dupont-avocats.test');

    // A browser restart empties session storage: the last pass needs the passwords again.
    const restarted = createMigrationRunner({
      runId: 'jean-reset',
      adapters,
      copy,
      store,
      secrets: createMemorySecretStore(),
      pollMs: 30,
    });
    await expect(restarted.resetSource({ confirm: true })).rejects.toMatchObject({
      code: 'passwords_missing',
    });
    await restarted.providePasswords({ source: JEAN_PASSWORD, destination: passwords.destination });
    const reset = await restarted.resetSource({ confirm: true });
    expect(reset.sourceReset?.taskIds.length).toBeGreaterThan(0);
    await expect(adapters.exchange.getAccount(EX1, PROVISIONAL)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await subjects(PRO_HOST, JEAN, passwords.destination)).toContain('late-for-source');
  });
});

describe('a proxy killed during the final pass', () => {
  it('fails the step as proxy_unreachable; once it is back, retry() completes exactly', async () => {
    await sandbox().reset();
    const before = await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD));
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const copy = httpCopyClient(proxy().url, proxy().token);
    const { plan, passwords } = await planMigration(
      {
        source: { service: EX1, address: JEAN },
        destination: { service: PRO1 },
        sourcePassword: { mode: 'keep', password: JEAN_PASSWORD },
      },
      { adapters, copy },
    );
    const store = createMemoryRunStore();
    const secrets = createMemorySecretStore();
    let killed: Promise<void> | undefined;
    const failed = await createMigrationRunner({
      runId: 'jean-final',
      adapters,
      copy,
      store,
      secrets,
      pollMs: 30,
      onEvent: (event) => {
        if (event.type === 'step' && event.step === 'final_pass' && event.status === 'running') {
          killed ??= proxy().kill('SIGKILL');
        }
      },
    }).start(plan, passwords);
    await killed;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'proxy_unreachable', step: 'final_pass' });

    await restartProxy();
    const again = httpCopyClient(proxy().url, proxy().token);
    const done = await createMigrationRunner({
      runId: 'jean-final',
      adapters,
      copy: again,
      store,
      secrets,
      pollMs: 30,
    }).retry();
    expect(done.error).toBeUndefined();
    expect(done.status).toBe('completed');
    expect(again.calls.createJob).toBeUndefined();
    const destination = await snapshotMailbox(
      snapshotEndpoint(sandbox(), PRO_HOST, JEAN, passwords.destination),
    );
    expect(destination.messageCount).toBe(before.messageCount);
  });
});
