// The wizard's services load in the order a person needs them, in few requests whatever the size
// of the services: the 500-account E-mail Pro shows its accounts and its free slots from one
// request, and only the accounts the picker shows have their details read (a page at a time).

import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../../components/stores/account-pager.ts';
import type { PanelDeps } from '../../../components/stores/deps.ts';
import { freeSlotCount } from '../../../components/stores/services.ts';
import { createWizardStore } from '../../../components/stores/wizard-store.ts';
import { createOvhClient } from '../../../lib/ovh-api/index.ts';
import { sandboxAdapters } from '../../platforms/helpers.ts';
import { useSandbox } from '../../sandbox/helpers.ts';

const sandbox = useSandbox({ imap: false });

/** The wizard on the sandbox, every API request it makes listed in order. */
function wizardOnSandbox(page?: Parameters<typeof createWizardStore>[1]) {
  const world = sandbox();
  const requests: string[] = [];
  const client = createOvhClient({
    baseUrl: world.apiBase,
    fetch: (input, init) => {
      requests.push(decodeURIComponent(new URL(String(input)).pathname.replace(/^.*\/apiv6/, '')));
      const headers = new Headers(init?.headers);
      headers.set('cookie', world.sessionCookie);
      return fetch(input, { ...init, headers });
    },
    rateLimit: false,
  });
  const deps = { adapters: sandboxAdapters(client) } as unknown as PanelDeps;
  return { wizard: createWizardStore(deps, page), requests };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('the wizard’s services', () => {
  it('a 500-account service: addresses in one request, free slots counted, one page of details', async () => {
    const { wizard, requests } = wizardOnSandbox({
      service: { kind: 'email_pro', service: 'emailpro-ab12345-2' },
    });
    await wizard.load();
    const big = wizard.services.value?.find((s) => s.ref.service === 'emailpro-ab12345-2');
    expect(big?.addresses).toHaveLength(500);
    expect(big && freeSlotCount(big)).toBe(480);
    // 20 configured accounts: one page shows them all, their details read in one batch GET.
    expect(wizard.matches.value).toHaveLength(20);
    await until(() => wizard.sourceAccounts.value.every((a) => a.info !== undefined));
    const accountReads = requests.filter((r) =>
      r.startsWith('/email/pro/emailpro-ab12345-2/account'),
    );
    expect(accountReads).toHaveLength(2);
    // No free slot of any service is read one by one, nor in batch.
    expect(requests.filter((r) => r.includes('configureme.me'))).toEqual([]);
    // Every service's free slots are known from one request each (plus the service itself).
    for (const option of wizard.services.value ?? []) {
      expect(option.addresses ?? option.error, option.ref.service).toBeDefined();
    }
    expect(requests.length).toBeLessThanOrEqual(4 + 3 * (wizard.services.value?.length ?? 0) + 1);
    wizard.dispose();
  });

  it('the picker shows a page, “show more” the next, and a search filters every address', async () => {
    const { wizard } = wizardOnSandbox({
      service: { kind: 'exchange', organization: 'hosted-ab12345-1', service: 'hosted-ab12345-1' },
      account: 'marie.martin@dupont-avocats.test',
    });
    await wizard.load();
    // The page's account comes first.
    expect(wizard.sourceAccounts.value[0]?.address).toBe('marie.martin@dupont-avocats.test');
    expect(wizard.selected.value).toEqual(['marie.martin@dupont-avocats.test']);
    wizard.setSearch('jean');
    expect(wizard.matches.value).toEqual(['jean.dupont@dupont-avocats.test']);
    await until(() => wizard.sourceAccounts.value[0]?.info !== undefined);
    expect(wizard.sourceAccounts.value[0]?.info).toMatchObject({ configured: true, state: 'ok' });
    wizard.setSearch('');
    expect(wizard.shown.value).toBe(PAGE_SIZE);
    wizard.dispose();
  });

  it('“show more” reads the next page only; a search shows its first page', async () => {
    // A fake platform with 60 configured accounts: the wizard store is what is tested here.
    const addresses = Array.from(
      { length: 60 },
      (_, i) => `user${String(i).padStart(2, '0')}@big.test`,
    );
    const pages: string[][] = [];
    const fake = {
      capabilities: { slots: true },
      listServices: async () => [{ kind: 'email_pro', service: 'big' }],
      listAccountAddresses: async () => addresses,
      getAccounts: async (_ref: unknown, wanted: readonly string[]) => {
        pages.push([...wanted]);
        return wanted.map((address) => ({
          address,
          configured: true,
          freeSlot: false,
          state: 'ok',
        }));
      },
      getService: async () => {
        throw new Error('not needed');
      },
    };
    const none = { ...fake, listServices: async () => [] };
    const deps = {
      adapters: { email_pro: fake, exchange: none, mxplan: none, mxplan_legacy: none },
    } as unknown as PanelDeps;
    const wizard = createWizardStore(deps, undefined);
    await wizard.load();
    expect(wizard.sourceAccounts.value).toHaveLength(PAGE_SIZE);
    await until(() => pages.length === 1);
    expect(pages[0]).toEqual(addresses.slice(0, PAGE_SIZE));
    wizard.showMore();
    await until(() => pages.length === 2);
    expect(pages[1]).toEqual(addresses.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    // Back to the first page by a search: nothing read twice.
    wizard.setSearch('user0');
    expect(wizard.matches.value).toHaveLength(10);
    await new Promise((r) => setTimeout(r, 20));
    expect(pages).toHaveLength(2);
    wizard.setSearch('user5');
    expect(wizard.sourceAccounts.value.map((a) => a.address)).toEqual(addresses.slice(50, 60));
    await until(() => pages.length === 3);
    expect(pages[2]).toEqual(addresses.slice(50, 60));
    wizard.dispose();
  });
});
