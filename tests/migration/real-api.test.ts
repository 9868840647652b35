// The runner against the real API's habits (issue 7): tasks that take minutes (time-scaled) and
// fail in their own words, answers lost after the change went through, one owner per address
// across platforms, a usage figure with no documented unit, passwords each platform refuses, a
// store that fails a write. Against the sandbox, the real proxy process and Dovecot.
import { describe, expect, it } from 'vitest';
import {
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  type PlanInput,
  planMigration,
  type RunEvent,
  type RunState,
  type RunStore,
} from '../../lib/migration/index.ts';
import { createAdapters } from '../../lib/platforms/index.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { EX_HOST, PRO_HOST } from '../fixtures/sandbox-hosts.ts';
import { sandboxClient } from '../platforms/helpers.ts';
import { api } from '../sandbox/helpers.ts';
import {
  EX1,
  httpCopyClient,
  JEAN,
  JEAN_PASSWORD,
  MXPLAN,
  PRO1,
  snapshotEndpoint,
  useSandboxProxy,
} from './helpers.ts';

const { sandbox, proxy } = useSandboxProxy();

const PROVISIONAL = 'jean.dupont01@dupont-avocats.test';
const EX_ACCOUNT =
  'PUT /email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}';
const JEAN_TO_PRO: PlanInput = {
  source: { service: EX1, address: JEAN },
  destination: { service: PRO1 },
  sourcePassword: { mode: 'keep', password: JEAN_PASSWORD },
};

/** A realistic patience (20 minutes): a failed task must show at once, not by giving up. */
function patientAdapters() {
  return createAdapters(sandboxClient(sandbox()), {
    polling: {
      firstMs: 20,
      factor: 1.5,
      maxMs: 150,
      patienceMs: 1_200_000,
      newAddressPatienceMs: 10_000,
    },
    legacyMxPlanImapHost: 'ssl0.sandbox.test',
  });
}

async function run(
  input: PlanInput,
  options: { store?: RunStore; onEvent?: (event: RunEvent) => void; runId?: string } = {},
) {
  const adapters = patientAdapters();
  const copy = httpCopyClient(proxy().url, proxy().token);
  const { plan, passwords } = await planMigration(input, { adapters, copy });
  const runner = createMigrationRunner({
    runId: options.runId ?? 'jean',
    adapters,
    copy,
    store: options.store ?? createMemoryRunStore(),
    secrets: createMemorySecretStore(),
    pollMs: 30,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  return { adapters, copy, plan, passwords, runner };
}

describe('aliases move with the address, across platforms', () => {
  it('Exchange → E-mail Pro: only on the destination after the run, and alias mail reaches it', async () => {
    await sandbox().reset();
    const t = await run(JEAN_TO_PRO);
    const state = await t.runner.start(t.plan, t.passwords);
    expect(state.status).toBe('completed');
    const aliases = ['direction@dupont-avocats.test', 'jdupont@dupont-avocats.test'];
    expect((await t.adapters.email_pro.listAliases(PRO1, JEAN)).sort()).toEqual(aliases);
    expect(await t.adapters.exchange.listAliases(EX1, PROVISIONAL)).toEqual([]);
    // Moved right after the destination had the address, before the copy and its final pass.
    const order = state.steps.map((s) => s.id);
    expect(order.indexOf('move_aliases')).toBe(order.indexOf('configure_destination') + 1);
    expect(order.indexOf('move_aliases')).toBeLessThan(order.indexOf('final_pass'));

    const sent = await sandbox().deliver(
      'jdupont@dupont-avocats.test',
      'From: a@example.test\r\nSubject: for-the-alias\r\nMessage-ID: <alias@example.test>\r\n\r\nHi\r\n',
    );
    expect(sent).toEqual({ delivered: true, host: PRO_HOST, mailbox: JEAN, via: 'alias' });
  });
});

describe('the mailbox size, measured over IMAP', () => {
  it.each(['MB', 'KB'] as const)(
    'currentUsage in %s: the plan decides from the IMAP size, and infers the unit',
    async (unit) => {
      await sandbox().reset();
      sandbox().faults.set({ usageUnit: unit });
      const adapters = patientAdapters();
      const copy = httpCopyClient(proxy().url, proxy().token);
      // A 1 GB limit: Jean's 2.5 MB fit, whichever way the API counts them.
      const { plan } = await planMigration(
        { ...JEAN_TO_PRO, destination: { service: MXPLAN } },
        { adapters, copy, options: { limits: { mxplan: 1024 ** 3 } } },
      );
      const size = plan.checks.find((c) => c.id === 'size');
      expect(size).toMatchObject({ status: 'pass', key: 'preflight.size.ok' });
      expect(plan.source.size).toMatchObject({ basis: 'imap', apiUnit: unit });
      const before = await snapshotMailbox(
        snapshotEndpoint(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD),
      );
      expect(plan.source.size.bytes).toBe(before.totalBytes);
    },
  );

  it('without the proxy, the API figure alone only warns (even over the limit)', async () => {
    await sandbox().reset();
    sandbox().faults.set({ usageUnit: 'KB' });
    const { plan } = await planMigration(
      { ...JEAN_TO_PRO, destination: { service: MXPLAN } },
      {
        adapters: patientAdapters(),
        copy: httpCopyClient('http://127.0.0.1:9', 'none'),
        options: { limits: { mxplan: 1024 ** 3 } },
      },
    );
    // ~2500 "units": read as MB, 2.4 GB, over the limit; but unmeasured, it cannot refuse.
    expect(plan.checks.find((c) => c.id === 'size')).toMatchObject({
      status: 'warn',
      key: 'preflight.size.estimate_over',
    });
  });
});

describe('OVHcloud tasks', () => {
  it('a slot configuration task in error fails the step at once, in its words; the state said what it waited for', async () => {
    await sandbox().reset();
    const waits: NonNullable<RunState['steps'][number]['waiting']>[] = [];
    const t = await run(JEAN_TO_PRO, {
      onEvent: (event) => {
        if (event.type !== 'state') return;
        for (const step of event.state.steps) if (step.waiting) waits.push({ ...step.waiting });
      },
    });
    // Realistic durations, scaled: the waits are minutes of OVHcloud time.
    sandbox().faults.set({
      taskTimeScale: 0.0005,
      failTasks: [{ function: 'setAccount', target: '*@configureme.me' }],
    });
    const state = await t.runner.start(t.plan, t.passwords);
    expect(state.status).toBe('failed');
    expect(state.error).toMatchObject({
      code: 'destination_failed',
      step: 'configure_destination',
      causeCode: 'task_failed',
    });
    expect(state.error?.message).toMatch(/^The setAccount task \d+ failed at OvhCloud\.$/);
    // While it waited, the state named the task and since when.
    const slotWait = waits.find((w) => w.taskFunction === 'setAccount');
    expect(slotWait?.taskId).toBeGreaterThan(0);
    expect(Date.parse(slotWait?.since ?? '')).not.toBeNaN();
    // …and its status at each look (todo, then doing).
    expect(waits.filter((w) => w.taskId === slotWait?.taskId).map((w) => w.status)).toContain(
      'doing',
    );
    // The window opened (the rename landed) but never closed: measured as far as it got.
    expect(state.mailWindow?.from).toBeDefined();
    expect(state.mailWindow?.measuredSeconds).toBeUndefined();
  });

  it('a rename whose answer was lost (applied all the same): the run completes, the PUT sent once', async () => {
    await sandbox().reset();
    const t = await run(JEAN_TO_PRO);
    sandbox().faults.set({
      lostAnswers: [
        { method: 'PUT', path: `/email/exchange/*/service/*/account/${JEAN}`, times: 1 },
      ],
    });
    sandbox().resetStats();
    const state = await t.runner.start(t.plan, t.passwords);
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('completed');
    // One rename PUT: read back, its task found and followed, not sent again.
    expect(sandbox().stats().byRoute[EX_ACCOUNT]).toBe(1);
    expect((await t.adapters.exchange.getAccount(EX1, PROVISIONAL)).address).toBe(PROVISIONAL);
  });
});

describe('passwords', () => {
  it('one E-mail Pro would refuse is refused at plan time, before anything changes', async () => {
    await sandbox().reset();
    for (const [password, problem] of [
      ['Xy-Jean-2025!ok', /must not contain the account's name \(jean\)/],
      ['Ab1!'.repeat(8), /at most 30 characters/],
    ] as const) {
      // The sandbox refuses it too (its own copy of the policy).
      const refused = await api(
        sandbox(),
        'POST',
        '/email/pro/emailpro-ab12345-1/account/claire@boulangerie-petit.test/changePassword',
        { password: password.replace('Jean', 'Claire') },
      );
      expect(refused.status).toBe(400);
      const t = await run({ ...JEAN_TO_PRO, destinationPassword: password });
      const check = t.plan.checks.find((c) => c.id === 'passwords');
      expect(check).toMatchObject({
        status: 'fail',
        key: 'preflight.passwords.destination_policy',
      });
      expect(check?.message).toMatch(problem);
      await expect(t.runner.start(t.plan, t.passwords)).rejects.toMatchObject({
        code: 'preflight_failed',
      });
      expect((await t.adapters.exchange.getAccount(EX1, JEAN)).address).toBe(JEAN);
    }
  });
});

describe('the run store', () => {
  it('one failed write (storage full) stops the run; the same runner resumes it to the end', async () => {
    await sandbox().reset();
    const before = await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD));
    const memory = createMemoryRunStore();
    let failing = 0;
    const store: RunStore = {
      load: (id) => memory.load(id),
      async save(state) {
        if (failing > 0) {
          failing -= 1;
          throw new Error('QuotaExceededError: the storage quota has been exceeded');
        }
        await memory.save(state);
      },
    };
    const t = await run(JEAN_TO_PRO);
    const runner = createMigrationRunner({
      runId: 'jean',
      adapters: t.adapters,
      copy: t.copy,
      store,
      secrets: createMemorySecretStore(),
      pollMs: 30,
      storeRetryMs: 1,
      onEvent: (event) => {
        // Right after the rename: more failures in a row than the writer's retries.
        if (event.type === 'step' && event.step === 'rename_source' && event.status === 'done') {
          failing = 5;
        }
      },
    });
    const stopped = await runner.start(t.plan, t.passwords).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(stopped).toMatchObject({ name: 'MigrationError', code: 'store_failed' });
    expect(failing).toBe(0);
    // The same instance works again: it reads the last stored state and carries on.
    const done = await runner.resume();
    expect(done.error).toBeUndefined();
    expect(done.status).toBe('completed');
    expect((await memory.load('jean'))?.status).toBe('completed');
    const destination = await snapshotMailbox(
      snapshotEndpoint(sandbox(), PRO_HOST, JEAN, t.passwords.destination),
    );
    expect(compareSnapshots(before, destination)).toEqual([]);
  });
});

describe('planning economy and the mail window', () => {
  it('plans with GETs on the addresses it needs, never a full listing; states the window, the report measures it', async () => {
    await sandbox().reset();
    sandbox().resetStats();
    const t = await run(JEAN_TO_PRO);
    const routes = sandbox().stats().byRoute;
    // No listing of the source service; the destination's free slots only (a like-filter).
    expect(
      routes['GET /email/exchange/{organizationName}/service/{exchangeService}/account'],
    ).toBeUndefined();
    expect(routes['GET /email/pro/{service}/account']).toBe(1);
    expect(t.plan.mailWindow.expectedSeconds).toBeGreaterThan(0);
    const rename = t.plan.steps.find((s) => s.id === 'rename_source');
    expect(rename?.params.minutes).toBe(Math.ceil(t.plan.mailWindow.expectedSeconds / 60));
    expect(rename?.description).toMatch(/relayed rather than delivered: about \d+ min/);

    const state = await t.runner.start(t.plan, t.passwords);
    const window = state.report?.mailWindow;
    expect(window?.expectedSeconds).toBe(t.plan.mailWindow.expectedSeconds);
    expect(window?.measuredSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(window?.to ?? '')).toBeGreaterThanOrEqual(Date.parse(window?.from ?? ''));
    // The run state carries the same measure (the panel reads it before any report exists).
    expect(state.mailWindow).toEqual(window);
  });
});
