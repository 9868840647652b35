import { describe, expect, it } from 'vitest';
import {
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  type PlanInput,
  planMigration,
  type RunEvent,
  type SecretStore,
  type StepId,
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

const { sandbox, proxy, restartProxy } = useSandboxProxy();

/** API writes, per route, but changePassword (retried on 404 while a new address settles). */
function writes(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sandbox().stats().byRoute).filter(
      ([route]) => !route.startsWith('GET ') && !route.includes('changePassword'),
    ),
  );
}

async function setup(
  sourcePassword: PlanInput['sourcePassword'] = { mode: 'keep', password: JEAN_PASSWORD },
) {
  await sandbox().reset();
  const before = await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD));
  const adapters = sandboxAdapters(sandboxClient(sandbox()));
  const copy = httpCopyClient(proxy().url, proxy().token);
  const { plan, passwords } = await planMigration(
    {
      source: { service: EX1, address: JEAN },
      destination: { service: PRO1 },
      sourcePassword,
    },
    { adapters, copy },
  );
  const store = createMemoryRunStore();
  const runner = (secrets: SecretStore, onEvent?: (event: RunEvent) => void) =>
    createMigrationRunner({
      runId: 'jean',
      adapters,
      copy,
      store,
      secrets,
      pollMs: 30,
      ...(onEvent ? { onEvent } : {}),
    });
  return { before, plan, passwords, copy, store, runner };
}

async function expectMigrated(
  before: Awaited<ReturnType<typeof setup>>['before'],
  password: string,
) {
  const destination = await snapshotMailbox(snapshotEndpoint(sandbox(), PRO_HOST, JEAN, password));
  expect(compareSnapshots(before, destination)).toEqual([]);
  const source = await snapshotMailbox(
    snapshotEndpoint(sandbox(), EX_HOST, 'jean.dupont01@dupont-avocats.test', JEAN_PASSWORD),
  );
  expect(compareSnapshots(before, source)).toEqual([]);
}

let baseline: Record<string, number> | undefined;

describe('a run interrupted, then resumed by a new runner on the same store', () => {
  it('uninterrupted: the API writes it takes', async () => {
    const t = await setup();
    const state = await t.runner(createMemorySecretStore()).start(t.plan, t.passwords);
    expect(state.status).toBe('completed');
    baseline = writes();
    expect(Object.values(baseline).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6);
    expect(t.copy.calls.createJob).toBe(1);
  });

  const STOPS: StepId[] = [
    'ensure_domain',
    'rename_source',
    'configure_destination',
    'move_aliases',
    'copy_content',
    'final_pass',
    'verify',
  ];
  it.each(STOPS)('stopped right after %s: resumes there and completes exactly', async (stop) => {
    const t = await setup();
    const secrets = createMemorySecretStore();
    const controller = new AbortController();
    const first = await t
      .runner(secrets, (event) => {
        if (event.type === 'step' && event.step === stop && event.status !== 'running') {
          controller.abort();
        }
      })
      .start(t.plan, t.passwords, { signal: controller.signal });
    expect(first.status).toBe('paused');
    const index = first.steps.findIndex((s) => s.id === stop);
    expect(first.steps.slice(0, index + 1).every((s) => s.status === 'done')).toBe(true);
    expect(first.steps.slice(index + 1).every((s) => s.status === 'pending')).toBe(true);

    const started: StepId[] = [];
    const second = await t
      .runner(secrets, (event) => {
        if (event.type === 'step' && event.status === 'running') started.push(event.step);
      })
      .resume();
    expect(second.status).toBe('completed');
    expect(started[0]).toBe(first.steps[index + 1]?.id);
    expect(writes()).toEqual(baseline);
    expect(t.copy.calls.createJob).toBe(1);
    await expectMigrated(t.before, t.passwords.destination);
  });

  it.each(['ensure_domain', 'rename_source', 'configure_destination', 'move_aliases'] as const)(
    'aborted while %s is in flight: the new runner finishes it without redoing it',
    async (stop) => {
      const t = await setup();
      const secrets = createMemorySecretStore();
      const controller = new AbortController();
      const first = await t
        .runner(secrets, (event) => {
          // Shortly after the step starts: its API call is usually sent, its task not finished.
          if (event.type === 'step' && event.step === stop && event.status === 'running') {
            setTimeout(() => controller.abort(), 15);
          }
        })
        .start(t.plan, t.passwords, { signal: controller.signal });
      expect(first.status).toBe('paused');
      const second = await t.runner(secrets).resume();
      expect(second.error).toBeUndefined();
      expect(second.status).toBe('completed');
      expect(writes()).toEqual(baseline);
      expect(t.copy.calls.createJob).toBe(1);
      await expectMigrated(t.before, t.passwords.destination);
    },
  );

  it('aborted while the new source password is being set: resumed without a refused second change', async () => {
    const t = await setup({ mode: 'set' });
    const secrets = createMemorySecretStore();
    const controller = new AbortController();
    const first = await t
      .runner(secrets, (event) => {
        if (
          event.type === 'step' &&
          event.step === 'set_source_password' &&
          event.status === 'running'
        ) {
          setTimeout(() => controller.abort(), 15);
        }
      })
      .start(t.plan, t.passwords, { signal: controller.signal });
    expect(first.status).toBe('paused');
    const second = await t.runner(secrets).resume();
    expect(second.error).toBeUndefined();
    expect(second.status).toBe('completed');
    const newPassword = t.passwords.source ?? '';
    expect(
      await canLogin(sandbox(), EX_HOST, 'jean.dupont01@dupont-avocats.test', newPassword),
    ).toBe(true);
  });

  it('stopped in the middle of the copy: the new runner follows the same proxy job', async () => {
    const t = await setup();
    const secrets = createMemorySecretStore();
    const controller = new AbortController();
    const first = await t
      .runner(secrets, (event) => {
        if (event.type === 'copy') controller.abort();
      })
      .start(t.plan, t.passwords, { signal: controller.signal });
    expect(first.status).toBe('paused');
    expect(first.steps.find((s) => s.id === 'copy_content')?.status).toBe('pending');
    const jobId = first.records.copy_content?.jobId;
    expect(jobId).toBeDefined();
    const second = await t.runner(secrets).resume();
    expect(second.status).toBe('completed');
    expect(second.records.copy_content?.jobId).toBe(jobId);
    expect(t.copy.calls.createJob).toBe(1);
    expect(writes()).toEqual(baseline);
    await expectMigrated(t.before, t.passwords.destination);
  });

  it('a second tab cannot drive the run while the first one does, and can once it stopped', async () => {
    const t = await setup();
    const secrets = createMemorySecretStore();
    let seen: Promise<unknown> | undefined;
    let secondTab: ReturnType<typeof t.runner> | undefined;
    const first = t.runner(secrets, (event) => {
      // While the first runner copies, a second one on the same store tries to resume.
      if (event.type === 'copy' && seen === undefined) {
        secondTab = t.runner(secrets);
        seen = secondTab.resume().then(
          () => 'drove it',
          (error: unknown) => error,
        );
      }
    });
    const done = await first.start(t.plan, t.passwords);
    expect(done.status).toBe('completed');
    expect(await seen).toMatchObject({ name: 'MigrationError', code: 'run_in_use' });
    expect(t.copy.calls.createJob).toBe(1);
    // Released at the end: the next runner gets a plain answer about the state, not "in use".
    expect((await t.store.load('jean'))?.lease).toBeUndefined();
    await expect(secondTab?.resume()).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('passwords gone (a browser restart empties session storage): needs_passwords, then resumes', async () => {
    const t = await setup();
    const controller = new AbortController();
    await t
      .runner(createMemorySecretStore(), (event) => {
        if (event.type === 'step' && event.step === 'rename_source' && event.status === 'done') {
          controller.abort();
        }
      })
      .start(t.plan, t.passwords, { signal: controller.signal });
    const restarted = t.runner(createMemorySecretStore());
    const waiting = await restarted.resume();
    expect(waiting.status).toBe('needs_passwords');
    expect(waiting.error).toMatchObject({
      code: 'passwords_missing',
      step: 'configure_destination',
    });
    await restarted.providePasswords({
      source: JEAN_PASSWORD,
      destination: t.passwords.destination,
    });
    const done = await restarted.resume();
    expect(done.status).toBe('completed');
    expect(writes()).toEqual(baseline);
    await expectMigrated(t.before, t.passwords.destination);
  });

  it('the proxy dies mid-copy: proxy_unreachable; once restarted, retry() follows the same job', async () => {
    const t = await setup();
    const secrets = createMemorySecretStore();
    let killed: Promise<void> | undefined;
    const first = await t
      .runner(secrets, (event) => {
        if (event.type === 'copy') killed ??= proxy().kill('SIGKILL');
      })
      .start(t.plan, t.passwords);
    await killed;
    expect(first.status).toBe('failed');
    expect(first.error).toMatchObject({ code: 'proxy_unreachable', step: 'copy_content' });

    // Same data dir: same pairing token and the job's checkpoints; a new port, so a new client.
    await restartProxy();
    const copy = httpCopyClient(proxy().url, proxy().token);
    const second = await createMigrationRunner({
      runId: 'jean',
      adapters: sandboxAdapters(sandboxClient(sandbox())),
      copy,
      store: t.store,
      secrets,
      pollMs: 30,
    }).retry();
    expect(second.error).toBeUndefined();
    expect(second.status).toBe('completed');
    expect(copy.calls.createJob).toBeUndefined();
    expect(second.records.copy_content?.jobId).toBe(first.records.copy_content?.jobId);
    await expectMigrated(t.before, t.passwords.destination);
  });
});
