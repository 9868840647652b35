import { describe, expect, it } from 'vitest';
import {
  type CheckId,
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  isMigrationError,
  type PlanInput,
  PREFLIGHT_MESSAGES,
  passwordProblems,
  planMigration,
  STEP_MESSAGES,
} from '../../lib/migration/index.ts';
import { sandboxAdapters, sandboxClient } from '../platforms/helpers.ts';
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

const JEAN_TO_PRO: PlanInput = {
  source: { service: EX1, address: JEAN },
  destination: { service: PRO1 },
  sourcePassword: { mode: 'keep', password: JEAN_PASSWORD },
};

async function plan(
  input: PlanInput,
  options: Parameters<typeof planMigration>[1]['options'] = {},
) {
  const adapters = sandboxAdapters(sandboxClient(sandbox()));
  return planMigration(input, {
    adapters,
    copy: httpCopyClient(proxy().url, proxy().token),
    options,
  });
}

function checkOf(result: Awaited<ReturnType<typeof plan>>, id: CheckId) {
  const found = result.plan.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe('a plan that can run: Exchange → E-mail Pro', () => {
  it('lists the checks, the provisional name, a free slot, the steps, and a generated password', async () => {
    const result = await plan(JEAN_TO_PRO);
    const { plan: p } = result;
    expect(p.runnable).toBe(true);
    expect(p.provisional.address).toBe('jean.dupont01@dupont-avocats.test');
    expect(p.destination.slot).toMatch(/@configureme\.me$/);
    expect(p.destination.endpoint).toEqual({
      host: 'pro1.mail.sandbox.test',
      port: 993,
      tls: 'implicit',
      user: JEAN,
    });
    expect(p.source.endpoint.user).toBe('jean.dupont01@dupont-avocats.test');
    expect(p.domain).toMatchObject({
      name: 'dupont-avocats.test',
      relayHost: 'mx1.mail.sandbox.test',
      switchSource: true,
      addToDestination: true,
    });
    const statuses = Object.fromEntries(p.checks.map((c) => [c.id, c.status]));
    expect(statuses).toEqual({
      services: 'pass',
      source_account: 'pass',
      free_slot: 'pass',
      size: 'pass',
      destination_domain: 'pass',
      source_domain: 'warn',
      imap: 'pass',
      provisional_name: 'pass',
      passwords: 'pass',
      proxy: 'pass',
      aliases: 'pass',
      not_migrated: 'warn',
    });
    expect(checkOf(result, 'source_domain')).toMatchObject({
      key: 'preflight.source_domain.will_switch',
      params: { domain: 'dupont-avocats.test', relay: 'mx1.mail.sandbox.test' },
    });
    expect(checkOf(result, 'aliases').message).toContain('jdupont@dupont-avocats.test');
    expect(checkOf(result, 'aliases').message).toContain('direction@dupont-avocats.test');
    expect(checkOf(result, 'not_migrated').message).toMatch(
      /calendars.*E-mail Pro has no calendars/,
    );
    expect(p.steps.map((s) => s.id)).toEqual([
      'ensure_domain',
      'rename_source',
      'configure_destination',
      'move_aliases',
      'copy_content',
      'final_pass',
      'verify',
      'report',
    ]);
    expect(result.passwords.generated).toEqual({ source: false, destination: true });
    expect(result.passwords.source).toBe(JEAN_PASSWORD);
    const policy = { minLength: 9, maxLength: 128, complexity: true };
    expect(passwordProblems(policy, result.passwords.destination)).toEqual([]);
    // Plain data: it survives storage.
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    // Every text has a key the panel can translate, with the params its sentence names.
    for (const step of p.steps) {
      expect([...(STEP_MESSAGES[step.key]?.params ?? [])].sort()).toEqual(
        Object.keys(step.params).sort(),
      );
    }
    for (const check of p.checks) {
      expect([...(PREFLIGHT_MESSAGES[check.key]?.params ?? [])].sort()).toEqual(
        Object.keys(check.params).sort(),
      );
    }
  });

  it('a new source password adds its step and is generated to the source policy', async () => {
    const result = await plan({ ...JEAN_TO_PRO, sourcePassword: { mode: 'set' } });
    expect(result.plan.steps.map((s) => s.id)).toContain('set_source_password');
    expect(result.passwords.generated.source).toBe(true);
    expect(result.passwords.source).toMatch(/^.{16}$/);
  });
});

describe('each failing check says why and what to do', () => {
  it('no free slot on the destination', async () => {
    const service = sandbox().state.platforms.find((s) => s.name === PRO1.service);
    if (!service) throw new Error('no E-mail Pro service in the seed');
    const saved = service.accounts;
    service.accounts = saved.filter((a) => a.configured);
    try {
      const result = await plan(JEAN_TO_PRO);
      expect(result.plan.runnable).toBe(false);
      expect(checkOf(result, 'free_slot')).toMatchObject({
        status: 'fail',
        key: 'preflight.free_slot.none',
        message: 'emailpro-ab12345-1 has no free account slot: every account is configured.',
      });
      expect(checkOf(result, 'free_slot').action).toMatch(/Order an extra account/);
    } finally {
      service.accounts = saved;
    }
  });

  it('IMAP disabled on the source account', async () => {
    const result = await plan({
      ...JEAN_TO_PRO,
      source: { service: EX1, address: 'accueil@dupont-avocats.test' },
    });
    expect(checkOf(result, 'imap')).toMatchObject({
      status: 'fail',
      key: 'preflight.imap.disabled',
      message:
        'IMAP access is disabled on accueil@dupont-avocats.test, so its mail cannot be copied.',
    });
    expect(result.plan.runnable).toBe(false);
  });

  it('a mailbox larger than the guide allows for MX Plan', async () => {
    const result = await plan(
      { ...JEAN_TO_PRO, destination: { service: MXPLAN } },
      {
        limits: { mxplan: 1024 * 1024 },
      },
    );
    const size = checkOf(result, 'size');
    expect(size).toMatchObject({ status: 'fail', key: 'preflight.size.over_limit' });
    expect(size.message).toMatch(
      /^The mailbox holds .* MB, more than the 1\.0 MB a MX Plan account may hold\.$/,
    );
    // And MX Plan's domain is fixed: dupont-avocats.test cannot go there.
    expect(checkOf(result, 'destination_domain')).toMatchObject({
      status: 'fail',
      key: 'preflight.destination_domain.fixed',
    });
  });

  it('the proxy does not answer', async () => {
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const result = await planMigration(JEAN_TO_PRO, {
      adapters,
      copy: httpCopyClient('http://127.0.0.1:9', 'no-token'),
    });
    expect(checkOf(result, 'proxy')).toMatchObject({
      status: 'fail',
      key: 'preflight.proxy.unreachable',
      message:
        'The companion proxy does not answer: The proxy at http://127.0.0.1:9 does not answer.',
    });
    expect(checkOf(result, 'proxy').action).toMatch(/Start the proxy/);
  });

  it('a provisional name already taken, a password outside the policy, an unknown account', async () => {
    const taken = await plan({ ...JEAN_TO_PRO, provisionalLogin: 'marie.martin' });
    expect(checkOf(taken, 'provisional_name')).toMatchObject({
      status: 'fail',
      message: 'marie.martin@dupont-avocats.test already exists on the source.',
    });
    const weak = await plan({ ...JEAN_TO_PRO, destinationPassword: 'short' });
    expect(checkOf(weak, 'passwords')).toMatchObject({
      status: 'fail',
      key: 'preflight.passwords.destination_policy',
    });
    expect(checkOf(weak, 'passwords').message).toContain('at least 9 characters');
    const unknown = await plan({
      ...JEAN_TO_PRO,
      source: { service: EX1, address: 'nobody@dupont-avocats.test' },
    });
    expect(checkOf(unknown, 'source_account')).toMatchObject({
      status: 'fail',
      message: 'There is no account nobody@dupont-avocats.test on the source service.',
    });
  });

  it('the runner refuses a plan with a failed check, and changes nothing', async () => {
    const result = await plan({ ...JEAN_TO_PRO, provisionalLogin: 'marie.martin' });
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const runner = createMigrationRunner({
      runId: 'refused',
      adapters,
      copy: httpCopyClient(proxy().url, proxy().token),
      store: createMemoryRunStore(),
      secrets: createMemorySecretStore(),
    });
    const error = await runner.start(result.plan, result.passwords).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMigrationError(error) && error.code).toBe('preflight_failed');
    expect(await runner.state()).toBeUndefined();
    expect((await adapters.exchange.getAccount(EX1, JEAN)).address).toBe(JEAN);
  });

  it('a legacy MX Plan source to MX Plan: its accounts cannot be renamed', async () => {
    // To E-mail Pro or Exchange, OVHcloud's own move applies instead (legacy-source.test.ts).
    const result = await plan({
      ...JEAN_TO_PRO,
      destination: { service: MXPLAN },
      source: {
        service: { kind: 'mxplan_legacy', service: 'fleuriste-bernard.test' },
        address: 'contact@fleuriste-bernard.test',
      },
    });
    expect(checkOf(result, 'provisional_name')).toMatchObject({
      status: 'fail',
      key: 'preflight.provisional_name.rename_unsupported',
      message: 'Accounts of this MX Plan cannot be renamed, so the original address cannot move.',
    });
    expect(checkOf(result, 'source_account').status).toBe('pass');
  });
});
