import { describe, expect, it } from 'vitest';
import { isOvhApiError, isOvhTaskError } from '../../lib/ovh-api/index.ts';
import { isPlatformError, type ServiceRef } from '../../lib/platforms/index.ts';
import { useSandbox } from '../sandbox/helpers.ts';
import { canLogin, inboxCount, sandboxAdapters, sandboxClient } from './helpers.ts';

const sandbox = useSandbox({ newAddressDelayMs: 300, taskStepMs: 40 });

const EX1: ServiceRef = {
  kind: 'exchange',
  organization: 'hosted-ab12345-1',
  service: 'hosted-ab12345-1',
};
const PRO1: ServiceRef = { kind: 'email_pro', service: 'emailpro-ab12345-1' };
const PRO_BIG: ServiceRef = { kind: 'email_pro', service: 'emailpro-ab12345-2' };
const MXPLAN: ServiceRef = { kind: 'mxplan', service: 'mxplan-ab12345-1' };
const LEGACY: ServiceRef = { kind: 'mxplan_legacy', service: 'fleuriste-bernard.test' };

const setup = () => {
  const client = sandboxClient(sandbox());
  return { client, adapters: sandboxAdapters(client) };
};

describe('listing services and accounts', () => {
  it('lists every platform’s services', async () => {
    const { adapters } = setup();
    expect(await adapters.exchange.listServices()).toEqual([
      EX1,
      { kind: 'exchange', organization: 'hosted-ab12345-2', service: 'hosted-ab12345-2' },
    ]);
    expect(await adapters.email_pro.listServices()).toEqual([PRO1, PRO_BIG]);
    expect(await adapters.mxplan.listServices()).toEqual([MXPLAN]);
    expect((await adapters.mxplan_legacy.listServices()).map((r) => r.service)).toContain(
      LEGACY.service,
    );
  });

  it('describes a service: IMAP host, domains, password policy, state', async () => {
    const { adapters } = setup();
    const ex = await adapters.exchange.getService(EX1);
    expect(ex).toMatchObject({
      state: 'ok',
      imapHost: 'ex5.mail.sandbox.test',
      domains: ['dupont-avocats.test'],
      passwordPolicy: { minLength: 8, complexity: true },
    });
    expect(await adapters.email_pro.getService(PRO1)).toMatchObject({
      imapHost: 'pro1.mail.sandbox.test',
      passwordPolicy: { minLength: 9 },
    });
    expect((await adapters.mxplan.getService(MXPLAN)).imapHost).toBe('ssl0.sandbox.test');
    const legacy = await adapters.mxplan_legacy.getService(LEGACY);
    expect(legacy).toMatchObject({
      imapHost: 'ssl0.sandbox.test',
      domains: ['fleuriste-bernard.test'],
    });
    expect(legacy.passwordPolicy).toMatchObject({ minLength: 9, maxLength: 30 });
    expect(adapters.exchange.imapEndpoint(ex, 'jean.dupont@dupont-avocats.test')).toEqual({
      host: 'ex5.mail.sandbox.test',
      port: 993,
      tls: 'implicit',
      user: 'jean.dupont@dupont-avocats.test',
    });
  });

  it('lists 500 accounts with usage and quota in a handful of requests', async () => {
    const { client, adapters } = setup();
    const before = client.stats.requests;
    const accounts = await adapters.email_pro.listAccounts(PRO_BIG);
    const requests = client.stats.requests - before;
    expect(accounts).toHaveLength(500);
    // The id list, then batches of at most 50 ids (what the control panel sends).
    expect(requests).toBe(1 + Math.ceil(500 / 50));
    const configured = accounts.filter((a) => !a.freeSlot);
    expect(configured).toHaveLength(20);
    expect(configured[0]).toMatchObject({
      configured: true,
      state: 'ok',
      quotaBytes: 10 * 1024 ** 3,
    });
    expect(configured.every((a) => (a.apiUsage ?? 0) > 0)).toBe(true);
    expect(await adapters.email_pro.listFreeSlots(PRO_BIG)).toHaveLength(480);
  });

  it('lists 500 accounts’ addresses in one request, then one page of details in one more', async () => {
    const { client, adapters } = setup();
    let before = client.stats.requests;
    const addresses = await adapters.email_pro.listAccountAddresses(PRO_BIG);
    expect(client.stats.requests - before).toBe(1);
    expect(addresses).toHaveLength(500);
    expect(addresses.filter((a) => a.endsWith('@configureme.me'))).toHaveLength(480);
    const page = addresses.filter((a) => !a.endsWith('@configureme.me')).slice(0, 20);
    before = client.stats.requests;
    const details = await adapters.email_pro.getAccounts(PRO_BIG, page);
    expect(client.stats.requests - before).toBe(1);
    expect(details.map((a) => a.address).sort()).toEqual([...page].sort());
    expect(details.every((a) => a.configured && (a.apiUsage ?? 0) > 0)).toBe(true);
    expect(await adapters.email_pro.getAccounts(PRO_BIG, [])).toEqual([]);
    // The legacy MX Plan names its accounts: addresses are name@domain both ways.
    const legacy = await adapters.mxplan_legacy.listAccountAddresses(LEGACY);
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy.every((a) => a.endsWith(`@${LEGACY.service}`))).toBe(true);
    const [first] = await adapters.mxplan_legacy.getAccounts(LEGACY, legacy.slice(0, 1));
    expect(first?.address).toBe(legacy[0]);
  });

  it('lists free slots, which are ordered accounts on configureme.me', async () => {
    const { adapters } = setup();
    const slots = await adapters.exchange.listFreeSlots(EX1);
    expect(slots).toHaveLength(3);
    for (const slot of slots)
      expect(slot).toMatchObject({ domain: 'configureme.me', configured: false, freeSlot: true });
    expect(await adapters.mxplan_legacy.listFreeSlots(LEGACY)).toEqual([]);
  });

  it('says whether IMAP is allowed where the platform has per-account protocols', async () => {
    const { adapters } = setup();
    expect(await adapters.exchange.isImapAllowed(EX1, 'jean.dupont@dupont-avocats.test')).toBe(
      true,
    );
    expect(await adapters.exchange.isImapAllowed(EX1, 'accueil@dupont-avocats.test')).toBe(false);
    expect(
      await adapters.email_pro.isImapAllowed(PRO1, 'claire@boulangerie-petit.test'),
    ).toBeUndefined();
  });

  it('lists and adds aliases', async () => {
    const { adapters } = setup();
    expect(
      (await adapters.exchange.listAliases(EX1, 'jean.dupont@dupont-avocats.test')).sort(),
    ).toEqual(['direction@dupont-avocats.test', 'jdupont@dupont-avocats.test']);
    const tasks: number[] = [];
    await adapters.email_pro.addAlias(
      PRO1,
      'commandes@boulangerie-petit.test',
      'ventes@boulangerie-petit.test',
      {
        onTask: (id) => tasks.push(id),
      },
    );
    expect(tasks).toHaveLength(1);
    expect(
      await adapters.email_pro.listAliases(PRO1, 'commandes@boulangerie-petit.test'),
    ).toContain('ventes@boulangerie-petit.test');
    await adapters.email_pro.removeAlias(
      PRO1,
      'commandes@boulangerie-petit.test',
      'ventes@boulangerie-petit.test',
    );
    expect(
      await adapters.email_pro.listAliases(PRO1, 'commandes@boulangerie-petit.test'),
    ).not.toContain('ventes@boulangerie-petit.test');
  });
});

describe('the guide’s steps, on the API and on IMAP', () => {
  it('domains: refused as non-authoritative while authoritative elsewhere, accepted once switched', async () => {
    const { adapters } = setup();
    const domain = 'dupont-avocats.test';
    await expect(
      adapters.email_pro.addDomain(PRO1, {
        name: domain,
        type: 'nonAuthoritative',
        mxRelay: 'mx1.mail.sandbox.test',
      }),
    ).rejects.toSatisfy((error) => isOvhApiError(error) || isPlatformError(error));

    await adapters.exchange.changeDomain(EX1, domain, {
      type: 'nonAuthoritative',
      mxRelay: 'mx1.mail.sandbox.test',
    });
    expect(await adapters.exchange.getDomain(EX1, domain)).toMatchObject({
      type: 'nonAuthoritative',
      mxRelay: 'mx1.mail.sandbox.test',
      state: 'ok',
    });

    await adapters.email_pro.addDomain(PRO1, {
      name: domain,
      type: 'nonAuthoritative',
      mxRelay: 'mx1.mail.sandbox.test',
    });
    const added = await adapters.email_pro.getDomain(PRO1, domain);
    expect(added).toMatchObject({ name: domain, type: 'nonAuthoritative', state: 'ok' });
    expect(added?.dns.expectedMx.length).toBeGreaterThan(0);
    expect((await adapters.email_pro.getService(PRO1)).domains).toContain(domain);
    expect(await adapters.email_pro.getDomain(PRO1, 'absent.test')).toBeUndefined();

    // A rollback takes it away again (and puts it back for the next tests).
    await adapters.email_pro.removeDomain(PRO1, domain);
    expect(await adapters.email_pro.getDomain(PRO1, domain)).toBeUndefined();
    expect((await adapters.email_pro.getService(PRO1)).domains).not.toContain(domain);
    await adapters.email_pro.addDomain(PRO1, {
      name: domain,
      type: 'nonAuthoritative',
      mxRelay: 'mx1.mail.sandbox.test',
    });
  });

  it('renames an account: the API and IMAP both follow, mail kept', async () => {
    const { adapters } = setup();
    const renamed = await adapters.exchange.renameAccount(EX1, 'marie.martin@dupont-avocats.test', {
      login: 'marie.martin01',
      domain: 'dupont-avocats.test',
    });
    expect(renamed).toBe('marie.martin01@dupont-avocats.test');
    expect(await adapters.exchange.getAccount(EX1, renamed)).toMatchObject({
      login: 'marie.martin01',
      state: 'ok',
    });
    const host = 'ex5.mail.sandbox.test';
    expect(await inboxCount(sandbox(), host, renamed, 'Mm-Sandbox-2025!')).toBeGreaterThanOrEqual(
      3,
    );
    expect(
      await canLogin(sandbox(), host, 'marie.martin@dupont-avocats.test', 'Mm-Sandbox-2025!'),
    ).toBe(false);
  });

  it('configures a free slot with the original address and sets its password (retrying while it lands)', async () => {
    const { adapters } = setup();
    const [slot] = await adapters.email_pro.listFreeSlots(PRO1);
    if (!slot) throw new Error('no free slot in the seed');
    const address = await adapters.email_pro.configureSlot(PRO1, slot.address, {
      login: 'marie.martin',
      domain: 'dupont-avocats.test',
      displayName: 'Marie Martin',
      firstName: 'Marie',
      lastName: 'Martin',
    });
    expect(address).toBe('marie.martin@dupont-avocats.test');
    // The sandbox keeps the new address unknown to changePassword for a while, like the real API.
    await adapters.email_pro.changePassword(PRO1, address, 'New-Destination-Pass-1');
    expect(await adapters.email_pro.getAccount(PRO1, address)).toMatchObject({
      displayName: 'Marie Martin',
      configured: true,
      freeSlot: false,
    });
    expect(
      await canLogin(sandbox(), 'pro1.mail.sandbox.test', address, 'New-Destination-Pass-1'),
    ).toBe(true);
  });

  it('refuses a password outside the policy with a named error', async () => {
    const { adapters } = setup();
    const failure = await adapters.email_pro
      .changePassword(PRO1, 'claire@boulangerie-petit.test', 'short')
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isOvhApiError(failure)).toBe(true);
    if (isOvhApiError(failure)) expect(failure.code).toBe('bad_request');
  });

  it('resets an account: the slot is free again and IMAP refuses the old login', async () => {
    const { adapters } = setup();
    await adapters.exchange.resetAccount(EX1, 'marie.martin01@dupont-avocats.test');
    const accounts = await adapters.exchange.listAccounts(EX1);
    expect(accounts.map((a) => a.address)).not.toContain('marie.martin01@dupont-avocats.test');
    expect((await adapters.exchange.listFreeSlots(EX1)).length).toBe(4);
    expect(
      await canLogin(
        sandbox(),
        'ex5.mail.sandbox.test',
        'marie.martin01@dupont-avocats.test',
        'Mm-Sandbox-2025!',
      ),
    ).toBe(false);
  });

  it('the new MX Plan: rename, configure a slot, password; but no domain to add', async () => {
    const { adapters } = setup();
    const renamed = await adapters.mxplan.renameAccount(MXPLAN, 'sophie@cabinet-leroy.test', {
      login: 'sophie01',
      domain: 'cabinet-leroy.test',
    });
    expect(await canLogin(sandbox(), 'ssl0.sandbox.test', renamed, 'Sl-Sandbox-2025!')).toBe(true);
    const [slot] = await adapters.mxplan.listFreeSlots(MXPLAN);
    if (!slot) throw new Error('no free slot in the seed');
    const address = await adapters.mxplan.configureSlot(MXPLAN, slot.address, {
      login: 'sophie',
      domain: 'cabinet-leroy.test',
    });
    await adapters.mxplan.changePassword(MXPLAN, address, 'Mxplan-New-Pass-2');
    expect(await canLogin(sandbox(), 'ssl0.sandbox.test', address, 'Mxplan-New-Pass-2')).toBe(true);
    expect(adapters.mxplan.capabilities.manageDomains).toBe(false);
    await expect(
      adapters.mxplan.addDomain(MXPLAN, { name: 'x.test', type: 'authoritative' }),
    ).rejects.toSatisfy((error) => isPlatformError(error) && error.code === 'unsupported');
    const domain = await adapters.mxplan.getDomain(MXPLAN, 'cabinet-leroy.test');
    expect(domain?.dns.mxValid).toBe(false);
  });

  it('the legacy MX Plan: no rename, but accounts are created with a password', async () => {
    const { adapters } = setup();
    expect(adapters.mxplan_legacy.capabilities).toMatchObject({
      rename: false,
      createAccount: true,
      slots: false,
    });
    await expect(
      adapters.mxplan_legacy.renameAccount(LEGACY, 'contact@fleuriste-bernard.test', {
        login: 'x',
        domain: 'fleuriste-bernard.test',
      }),
    ).rejects.toSatisfy((error) => isPlatformError(error) && error.code === 'unsupported');
    const accounts = await adapters.mxplan_legacy.listAccounts(LEGACY);
    expect(accounts.map((a) => a.address).sort()).toEqual([
      'bernard@fleuriste-bernard.test',
      'contact@fleuriste-bernard.test',
    ]);

    const tasks: number[] = [];
    const created = await adapters.mxplan_legacy.createAccount(
      LEGACY,
      { login: 'commandes', password: 'Legacy-Pass-9' },
      { onTask: (id) => tasks.push(id) },
    );
    expect(created).toBe('commandes@fleuriste-bernard.test');
    expect(tasks).toHaveLength(1);
    expect(await canLogin(sandbox(), 'ssl0.sandbox.test', created, 'Legacy-Pass-9')).toBe(true);
    await adapters.mxplan_legacy.changePassword(LEGACY, created, 'Legacy-Pass-10');
    expect(await canLogin(sandbox(), 'ssl0.sandbox.test', created, 'Legacy-Pass-10')).toBe(true);
    await adapters.mxplan_legacy.resetAccount(LEGACY, created);
    expect((await adapters.mxplan_legacy.listAccounts(LEGACY)).map((a) => a.address)).not.toContain(
      created,
    );
  });
});

describe('errors, as the adapters surface them', () => {
  it('an expired session, a missing IAM right and a failed task each have their code', async () => {
    const { adapters } = setup();
    sandbox().faults.set({ iamDeny: ['emailPro:apiovh:account/changePassword'] });
    try {
      const denied = await adapters.email_pro
        .changePassword(PRO1, 'claire@boulangerie-petit.test', 'Another-Pass-123')
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(isOvhApiError(denied) && denied.code).toBe('not_granted');
      if (isOvhApiError(denied))
        expect(denied.missingActions).toContain('emailPro:apiovh:account/changePassword');

      sandbox().faults.set({ iamDeny: [], failTasks: [{ function: 'changePassword', times: 1 }] });
      const failed = await adapters.email_pro
        .changePassword(PRO1, 'claire@boulangerie-petit.test', 'Another-Pass-123')
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(isOvhTaskError(failed) && failed.code).toBe('task_failed');

      sandbox().faults.set({ failTasks: [], session: 'invalid' });
      const expired = await adapters.exchange.listServices().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isOvhApiError(expired) && expired.code).toBe('session_expired');
    } finally {
      sandbox().faults.clear();
    }
    // A fresh login works again.
    const fresh = sandboxAdapters(sandboxClient(sandbox(), sandbox().newSession()));
    expect(await fresh.exchange.listServices()).toHaveLength(2);
  });
});
