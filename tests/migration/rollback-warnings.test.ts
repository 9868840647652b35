// What a rollback cannot put back, left to the person: each of lib/migration's ROLLBACK_WARNINGS
// reached by a real run against the sandbox, and what `state.rollbackWarnings` holds for it (the
// key the panel translates, its params, the English kept for logs).

import { describe, expect, it } from 'vitest';
import {
  type CopyClient,
  CopyClientError,
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  type PlanInput,
  planMigration,
  ROLLBACK_WARNINGS,
  type RunEvent,
  type RunState,
} from '../../lib/migration/index.ts';
import type { PlatformAdapter, ServiceRef } from '../../lib/platforms/index.ts';
import { EX_HOST } from '../fixtures/sandbox-hosts.ts';
import { canLogin, sandboxAdapters, sandboxClient } from '../platforms/helpers.ts';
import type { FaultsPatch } from '../sandbox/index.ts';
import {
  EX1,
  httpCopyClient,
  JEAN,
  JEAN_PASSWORD,
  MXPLAN,
  PRO1,
  useSandboxProxy,
} from './helpers.ts';

const { sandbox, proxy } = useSandboxProxy();

const DOMAIN = 'dupont-avocats.test';
type Adapters = ReturnType<typeof sandboxAdapters>;

interface RunSetup {
  source?: ServiceRef;
  destination?: ServiceRef;
  address?: string;
  sourcePassword?: PlanInput['sourcePassword'];
  /** Faults while the run goes forward (cleared before the rollback). */
  faults?: FaultsPatch;
  wrapCopy?: (copy: CopyClient) => CopyClient;
  /** Builds what the seed lacks, before planning. */
  setup?: (adapters: Adapters) => Promise<void>;
  onEvent?: (event: RunEvent, abort: () => void) => void;
}

/** A run that stopped (a fault or an abort), on a store a rollback then reads. */
async function stoppedRun(s: RunSetup) {
  await sandbox().reset();
  const adapters = sandboxAdapters(sandboxClient(sandbox()));
  await s.setup?.(adapters);
  const copy = (s.wrapCopy ?? ((c) => c))(httpCopyClient(proxy().url, proxy().token));
  const { plan, passwords } = await planMigration(
    {
      source: { service: s.source ?? EX1, address: s.address ?? JEAN },
      destination: { service: s.destination ?? PRO1 },
      sourcePassword: s.sourcePassword ?? { mode: 'keep', password: JEAN_PASSWORD },
    },
    { adapters, copy },
  );
  sandbox().faults.set(s.faults ?? {});
  const store = createMemoryRunStore();
  const controller = new AbortController();
  const runner = createMigrationRunner({
    runId: 'warnings',
    adapters,
    copy,
    store,
    secrets: createMemorySecretStore(),
    pollMs: 30,
    ...(s.onEvent ? { onEvent: (event) => s.onEvent?.(event, () => controller.abort()) } : {}),
  });
  const state = await runner.start(plan, passwords, { signal: controller.signal });
  sandbox().faults.clear();
  await sandbox().idle();
  return { adapters, runner, store, state, plan, passwords };
}

/** The warnings as the panel reads them: key and params (the English is checked once below). */
const keyed = (state: RunState) =>
  (state.rollbackWarnings ?? []).map((w) =>
    typeof w === 'string' ? w : { key: w.key, params: w.params },
  );

describe('a rollback says what it could not put back, as keys with params', () => {
  it('the source kept the new password the run set: password_changed', async () => {
    const t = await stoppedRun({
      sourcePassword: { mode: 'set' },
      // The final pass is refused, after set_source_password is done.
      wrapCopy: (copy) => ({
        ...copy,
        resumeJob: async () => {
          throw new CopyClientError('auth_failed', 'The source server refused the password.');
        },
      }),
    });
    expect(t.state.status).toBe('failed');
    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    expect(keyed(rolled)).toEqual([
      { key: 'rollback.warning.password_changed', params: { address: JEAN } },
    ]);
    // The English stays beside the key, for logs and reports.
    expect(rolled.rollbackWarnings).toEqual([
      {
        key: ROLLBACK_WARNINGS.password_changed.key,
        params: { address: JEAN },
        text: `The source password was changed by this run; the new one stays on ${JEAN}: use it from now on.`,
      },
    ]);
    expect(await canLogin(sandbox(), EX_HOST, JEAN, t.passwords.source ?? '')).toBe(true);
  });

  it('stopped while the new source password was being set: password_maybe_changed, then password_for_copy_back', async () => {
    const t = await stoppedRun({
      sourcePassword: { mode: 'set' },
      onEvent: (event, abort) => {
        // The password's task (only it: the others at the sandbox's usual pace) stays pending
        // while the run is stopped.
        if (event.type === 'step' && event.step === 'set_source_password') {
          sandbox().faults.set({ taskStepMs: 2_000 });
        }
        const rec = event.type === 'state' ? event.state.records.set_source_password : undefined;
        if (rec?.sent && !rec.set) abort();
      },
    });
    expect(t.state.status).toBe('paused');
    expect(t.state.records.set_source_password).toMatchObject({ sent: true });
    expect(t.state.records.set_source_password?.set).toBeUndefined();
    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    // Not knowing whether it was set, the rollback sets it to copy back, and says both.
    expect(keyed(rolled)).toEqual([
      { key: 'rollback.warning.password_maybe_changed', params: { address: JEAN } },
      { key: 'rollback.warning.password_for_copy_back', params: { address: JEAN } },
    ]);
    expect(await canLogin(sandbox(), EX_HOST, JEAN, t.passwords.source ?? '')).toBe(true);
  });

  it('the destination refuses to give the domain up: domain_not_removed, then source_not_authoritative', async () => {
    const t = await stoppedRun({ faults: { failTasks: [{ function: 'changePassword' }] } });
    expect(t.state.status).toBe('failed');
    sandbox().faults.set({ failTasks: [{ function: 'deleteDomain' }] });
    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    // The source cannot be authoritative while the destination holds the domain: both are said.
    expect(keyed(rolled)).toEqual([
      {
        key: 'rollback.warning.domain_not_removed',
        params: { domain: DOMAIN, service: PRO1.service },
      },
      {
        key: 'rollback.warning.source_not_authoritative',
        params: { domain: DOMAIN, service: EX1.service, destination: PRO1.service },
      },
    ]);
    expect(await t.adapters.email_pro.getDomain(PRO1, DOMAIN)).toBeDefined();
    expect(await canLogin(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD)).toBe(true);
  });

  it('the source’s domain cannot be switched back: source_not_authoritative', async () => {
    const t = await stoppedRun({ faults: { failTasks: [{ function: 'changePassword' }] } });
    expect(t.state.status).toBe('failed');
    sandbox().faults.set({ failTasks: [{ function: 'setDomain', target: DOMAIN }] });
    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    expect(keyed(rolled)).toEqual([
      {
        key: 'rollback.warning.source_not_authoritative',
        params: { domain: DOMAIN, service: EX1.service, destination: PRO1.service },
      },
    ]);
    expect(await t.adapters.exchange.getDomain(EX1, DOMAIN)).toMatchObject({
      type: 'nonAuthoritative',
    });
  });

  it('an MX Plan destination keeps its own domain: domain_still_there, destination_not_authoritative', async () => {
    const MX_DOMAIN = 'cabinet-leroy.test';
    const MARTIN = 'martin@cabinet-leroy.test';
    const t = await stoppedRun({
      source: PRO1,
      destination: MXPLAN,
      address: MARTIN,
      sourcePassword: { mode: 'keep', password: 'Mn-Sandbox-2025!' },
      // Martin on E-mail Pro, in MX Plan's domain, both platforms non-authoritative.
      setup: async (adapters) => {
        const relay = { type: 'nonAuthoritative', mxRelay: 'mx1.mail.sandbox.test' } as const;
        await adapters.mxplan.changeDomain(MXPLAN, MX_DOMAIN, relay);
        const pro: PlatformAdapter = adapters.email_pro;
        await pro.addDomain(PRO1, { name: MX_DOMAIN, ...relay });
        const [slot] = await pro.listFreeSlots(PRO1);
        if (!slot) throw new Error('no free slot');
        const address = await pro.configureSlot(PRO1, slot.address, {
          login: 'martin',
          domain: MX_DOMAIN,
          displayName: 'Martin',
        });
        await pro.changePassword(PRO1, address, 'Mn-Sandbox-2025!');
      },
      faults: { failTasks: [{ function: 'changePassword', target: MARTIN }] },
    });
    expect(t.state.status).toBe('failed');
    // What a run records when MX Plan's own domain was authoritative before it (switched by
    // ensure_domain), and when the domain was added to it (as a first-version run could record).
    // Neither can be put back here: MX Plan cannot remove its own domain, and OVHcloud refuses
    // it authoritative while E-mail Pro still holds the domain.
    const stored = await t.store.load('warnings');
    if (!stored) throw new Error('no stored run');
    stored.records.ensure_domain = {
      ...stored.records.ensure_domain,
      destinationAdded: true,
      destinationBefore: { type: 'authoritative' },
      destinationSent: true,
    };
    await t.store.save(stored);
    const rolled = await t.runner.rollback();
    expect(rolled.status).toBe('rolled_back');
    expect(keyed(rolled)).toEqual([
      {
        key: 'rollback.warning.domain_still_there',
        params: { domain: MX_DOMAIN, service: MXPLAN.service },
      },
      {
        key: 'rollback.warning.destination_not_authoritative',
        params: { domain: MX_DOMAIN, service: MXPLAN.service },
      },
    ]);
  });
});
