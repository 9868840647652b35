// Rollback loses no mail at any point (issue 7): mail delivered to the address before the copy
// back, while it runs, between the drain and the reset, and after, ends on the source exactly
// once; a rollback interrupted at each of its steps (closed tab, killed proxy) and resumed loses
// nothing and duplicates nothing. Against the sandbox (API + Dovecot), the real proxy process.
import { describe, expect, it } from 'vitest';
import {
  type CopyClient,
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  type MigrationRunner,
  planMigration,
  type RunState,
  type SecretStore,
} from '../../lib/migration/index.ts';
import type { PlatformAdapter, PlatformKind, ServiceRef } from '../../lib/platforms/index.ts';
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
  testMessage,
  useSandboxProxy,
} from './helpers.ts';

const { sandbox, proxy, restartProxy } = useSandboxProxy();

const ALIAS = 'jdupont@dupont-avocats.test';

const message = (subject: string, to = JEAN) =>
  testMessage(subject, to, `Sent while ${JEAN} was being rolled back.`);

/** Every subject in the mailbox, once per copy. */
const subjects = (host: string, user: string, password: string) =>
  mailboxSubjects(sandbox(), host, user, password);

const count = (list: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const s of list) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
};

/** Calls `hook` once the reverse job (it reads E-mail Pro, writes Exchange) is created. */
function onReverseJob(copy: CopyClient, hook: () => Promise<void>): CopyClient {
  return {
    ...copy,
    async createJob(request, options) {
      const job = await copy.createJob(request, options);
      if (request.source.host === PRO_HOST) await hook();
      return job;
    },
  };
}

type Hook = (method: string, args: unknown[]) => Promise<void> | void;

/** The adapters, with `before`/`after` called around each write of the named platform. */
function hooked(
  base: Record<PlatformKind, PlatformAdapter>,
  kind: PlatformKind,
  hooks: { before?: Hook; after?: Hook },
): Record<PlatformKind, PlatformAdapter> {
  const adapter = base[kind];
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await hooks.before?.(name, args);
      const result = await fn(...args);
      await hooks.after?.(name, args);
      return result;
    };
  return {
    ...base,
    [kind]: {
      ...adapter,
      renameAccount: wrap('renameAccount', adapter.renameAccount),
      resetAccount: wrap('resetAccount', adapter.resetAccount),
      addAlias: wrap('addAlias', adapter.addAlias),
      removeAlias: wrap('removeAlias', adapter.removeAlias),
    },
  };
}

interface Failed {
  state: RunState;
  adapters: Record<PlatformKind, PlatformAdapter>;
  secrets: SecretStore;
  passwords: { destination: string };
  before: Map<string, number>;
}

/** Whose run, to where; `setup` builds the source account when the seed has none that fits. */
interface RunOf {
  runId: string;
  address: string;
  password: string;
  destination: ServiceRef;
  setup?: (adapters: Record<PlatformKind, PlatformAdapter>) => Promise<void>;
}

const JEAN_TO_PRO: RunOf = {
  runId: 'jean',
  address: JEAN,
  password: JEAN_PASSWORD,
  destination: PRO1,
};

/** A run from Exchange (Jean's to E-mail Pro by default), failed at verify. */
async function failedRun(copy: CopyClient, run: RunOf = JEAN_TO_PRO): Promise<Failed> {
  await sandbox().reset();
  const adapters = sandboxAdapters(sandboxClient(sandbox()));
  await run.setup?.(adapters);
  const before = count(await subjects(EX_HOST, run.address, run.password));
  const { plan, passwords } = await planMigration(
    {
      source: { service: EX1, address: run.address },
      destination: { service: run.destination },
      sourcePassword: { mode: 'keep', password: run.password },
    },
    { adapters, copy },
  );
  const secrets = createMemorySecretStore();
  const state = await createMigrationRunner({
    runId: run.runId,
    adapters,
    copy,
    store: createMemoryRunStore(),
    secrets,
    pollMs: 30,
  }).start(plan, passwords);
  expect(state.status).toBe('failed');
  expect(state.error?.step).toBe('verify');
  return { state, secrets, passwords, before, adapters };
}

async function runnerOn(
  state: RunState,
  secrets: SecretStore,
  adapters: Record<PlatformKind, PlatformAdapter>,
  copy: CopyClient,
): Promise<MigrationRunner> {
  const store = createMemoryRunStore();
  await store.save(structuredClone(state));
  return createMigrationRunner({ runId: state.runId, adapters, copy, store, secrets, pollMs: 30 });
}

/** The source as before, plus each delivered message exactly once; the destination slot free. */
async function expectExactlyOnce(t: Failed, delivered: readonly string[]) {
  const after = count(await subjects(EX_HOST, JEAN, JEAN_PASSWORD));
  const expected = new Map(t.before);
  for (const subject of delivered) expected.set(subject, (expected.get(subject) ?? 0) + 1);
  expect(Object.fromEntries(after)).toEqual(Object.fromEntries(expected));
  const adapters = sandboxAdapters(sandboxClient(sandbox()));
  const addresses = (await adapters.email_pro.listAccounts(PRO1)).map((a) => a.address);
  expect(addresses.filter((a) => a.endsWith('@dupont-avocats.test'))).toEqual([]);
  expect((await adapters.exchange.listAliases(EX1, JEAN)).sort()).toEqual([
    'direction@dupont-avocats.test',
    ALIAS,
  ]);
}

describe('mail delivered at each point of a rollback', () => {
  it('ends on the source exactly once: before the copy back, during it, between the drain and the reset, after', async () => {
    const delivered: string[] = [];
    const deliver = async (subject: string, to = JEAN) => {
      const outcome = await sandbox().deliver(to, message(subject, to));
      expect(outcome, subject).toMatchObject({ delivered: true });
      delivered.push(subject);
      return outcome;
    };
    const hooks = {
      onReverseJob: async () => {
        await deliver('during-copy-back');
        await deliver('during-copy-back-alias', ALIAS);
      },
    };
    const t = await failedRun(failForwardVerify(httpCopyClient(proxy().url, proxy().token)));
    // Before the rollback: the destination holds the address.
    expect(await deliver('before-copy-back')).toMatchObject({ host: PRO_HOST });

    let betweenDrainAndReset = false;
    const adapters = hooked(sandboxAdapters(sandboxClient(sandbox())), 'email_pro', {
      before: async (method) => {
        if (method !== 'resetAccount') return;
        betweenDrainAndReset = true;
        await deliver('between-drain-and-reset');
      },
    });
    const copy = onReverseJob(httpCopyClient(proxy().url, proxy().token), hooks.onReverseJob);
    const rolled = await (await runnerOn(t.state, t.secrets, adapters, copy)).rollback();
    expect(rolled.error).toBeUndefined();
    expect(rolled.status).toBe('rolled_back');
    expect(betweenDrainAndReset).toBe(true);
    expect(delivered).toContain('during-copy-back');
    await deliver('after-rollback');
    await expectExactlyOnce(t, delivered);

    // What came back: the one message only the destination held, per folder and in all.
    expect(rolled.rollbackResult?.copiedBack).toMatchObject({
      messages: 1,
      byFolder: [{ from: 'INBOX', to: 'INBOX', messages: 1 }],
    });
    // The run's mail window stays measured after the rollback; the rollback measured its own
    // (the destination renamed away → the source back at the address).
    expect(rolled.mailWindow?.measuredSeconds).toBeGreaterThanOrEqual(0);
    const back = rolled.rollbackResult?.mailWindow;
    expect(back?.measuredSeconds).toBeGreaterThanOrEqual(0);
    expect(back?.from).toBe(rolled.records.configure_destination?.release?.doneAt);
    // What the rollback did, in order.
    expect(rolled.rollbackSteps?.map((s) => [s.id, s.status])).toEqual([
      ['stop_copy', 'done'],
      ['check_copy_back', 'done'],
      ['aliases_back', 'done'],
      ['release_destination', 'done'],
      ['source_back', 'done'],
      ['drain_and_reset', 'done'],
      ['domain_back', 'done'],
    ]);
  });
});

interface InterruptCase {
  name: string;
  /** Which platform's write, and when, stops the rollback (a closed tab). */
  kind: PlatformKind;
  /** `createJob`: the reverse copy job (the drain). */
  method: string;
  /** `during`: shortly after the call is made, while its task (or job) runs. */
  when: 'before' | 'after' | 'during';
  /** Mail arrives while the rollback is stopped there (the address has an owner then). */
  deliverWhileStopped: boolean;
}

const INTERRUPTS: InterruptCase[] = [
  {
    name: 'after the aliases came back to the source',
    kind: 'exchange',
    method: 'addAlias',
    when: 'after',
    deliverWhileStopped: true,
  },
  {
    name: 'while the destination is renamed away from the address',
    kind: 'email_pro',
    method: 'renameAccount',
    when: 'before',
    deliverWhileStopped: false,
  },
  {
    name: 'after the source got its address back',
    kind: 'exchange',
    method: 'renameAccount',
    when: 'after',
    deliverWhileStopped: true,
  },
  {
    name: 'while the drain copies (the tab closed)',
    kind: 'email_pro',
    method: 'createJob',
    when: 'after',
    deliverWhileStopped: true,
  },
  {
    name: 'while the destination is being reset',
    kind: 'email_pro',
    method: 'resetAccount',
    when: 'during',
    deliverWhileStopped: true,
  },
];

describe.each(INTERRUPTS)('a rollback stopped $name', (c) => {
  it('resumed by a new runner: no loss, no duplicate', async () => {
    const t = await failedRun(failForwardVerify(httpCopyClient(proxy().url, proxy().token)));
    const delivered: string[] = [];
    expect(await sandbox().deliver(JEAN, message('before-rollback'))).toMatchObject({
      delivered: true,
      host: PRO_HOST,
    });
    delivered.push('before-rollback');

    const controller = new AbortController();
    let fired = false;
    const stop: Hook = (method) => {
      if (method !== c.method || fired) return;
      fired = true;
      if (c.when === 'during') setTimeout(() => controller.abort(), 40);
      else controller.abort();
    };
    const adapters = hooked(
      sandboxAdapters(sandboxClient(sandbox())),
      c.kind,
      c.when === 'after' ? { after: stop } : { before: stop },
    );
    const http = httpCopyClient(proxy().url, proxy().token);
    const copy =
      c.method === 'createJob' ? onReverseJob(http, async () => stop('createJob', [])) : http;
    const stopped = await (await runnerOn(t.state, t.secrets, adapters, copy)).rollback({
      signal: controller.signal,
    });
    expect(fired).toBe(true);
    expect(stopped.status).toBe('rollback_failed');
    expect(stopped.error?.code).toBe('cancelled');
    // What it did so far is recorded; the step it stopped in is still running.
    expect(stopped.rollbackSteps?.at(-1)?.status).toBe('running');
    await sandbox().idle();
    if (c.deliverWhileStopped) {
      expect(await sandbox().deliver(JEAN, message('while-stopped'))).toMatchObject({
        delivered: true,
      });
      delivered.push('while-stopped');
    }

    // A new tab: another runner on the stored state, same session passwords.
    const plain = sandboxAdapters(sandboxClient(sandbox()));
    const resumed = await (await runnerOn(stopped, t.secrets, plain, copy)).rollback();
    expect(resumed.error).toBeUndefined();
    expect(resumed.status).toBe('rolled_back');
    await expectExactlyOnce(t, delivered);
  });
});

describe('a proxy killed during the drain', () => {
  it('rollback_failed with the destination kept, never deleted; once back, rollback() again finishes exactly', async () => {
    let killed: Promise<void> | undefined;
    const t = await failedRun(failForwardVerify(httpCopyClient(proxy().url, proxy().token)));
    expect((await sandbox().deliver(JEAN, message('before-rollback'))).delivered).toBe(true);
    const copy = onReverseJob(httpCopyClient(proxy().url, proxy().token), async () => {
      killed ??= proxy().kill('SIGKILL');
      await killed;
    });
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const stuck = await (await runnerOn(t.state, t.secrets, adapters, copy)).rollback();
    expect(killed).toBeDefined();
    expect(stuck.status).toBe('rollback_failed');
    expect(stuck.error).toMatchObject({ code: 'rollback_failed', key: 'rollback.proxy_down' });
    expect(stuck.error?.message).toMatch(/the companion proxy does not answer/);
    // The destination account still holds its mail, under its rollback name.
    const kept = stuck.records.configure_destination?.release?.to ?? '';
    expect(kept).toMatch(/^jean\.dupont-rollback@/);
    expect(stuck.error?.params).toMatchObject({ kept });
    expect(await subjects(PRO_HOST, kept, t.passwords.destination)).toContain('before-rollback');
    // The source has its address back meanwhile: new mail reaches it.
    expect(await sandbox().deliver(JEAN, message('while-proxy-down'))).toMatchObject({
      delivered: true,
      host: EX_HOST,
    });

    await restartProxy();
    const again = httpCopyClient(proxy().url, proxy().token);
    const rolled = await (await runnerOn(stuck, t.secrets, adapters, again)).rollback();
    expect(rolled.error).toBeUndefined();
    expect(rolled.status).toBe('rolled_back');
    // The same reverse job, resumed from its checkpoints.
    expect(again.calls.createJob).toBeUndefined();
    await expectExactlyOnce(t, ['before-rollback', 'while-proxy-down']);
  });
});

describe('a rollback whose copy back cannot run', () => {
  it('proxy down from the start, then the passwords gone: rollback_failed each time, the destination untouched (address, aliases, mail)', async () => {
    const t = await failedRun(failForwardVerify(httpCopyClient(proxy().url, proxy().token)));
    expect((await sandbox().deliver(JEAN, message('before-rollback'))).delivered).toBe(true);
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const aliasesBefore = (await adapters.email_pro.listAliases(PRO1, JEAN)).sort();
    const gone = httpCopyClient('http://127.0.0.1:9', proxy().token);
    const stuck = await (await runnerOn(t.state, t.secrets, adapters, gone)).rollback();
    expect(stuck.status).toBe('rollback_failed');
    // The copy job cannot even be looked at: the rollback stops at its first step, saying so.
    expect(stuck.error).toMatchObject({
      code: 'rollback_failed',
      key: 'rollback.copy_job_not_stopped',
    });
    expect(stuck.error?.message).toMatch(/Nothing was reset\. Start the companion proxy/);
    expect(await adapters.email_pro.getAccount(PRO1, JEAN)).toMatchObject({ configured: true });
    expect((await adapters.email_pro.listAliases(PRO1, JEAN)).sort()).toEqual(aliasesBefore);
    expect(await subjects(PRO_HOST, JEAN, t.passwords.destination)).toContain('before-rollback');
    expect(stuck.rollbackSteps?.map((s) => [s.id, s.status])).toEqual([['stop_copy', 'running']]);

    // Passwords gone (a browser restart): passwords_missing, still untouched.
    const noPasswords = await (
      await runnerOn(
        stuck,
        createMemorySecretStore(),
        adapters,
        httpCopyClient(proxy().url, proxy().token),
      )
    ).rollback();
    expect(noPasswords.status).toBe('rollback_failed');
    expect(noPasswords.error).toMatchObject({
      code: 'passwords_missing',
      key: 'rollback.passwords_missing',
    });
    expect(noPasswords.rollbackSteps?.map((s) => [s.id, s.status])).toEqual([
      ['stop_copy', 'done'],
      ['check_copy_back', 'running'],
    ]);
    expect(await adapters.email_pro.getAccount(PRO1, JEAN)).toMatchObject({ configured: true });
    expect((await adapters.email_pro.listAliases(PRO1, JEAN)).sort()).toEqual(aliasesBefore);

    const copy = httpCopyClient(proxy().url, proxy().token);
    const rolled = await (await runnerOn(noPasswords, t.secrets, adapters, copy)).rollback();
    expect(rolled.status).toBe('rolled_back');
    await expectExactlyOnce(t, ['before-rollback']);
  });
});

describe('a legacy MX Plan destination (it cannot rename its accounts)', () => {
  it('drains in place, verified, then a last pass, deletes the account, and gives the source its address back', async () => {
    const LEGACY = { kind: 'mxplan_legacy' as const, service: 'fleuriste-bernard.test' };
    const ADDRESS = 'livraisons@fleuriste-bernard.test';
    const PASSWORD = 'Livr-Sandbox-2025!';
    const {
      state: failed,
      secrets,
      before,
      adapters,
    } = await failedRun(failForwardVerify(httpCopyClient(proxy().url, proxy().token)), {
      runId: 'legacy',
      address: ADDRESS,
      password: PASSWORD,
      destination: LEGACY,
      async setup(adapters) {
        await adapters.exchange.addDomain(EX1, {
          name: 'fleuriste-bernard.test',
          type: 'nonAuthoritative',
          mxRelay: 'mx1.mail.sandbox.test',
        });
        const [slot] = await adapters.exchange.listFreeSlots(EX1);
        await adapters.exchange.configureSlot(EX1, slot?.address ?? '', {
          login: 'livraisons',
          domain: 'fleuriste-bernard.test',
        });
        await adapters.exchange.changePassword(EX1, ADDRESS, PASSWORD);
      },
    });
    expect(await sandbox().deliver(ADDRESS, message('before-rollback', ADDRESS))).toMatchObject({
      delivered: true,
      host: 'ssl0.sandbox.test',
    });

    const runner = await runnerOn(
      failed,
      secrets,
      adapters,
      httpCopyClient(proxy().url, proxy().token),
    );
    const rolled = await runner.rollback();
    expect(rolled.error).toBeUndefined();
    expect(rolled.status).toBe('rolled_back');
    // No rename on the legacy MX Plan: nothing was released; the drain ran twice (the last pass
    // right before the deletion), then the source took its address back.
    expect(rolled.records.configure_destination?.release).toBeUndefined();
    expect(rolled.records.configure_destination?.copyBack?.againFrom).toBeGreaterThan(0);
    expect(rolled.rollbackResult?.copiedBack?.messages).toBe(1);
    // In the order it took them: nothing released, the source back only after the deletion.
    expect(rolled.rollbackSteps?.map((x) => [x.id, x.status])).toEqual([
      ['stop_copy', 'done'],
      ['check_copy_back', 'done'],
      ['aliases_back', 'done'],
      ['release_destination', 'skipped'],
      ['drain_and_reset', 'done'],
      ['source_back', 'done'],
      ['domain_back', 'done'],
    ]);
    expect(rolled.rollbackResult?.mailWindow).toBeUndefined();
    expect(await sandbox().deliver(ADDRESS, message('after-rollback', ADDRESS))).toMatchObject({
      delivered: true,
      host: EX_HOST,
    });
    const after = count(await subjects(EX_HOST, ADDRESS, PASSWORD));
    expect(Object.fromEntries(after)).toEqual(
      Object.fromEntries([...before, ['before-rollback', 1], ['after-rollback', 1]]),
    );
    await expect(adapters.mxplan_legacy.getAccount(LEGACY, ADDRESS)).rejects.toBeDefined();
  });
});
