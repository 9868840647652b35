import { describe, expect, it } from 'vitest';
import {
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  formatReport,
  planMigration,
  type RunEvent,
} from '../../lib/migration/index.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { EX_HOST, PRO_HOST } from '../fixtures/sandbox-hosts.ts';
import { canLogin, sandboxAdapters, sandboxClient } from '../platforms/helpers.ts';
import {
  EX1,
  httpCopyClient,
  JEAN,
  JEAN_PASSWORD,
  PRO1,
  snapshotEndpoint,
  useSandboxProxy,
} from './helpers.ts';

const { sandbox, proxy } = useSandboxProxy();

const PROVISIONAL = 'jean.dupont01@dupont-avocats.test';

describe('Exchange → E-mail Pro, end to end', () => {
  it('moves jean.dupont@ to E-mail Pro: same mailbox, source renamed and intact, domain shared, aliases recreated', async () => {
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
    expect(plan.runnable).toBe(true);

    const store = createMemoryRunStore();
    const events: RunEvent[] = [];
    const runner = createMigrationRunner({
      runId: 'jean',
      adapters,
      copy,
      store,
      secrets: createMemorySecretStore(),
      pollMs: 40,
      onEvent: (event) => events.push(event),
    });
    const state = await runner.start(plan, passwords);
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('completed');
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['ensure_domain', 'done'],
      ['rename_source', 'done'],
      ['configure_destination', 'done'],
      ['move_aliases', 'done'],
      ['copy_content', 'done'],
      ['final_pass', 'done'],
      ['verify', 'done'],
      ['report', 'done'],
    ]);
    expect(events.some((e) => e.type === 'copy' && e.job.totals.messagesDone > 0)).toBe(true);

    // The destination holds exactly the source's mail, at the original address.
    const destination = await snapshotMailbox(
      snapshotEndpoint(sandbox(), PRO_HOST, JEAN, passwords.destination),
    );
    expect(compareSnapshots(before, destination)).toEqual([]);
    // The source is renamed, still has its mail, and the original address no longer logs in there.
    const renamed = await snapshotMailbox(
      snapshotEndpoint(sandbox(), EX_HOST, PROVISIONAL, JEAN_PASSWORD),
    );
    expect(compareSnapshots(before, renamed)).toEqual([]);
    expect(await canLogin(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD)).toBe(false);

    // The guide's end state on the API.
    expect((await adapters.exchange.getAccount(EX1, PROVISIONAL)).state).toBe('ok');
    const account = await adapters.email_pro.getAccount(PRO1, JEAN);
    expect(account).toMatchObject({ configured: true, freeSlot: false });
    for (const [adapter, ref] of [
      [adapters.exchange, EX1],
      [adapters.email_pro, PRO1],
    ] as const) {
      expect(await adapter.getDomain(ref, 'dupont-avocats.test')).toMatchObject({
        type: 'nonAuthoritative',
        mxRelay: 'mx1.mail.sandbox.test',
        state: 'ok',
      });
    }
    expect((await adapters.email_pro.listAliases(PRO1, JEAN)).sort()).toEqual([
      'direction@dupont-avocats.test',
      'jdupont@dupont-avocats.test',
    ]);

    // The report: task ids, per-folder figures, what is left to do.
    const report = state.report;
    if (!report) throw new Error('no report');
    expect(report.tasks.configure_destination?.length).toBeGreaterThan(0);
    // Two aliases, each taken off the source and added to the destination.
    expect(report.tasks.move_aliases).toHaveLength(4);
    expect(report.copy?.folders.length).toBeGreaterThan(0);
    expect(report.copy?.folders.every((f) => f.match)).toBe(true);
    expect(report.copy?.totals?.messagesDone).toBe(before.messageCount);
    expect(report.aliasesAdded.sort()).toEqual([
      'direction@dupont-avocats.test',
      'jdupont@dupont-avocats.test',
    ]);
    expect(formatReport(report)).toContain(`IMAP server ${PRO_HOST}`);
    // Passwords never reach the persisted state (they live in the session's secret store).
    const persisted = JSON.stringify(store.snapshot('jean'));
    expect(persisted).not.toContain(JEAN_PASSWORD);
    expect(persisted).not.toContain(passwords.destination);
  });

  it('with a new password on the renamed source, then the optional reset of that source', async () => {
    const marie = 'marie.martin@dupont-avocats.test';
    const oldPassword = 'Mm-Sandbox-2025!';
    const before = await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, marie, oldPassword));
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const copy = httpCopyClient(proxy().url, proxy().token);
    const { plan, passwords } = await planMigration(
      {
        source: { service: EX1, address: marie },
        destination: { service: PRO1 },
        sourcePassword: { mode: 'set' },
      },
      { adapters, copy },
    );
    expect(plan.steps.map((s) => s.id)).toContain('set_source_password');
    const newSourcePassword = passwords.source;
    if (!newSourcePassword) throw new Error('no generated source password');
    const runner = createMigrationRunner({
      runId: 'marie',
      adapters,
      copy,
      store: createMemoryRunStore(),
      secrets: createMemorySecretStore(),
      pollMs: 40,
    });
    const state = await runner.start(plan, passwords);
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('completed');
    // The domain was already shared (jean's run): nothing to do for it this time.
    expect(state.steps.find((s) => s.id === 'ensure_domain')?.status).toBe('skipped');
    const provisional = 'marie.martin01@dupont-avocats.test';
    expect(await canLogin(sandbox(), EX_HOST, provisional, newSourcePassword)).toBe(true);
    expect(await canLogin(sandbox(), EX_HOST, provisional, oldPassword)).toBe(false);
    const destination = await snapshotMailbox(
      snapshotEndpoint(sandbox(), PRO_HOST, marie, passwords.destination),
    );
    expect(compareSnapshots(before, destination)).toEqual([]);
    expect(state.report?.dns?.expectedMx.length).toBeGreaterThan(0);

    // The optional last step: only with a confirmation; it frees the source slot.
    await expect(runner.resetSource({ confirm: false })).rejects.toMatchObject({
      code: 'invalid_state',
    });
    const slots = (await adapters.exchange.listFreeSlots(EX1)).length;
    // The last pass before the reset logs in with the run's passwords (kept for the session).
    const reset = await runner.resetSource({ confirm: true });
    expect(reset.sourceReset?.taskIds.length).toBeGreaterThan(0);
    expect(reset.report?.sourceReset?.taskIds.length).toBeGreaterThan(0);
    expect((await adapters.exchange.listFreeSlots(EX1)).length).toBe(slots + 1);
    expect(await canLogin(sandbox(), EX_HOST, provisional, newSourcePassword)).toBe(false);
    // The destination keeps its mail.
    const after = await snapshotMailbox(
      snapshotEndpoint(sandbox(), PRO_HOST, marie, passwords.destination),
    );
    expect(compareSnapshots(before, after)).toEqual([]);
  });
});
