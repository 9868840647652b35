import { describe, expect, it } from 'vitest';
import {
  type CopyClient,
  CopyClientError,
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  type PlanInput,
  planMigration,
  type StepId,
} from '../../lib/migration/index.ts';
import { createAdapters } from '../../lib/platforms/index.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { EX_HOST, PRO_HOST } from '../fixtures/sandbox-hosts.ts';
import { canLogin, sandboxClient } from '../platforms/helpers.ts';
import type { FaultsPatch } from '../sandbox/index.ts';
import {
  EX1,
  EX2,
  httpCopyClient,
  JEAN,
  JEAN_PASSWORD,
  PRO1,
  snapshotEndpoint,
  useSandboxProxy,
} from './helpers.ts';

const { sandbox, proxy } = useSandboxProxy();

const PROVISIONAL = 'jean.dupont01@dupont-avocats.test';

/**
 * A realistic patience (10 minutes): a failed task must show at once, in its own words, not as
 * an address that never appeared (issue 7). Were it only seen by giving up, these tests would
 * run into their own timeout.
 */
const POLLING = {
  firstMs: 20,
  factor: 1.5,
  maxMs: 150,
  patienceMs: 600_000,
  newAddressPatienceMs: 10_000,
};

function adapters() {
  return createAdapters(sandboxClient(sandbox()), {
    polling: POLLING,
    legacyMxPlanImapHost: 'ssl0.sandbox.test',
  });
}

async function failingRun(
  faults: FaultsPatch,
  sourcePassword: PlanInput['sourcePassword'] = { mode: 'keep', password: JEAN_PASSWORD },
  secretOverride?: { source: string },
  /** Puts a fault where the runner meets the proxy (final pass, verification). */
  wrapCopy: (copy: CopyClient) => CopyClient = (copy) => copy,
) {
  await sandbox().reset();
  const before = await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD));
  const a = adapters();
  const copy = wrapCopy(httpCopyClient(proxy().url, proxy().token));
  const freeSlots = (await a.email_pro.listFreeSlots(PRO1)).length;
  const { plan, passwords } = await planMigration(
    {
      source: { service: EX1, address: JEAN },
      destination: { service: PRO1 },
      sourcePassword,
    },
    { adapters: a, copy },
  );
  sandbox().faults.set(faults);
  const runner = createMigrationRunner({
    runId: 'jean',
    adapters: a,
    copy,
    store: createMemoryRunStore(),
    secrets: createMemorySecretStore(),
    pollMs: 30,
  });
  const state = await runner.start(plan, { ...passwords, ...secretOverride });
  return { before, adapters: a, runner, state, freeSlots, passwords };
}

/** `password`: what the source logs in with afterwards (a new one the rollback had to set). */
async function expectSourceAsBefore(
  t: Awaited<ReturnType<typeof failingRun>>,
  password = JEAN_PASSWORD,
) {
  expect(await t.adapters.exchange.getAccount(EX1, JEAN)).toMatchObject({
    address: JEAN,
    state: 'ok',
  });
  await expect(t.adapters.exchange.getAccount(EX1, PROVISIONAL)).rejects.toMatchObject({
    code: 'not_found',
  });
  expect(await canLogin(sandbox(), EX_HOST, JEAN, password)).toBe(true);
  const after = await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, JEAN, password));
  expect(compareSnapshots(t.before, after)).toEqual([]);
  // The destination slot is free again and the original address is gone from it.
  const accounts = await t.adapters.email_pro.listAccounts(PRO1);
  expect(accounts.map((x) => x.address)).not.toContain(JEAN);
  expect(accounts.filter((x) => x.freeSlot)).toHaveLength(t.freeSlots);
}

describe('a step fails: the run stops, retry or rollback', () => {
  it('the destination password task fails → failed; rollback puts the source back as before', async () => {
    const t = await failingRun({ failTasks: [{ function: 'changePassword', target: JEAN }] });
    expect(t.state.status).toBe('failed');
    expect(t.state.error).toMatchObject({
      name: 'MigrationError',
      code: 'destination_failed',
      step: 'configure_destination',
      causeCode: 'task_failed',
    });
    expect(t.state.steps.find((s) => s.id === 'configure_destination')?.status).toBe('failed');
    sandbox().faults.clear();

    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    await expectSourceAsBefore(t);
    // The domain left the destination, so the source is authoritative again: the guide's start.
    expect(rolled.rollbackWarnings).toEqual([]);
    expect(await t.adapters.exchange.getDomain(EX1, 'dupont-avocats.test')).toMatchObject({
      type: 'authoritative',
    });
    expect(await t.adapters.email_pro.getDomain(PRO1, 'dupont-avocats.test')).toBeUndefined();
    expect(await canLogin(sandbox(), PRO_HOST, JEAN, t.passwords.destination)).toBe(false);
  });

  it('the destination slot configuration (setAccount) fails → rollback leaves the source as before', async () => {
    const t = await failingRun({
      failTasks: [{ function: 'setAccount', target: '*@configureme.me' }],
    });
    expect(t.state.status).toBe('failed');
    expect(t.state.error).toMatchObject({
      code: 'destination_failed',
      step: 'configure_destination',
    });
    sandbox().faults.clear();
    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    await expectSourceAsBefore(t);
  });

  it('a transient task failure → retry() completes the run', async () => {
    const t = await failingRun({
      failTasks: [{ function: 'changePassword', target: JEAN, times: 1 }],
    });
    expect(t.state.status).toBe('failed');
    const retried = await t.runner.retry();
    expect(retried.error).toBeUndefined();
    expect(retried.status).toBe('completed');
    const destination = await snapshotMailbox(
      snapshotEndpoint(sandbox(), PRO_HOST, JEAN, t.passwords.destination),
    );
    expect(compareSnapshots(t.before, destination)).toEqual([]);
    await expect(t.runner.rollback()).rejects.toMatchObject({ code: 'invalid_state' });
  });
});

interface FaultCase {
  step: StepId;
  code: string;
  faults: FaultsPatch;
  sourcePassword?: PlanInput['sourcePassword'];
  secretOverride?: { source: string };
  wrapCopy?: (copy: CopyClient) => CopyClient;
  /**
   * The source password the runner has is wrong: the rollback cannot copy the destination's
   * mail back, so it stops with the destination untouched until it is given the right one.
   */
  rightSourcePassword?: string;
  /** The run never set its new source password: the rollback does, to copy back. */
  newSourcePassword?: boolean;
}

/** A report of the forward copy job whose first folder misses a message (the reverse one's is
 * left alone). */
function breakForwardReport(copy: CopyClient): CopyClient {
  let forward: string | undefined;
  return {
    ...copy,
    createJob: async (request, options) => {
      const job = await copy.createJob(request, options);
      forward ??= job.id;
      return job;
    },
    getReport: async (id, options) => {
      const report = await copy.getReport(id, options);
      const [first, ...rest] = report.verification.folders;
      if (id !== forward || !first) return report;
      const broken = {
        ...first,
        destinationMessages: first.sourceMessages - 1,
        missing: 1,
        match: false,
      };
      return { ...report, verification: { ...report.verification, folders: [broken, ...rest] } };
    },
  };
}

const FAULTS: FaultCase[] = [
  {
    step: 'ensure_domain',
    code: 'domain_failed',
    faults: { failTasks: [{ function: 'addDomain' }] },
  },
  {
    step: 'rename_source',
    code: 'rename_failed',
    faults: { failTasks: [{ function: 'setAccount', target: JEAN }] },
  },
  {
    step: 'set_source_password',
    code: 'password_failed',
    faults: { failTasks: [{ function: 'changePassword', target: PROVISIONAL }] },
    sourcePassword: { mode: 'set' },
    newSourcePassword: true,
  },
  {
    step: 'copy_content',
    code: 'copy_failed',
    faults: {},
    // The proxy is refused by the source: the job pauses on auth_failed.
    secretOverride: { source: 'Not-The-Password-1!' },
    rightSourcePassword: JEAN_PASSWORD,
  },
  {
    step: 'final_pass',
    code: 'copy_failed',
    faults: {},
    // The proxy refuses the incremental pass (as when the source password changed meanwhile).
    wrapCopy: (copy) => ({
      ...copy,
      resumeJob: async () => {
        throw new CopyClientError('auth_failed', 'The source server refused the password.');
      },
    }),
  },
  {
    step: 'verify',
    code: 'verification_failed',
    faults: {},
    // The proxy's verification finds a message missing in one folder.
    wrapCopy: breakForwardReport,
  },
  {
    step: 'move_aliases',
    code: 'aliases_failed',
    faults: { failTasks: [{ function: 'addAlias' }] },
  },
];

describe.each(FAULTS)('a fault at $step', (f) => {
  it('stops the run there; rollback leaves the source as before', async () => {
    const t = await failingRun(f.faults, f.sourcePassword, f.secretOverride, f.wrapCopy);
    expect(t.state.status).toBe('failed');
    expect(t.state.error).toMatchObject({ code: f.code, step: f.step });
    expect(t.state.error?.message.length).toBeGreaterThan(0);
    sandbox().faults.clear();
    if (f.rightSourcePassword !== undefined) {
      // The destination's mail cannot reach the source: the rollback stops, and says so, with
      // the destination account untouched.
      const stuck = await t.runner.rollback();
      expect(stuck.status).toBe('rollback_failed');
      expect(stuck.error?.message).toMatch(/could not be copied back to the source/);
      expect(stuck.error?.message).toMatch(/kept as it is/);
      expect(await t.adapters.email_pro.getAccount(PRO1, JEAN)).toMatchObject({ configured: true });
      await t.runner.providePasswords({ source: f.rightSourcePassword });
    }
    const rolled = await t.runner.rollback();
    expect(rolled.error).toBeUndefined();
    expect(rolled.status).toBe('rolled_back');
    if (f.newSourcePassword) {
      // The source never got its new password; to copy back, the rollback set it, and says so.
      expect(rolled.rollbackWarnings).toEqual([
        {
          key: 'rollback.warning.password_for_copy_back',
          params: { address: JEAN },
          text: expect.stringMatching(/got its new password so the mail could be copied back/),
        },
      ]);
      await expectSourceAsBefore(t, t.passwords.source);
    } else {
      expect(rolled.rollbackWarnings).toEqual([]);
      await expectSourceAsBefore(t);
    }
    // Whatever the step, the domain is back where it was: authoritative on the source only.
    const domain = await t.adapters.exchange.getDomain(EX1, 'dupont-avocats.test');
    expect(domain).toMatchObject({ type: 'authoritative' });
    expect(await t.adapters.email_pro.getDomain(PRO1, 'dupont-avocats.test')).toBeUndefined();
  });
});

describe('an expired OVHcloud session', () => {
  it('stops the run with session_expired; after a new login, rollback puts the source back', async () => {
    await sandbox().reset();
    const before = await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD));
    const a = adapters();
    const copy = httpCopyClient(proxy().url, proxy().token);
    const { plan, passwords } = await planMigration(
      {
        source: { service: EX1, address: JEAN },
        destination: { service: PRO1 },
        sourcePassword: { mode: 'keep', password: JEAN_PASSWORD },
      },
      { adapters: a, copy },
    );
    const store = createMemoryRunStore();
    const secrets = createMemorySecretStore();
    const state = await createMigrationRunner({
      runId: 'jean',
      adapters: a,
      copy,
      store,
      secrets,
      pollMs: 30,
      onEvent: (event) => {
        if (event.type === 'step' && event.step === 'rename_source' && event.status === 'done') {
          sandbox().faults.set({ session: 'invalid' });
        }
      },
    }).start(plan, passwords);
    expect(state.status).toBe('failed');
    expect(state.error).toMatchObject({ code: 'session_expired', step: 'configure_destination' });

    // Rolling back with the dead session cannot finish either, and says so.
    const stale = createMigrationRunner({ runId: 'jean', adapters: a, copy, store, secrets });
    const stuck = await stale.rollback();
    expect(stuck.status).toBe('rollback_failed');
    expect(stuck.error?.code).toBe('session_expired');
    await expect(stale.retry()).rejects.toMatchObject({ code: 'invalid_state' });

    // A new login (new session cookie), a new runner on the same store.
    const fresh = createAdapters(sandboxClient(sandbox(), sandbox().newSession()), {
      polling: POLLING,
    });
    const rolled = await createMigrationRunner({
      runId: 'jean',
      adapters: fresh,
      copy,
      store,
      secrets,
      pollMs: 30,
    }).rollback();
    expect(rolled.status).toBe('rolled_back');
    sandbox().faults.clear();
    expect(await canLogin(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD)).toBe(true);
    const after = await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD));
    expect(compareSnapshots(before, after)).toEqual([]);
  });
});

describe('a rollback interrupted', () => {
  it('stops as rollback_failed; rollback() again from a new runner finishes it', async () => {
    const t = await failingRun({ failTasks: [{ function: 'changePassword', target: JEAN }] });
    sandbox().faults.clear();
    const controller = new AbortController();
    // The destination reset is sent, then the rollback is stopped while its task runs.
    setTimeout(() => controller.abort(), 40);
    const stopped = await t.runner.rollback({ signal: controller.signal });
    expect(['rollback_failed', 'rolled_back']).toContain(stopped.status);
    if (stopped.status === 'rollback_failed') {
      expect(stopped.error?.code).toBe('cancelled');
      // A new runner (e.g. after the tab was closed) on the same state, its passwords gone.
      const store = createMemoryRunStore();
      await store.save(stopped);
      const tab = createMigrationRunner({
        runId: 'jean',
        adapters: t.adapters,
        copy: httpCopyClient(proxy().url, proxy().token),
        store,
        secrets: createMemorySecretStore(),
        pollMs: 30,
      });
      let again = await tab.rollback();
      if (again.status === 'rollback_failed') {
        // The destination's mail is copied back before it is reset: that needs the passwords.
        expect(again.error?.code).toBe('passwords_missing');
        await tab.providePasswords({ source: JEAN_PASSWORD, destination: t.passwords.destination });
        again = await tab.rollback();
      }
      expect(again.status).toBe('rolled_back');
    }
    await expectSourceAsBefore(t);
  });
});

describe('aliases moved off the source', () => {
  it('go back to the source when the run is rolled back', async () => {
    await sandbox().reset();
    const a = adapters();
    const copy = httpCopyClient(proxy().url, proxy().token);
    const aliases = (await a.exchange.listAliases(EX1, JEAN)).sort();
    expect(aliases).toHaveLength(2);
    // Exchange → Exchange on one host: an alias has one owner, so the run moves it; the second
    // alias's task fails, after the first one has moved.
    const { plan, passwords } = await planMigration(
      {
        source: { service: EX1, address: JEAN },
        destination: { service: EX2 },
        sourcePassword: { mode: 'keep', password: JEAN_PASSWORD },
      },
      { adapters: a, copy },
    );
    sandbox().faults.set({ failTasks: [{ function: 'addAlias', times: 1 }] });
    const runner = createMigrationRunner({
      runId: 'jean-aliases',
      adapters: a,
      copy,
      store: createMemoryRunStore(),
      secrets: createMemorySecretStore(),
      pollMs: 30,
    });
    const failed = await runner.start(plan, passwords);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'move_aliases' });
    expect(failed.records.move_aliases?.removed?.length).toBeGreaterThan(0);
    sandbox().faults.clear();

    const rolled = await runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    expect((await a.exchange.listAliases(EX1, JEAN)).sort()).toEqual(aliases);
    expect(await canLogin(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD)).toBe(true);
  });
});
