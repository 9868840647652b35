import { describe, expect, it } from 'vitest';
import { createAdapters, type PlatformKind, type ServiceRef } from '../../lib/platforms/index.ts';
import { useSandbox } from '../sandbox/helpers.ts';
import { canLogin, inboxCount, sandboxAdapters, sandboxClient } from './helpers.ts';

const sandbox = useSandbox({ newAddressDelayMs: 200, taskStepMs: 30 });

interface Case {
  ref: ServiceRef & { kind: Exclude<PlatformKind, 'mxplan_legacy'> };
  host: string;
  login: string;
  domain: string;
  password: string;
}

// The guide's per-account steps, once per platform of the shared model, each on its own account.
const CASES: Case[] = [
  {
    ref: { kind: 'exchange', organization: 'hosted-ab12345-2', service: 'hosted-ab12345-2' },
    host: 'ex5.mail.sandbox.test',
    login: 'paul',
    domain: 'atelier-martin.test',
    password: 'Pm-Sandbox-2025!',
  },
  {
    ref: { kind: 'email_pro', service: 'emailpro-ab12345-1' },
    host: 'pro1.mail.sandbox.test',
    login: 'claire',
    domain: 'boulangerie-petit.test',
    password: 'Cp-Sandbox-2025!',
  },
  {
    ref: { kind: 'mxplan', service: 'mxplan-ab12345-1' },
    host: 'ssl0.sandbox.test',
    login: 'sophie',
    domain: 'cabinet-leroy.test',
    password: 'Sl-Sandbox-2025!',
  },
];

describe.each(CASES)('$ref.kind: rename, re-create, password, alias, reset', (c) => {
  it('moves an address from one account to a slot of the same service, mail following IMAP', async () => {
    const adapter = sandboxAdapters(sandboxClient(sandbox()))[c.ref.kind];
    const original = `${c.login}@${c.domain}`;
    const mail = await inboxCount(sandbox(), c.host, original, c.password);
    expect(mail).toBeGreaterThan(0);

    const provisional = await adapter.renameAccount(c.ref, original, {
      login: `${c.login}01`,
      domain: c.domain,
    });
    expect(await inboxCount(sandbox(), c.host, provisional, c.password)).toBe(mail);

    const [slot] = await adapter.listFreeSlots(c.ref);
    if (!slot) throw new Error('no free slot');
    const recreated = await adapter.configureSlot(c.ref, slot.address, {
      login: c.login,
      domain: c.domain,
      displayName: 'Recreated',
    });
    expect(recreated).toBe(original);
    await adapter.changePassword(c.ref, recreated, 'Fresh-Pass-2026!');
    expect(await inboxCount(sandbox(), c.host, recreated, 'Fresh-Pass-2026!')).toBe(0);

    await adapter.addAlias(c.ref, recreated, `${c.login}.alias@${c.domain}`);
    expect(await adapter.listAliases(c.ref, recreated)).toEqual([`${c.login}.alias@${c.domain}`]);
    if (adapter.capabilities.protocols)
      expect(await adapter.isImapAllowed(c.ref, recreated)).toBe(true);

    await adapter.resetAccount(c.ref, provisional);
    const addresses = (await adapter.listAccounts(c.ref)).map((a) => a.address);
    expect(addresses).toContain(recreated);
    expect(addresses).not.toContain(provisional);
    expect(await canLogin(sandbox(), c.host, provisional, c.password)).toBe(false);
  });
});

describe('settling an account', () => {
  it('whose pending task never ends gives up saying so, never returns the still-busy account', async () => {
    await sandbox().reset();
    const ref: ServiceRef = { kind: 'email_pro', service: 'emailpro-ab12345-1' };
    const address = 'claire@boulangerie-petit.test';
    // A task OVHcloud shows as pending on the account but lists only in the service's tasks
    // (as after a reset), stuck in `todo`.
    const svc = sandbox().state.platforms.find((s) => s.name === ref.service);
    const account = svc?.accounts.find((a) => `${a.login}@${a.domain}` === address);
    if (!svc || !account) throw new Error('seed changed');
    sandbox().state.nextId += 1;
    const id = sandbox().state.nextId;
    svc.tasks.push({
      id,
      function: 'setAccount',
      status: 'todo',
      todoDate: new Date().toISOString(),
      finishDate: null,
      accountId: undefined,
    });
    account.taskPendingId = id;
    const adapters = createAdapters(sandboxClient(sandbox()), {
      polling: { firstMs: 10, factor: 1, maxMs: 10, patienceMs: 200 },
    });
    await expect(adapters.email_pro.settleAccount(ref, address)).rejects.toMatchObject({
      name: 'WaitTimeoutError',
      taskId: id,
    });
  });
});
