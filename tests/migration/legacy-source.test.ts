// Legacy MX Plan as a source (reference §5): OVHcloud's automatic, irreversible move of the account
// into a free E-mail Pro slot. A shorter route: checkMigrate, the move, a check, the report; the
// run needs confirmIrreversible, and there is no rollback.

import { describe, expect, it } from 'vitest';
import {
  type CopyClient,
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  isMigrationError,
  type PlanInput,
  planMigration,
} from '../../lib/migration/index.ts';
import type { ServiceRef } from '../../lib/platforms/index.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { canLogin, sandboxAdapters, sandboxClient } from '../platforms/helpers.ts';
import { api, useSandbox } from '../sandbox/helpers.ts';
import { SANDBOX_HOSTS } from '../sandbox/index.ts';
import { PRO1, snapshotEndpoint } from './helpers.ts';

const sandbox = useSandbox({ newAddressDelayMs: 100, taskStepMs: 30 });

const LEGACY: ServiceRef = { kind: 'mxplan_legacy', service: 'fleuriste-bernard.test' };
const BERNARD = 'bernard@fleuriste-bernard.test';
const BERNARD_PASSWORD = 'Bb-Sandbox-2025';
const INPUT: PlanInput = {
  source: { service: LEGACY, address: BERNARD },
  destination: { service: PRO1 },
  sourcePassword: { mode: 'keep' },
};

/** This route never reaches the proxy. */
const noProxy = new Proxy(
  {},
  { get: () => () => Promise.reject(new Error('no proxy on this route')) },
) as CopyClient;

async function setup() {
  await sandbox().reset();
  const adapters = sandboxAdapters(sandboxClient(sandbox()));
  const { plan, passwords } = await planMigration(INPUT, { adapters, copy: noProxy });
  const store = createMemoryRunStore();
  const runner = createMigrationRunner({
    runId: 'legacy',
    adapters,
    copy: noProxy,
    store,
    secrets: createMemorySecretStore(),
    pollMs: 30,
  });
  return { adapters, plan, passwords, runner };
}

function legacyEndpoint() {
  return snapshotEndpoint(sandbox(), SANDBOX_HOSTS.mxplan, BERNARD, BERNARD_PASSWORD);
}

describe('legacy MX Plan → E-mail Pro: OVHcloud’s move', () => {
  it('plans the short route: checkMigrate passes, a warning that it is irreversible', async () => {
    const { plan } = await setup();
    expect(plan.route).toBe('legacy_move');
    expect(plan.runnable).toBe(true);
    expect(plan.steps.map((s) => s.id)).toEqual(['legacy_move', 'verify', 'report']);
    expect(plan.destination.slot).toMatch(/@configureme\.me$/);
    const legacy = plan.checks.filter((c) => c.id === 'legacy_move');
    expect(legacy.map((c) => [c.key, c.status])).toEqual([
      ['preflight.legacy_move.ok', 'pass'],
      ['preflight.legacy_move.irreversible', 'warn'],
    ]);
    expect(legacy[1]?.message).toMatch(/^Irreversible: the source account is removed/);
  });

  it('not confirmed: refused in plain words, nothing changed', async () => {
    const { adapters, plan, passwords, runner } = await setup();
    const error = await runner.start(plan, passwords).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMigrationError(error) && error.code).toBe('not_confirmed');
    expect((error as Error).message).toMatch(/cannot be undone.*confirmIrreversible: true/);
    expect(await runner.state()).toBeUndefined();
    expect((await adapters.mxplan_legacy.getAccount(LEGACY, BERNARD)).address).toBe(BERNARD);
    expect((await adapters.email_pro.getAccount(PRO1, plan.destination.slot ?? '')).freeSlot).toBe(
      true,
    );
    expect(await canLogin(sandbox(), SANDBOX_HOSTS.mxplan, BERNARD, BERNARD_PASSWORD)).toBe(true);
  });

  it('confirmed: the address lives on E-mail Pro with its mail, the legacy account is gone', async () => {
    const { adapters, plan, passwords, runner } = await setup();
    const before = await snapshotMailbox(legacyEndpoint());
    expect(before.messageCount).toBeGreaterThan(0);

    const state = await runner.start(plan, passwords, { confirmIrreversible: true });
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('completed');
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['legacy_move', 'done'],
      ['verify', 'done'],
      ['report', 'done'],
    ]);
    expect(state.report?.tasks.legacy_move?.length).toBe(1);
    expect(state.report?.manual.join(' ')).toMatch(/cannot be undone/);

    const after = await snapshotMailbox(
      snapshotEndpoint(sandbox(), SANDBOX_HOSTS.emailpro, BERNARD, passwords.destination),
    );
    expect(compareSnapshots(before, after)).toEqual([]);
    expect(await adapters.email_pro.getAccount(PRO1, BERNARD)).toMatchObject({
      configured: true,
      freeSlot: false,
    });
    expect(
      (await api(sandbox(), 'GET', '/email/domain/fleuriste-bernard.test/account/bernard')).status,
    ).toBe(404);
    expect(await canLogin(sandbox(), SANDBOX_HOSTS.mxplan, BERNARD, BERNARD_PASSWORD)).toBe(false);

    // No rollback on this route, and it says why.
    const error = await runner.rollback().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMigrationError(error) && error.code).toBe('invalid_state');
  });

  it('a failed run says plainly that there is no rollback', async () => {
    const { plan, passwords, runner } = await setup();
    sandbox().faults.set({ failTasks: [{ function: 'migration', times: 1 }] });
    const state = await runner.start(plan, passwords, { confirmIrreversible: true });
    expect(state.status).toBe('failed');
    expect(state.error).toMatchObject({ code: 'legacy_move_failed', step: 'legacy_move' });
    expect(state.error?.message).toMatch(/is not on emailpro-ab12345-1/);
    const error = await runner.rollback().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMigrationError(error) && error.code).toBe('invalid_state');
    expect((error as Error).message).toMatch(/^There is no rollback for OVHcloud's move/);
  });

  it('a refused check is reported in plain words, and the plan cannot run', async () => {
    await sandbox().reset();
    // OVHcloud refuses the move while a change is pending on the account: start one that lasts.
    sandbox().faults.set({ taskStepMs: 60_000 });
    const pending = await api(
      sandbox(),
      'POST',
      '/email/domain/fleuriste-bernard.test/account/bernard/changePassword',
      { password: 'Bb-Sandbox-2026' },
    );
    expect(pending.status).toBe(200);
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const { plan, passwords } = await planMigration(INPUT, { adapters, copy: noProxy });
    expect(plan.runnable).toBe(false);
    const check = plan.checks.find((c) => c.key.startsWith('preflight.legacy_move.refused'));
    expect(check).toMatchObject({ status: 'fail' });
    expect(check?.message).toBe(
      `OVHcloud refuses to move ${BERNARD} into ${plan.destination.slot} of emailpro-ab12345-1: A task is pending on this account (ACCOUNT_INPROGRESS).`,
    );
    const runner = createMigrationRunner({
      runId: 'refused',
      adapters,
      copy: noProxy,
      store: createMemoryRunStore(),
      secrets: createMemorySecretStore(),
      pollMs: 30,
    });
    const error = await runner.start(plan, passwords, { confirmIrreversible: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMigrationError(error) && error.code).toBe('preflight_failed');
    sandbox().faults.clear();
    await sandbox().reset();
  });
});
