/**
 * The legacy MX Plan (`/email/domain/{domain}`): a service is a domain, accounts are created with a
 * password rather than configured from ordered slots, `accountName` is read-only (no rename), and a
 * `TaskPop` has no status: it is done when it leaves the pending list (reference §3, §5).
 */
import { z } from 'zod';
import { domain as legacy, type OvhClient, ovhPath } from '../ovh-api/index.ts';
import {
  type AccountInfo,
  type OperationOptions,
  type PlatformAdapter,
  PlatformError,
  type ServiceRef,
} from './adapter.ts';
import { getObjects, listCollection } from './list-collection.ts';
import { createLegacyDesk } from './mx-plan-legacy-tasks.ts';
import type { ResolvedPolling } from './polling.ts';

const NAMES = z.array(z.string());

/** MX Plan's fixed IMAP host (reference §4). */
export const LEGACY_MX_PLAN_IMAP_HOST = 'ssl0.ovh.net';

/** 9 to 30 characters, no accents, no space at either end (reference §3). */
export const LEGACY_PASSWORD_POLICY = {
  minLength: 9,
  maxLength: 30,
  complexity: false,
  forbidden: /[^\x20-\x7e]|^\s|\s$/,
};

export function createLegacyMxPlanAdapter(
  client: OvhClient,
  polling: ResolvedPolling,
  imapHost: string = LEGACY_MX_PLAN_IMAP_HOST,
): PlatformAdapter {
  const base = (ref: ServiceRef) => ovhPath`/email/domain/${ref.service}`;
  const accountPath = (ref: ServiceRef, name: string) => `${base(ref)}${ovhPath`/account/${name}`}`;
  const request = (options?: OperationOptions) =>
    options?.signal ? { signal: options.signal } : {};
  const nameOf = (ref: ServiceRef, address: string) => {
    const [name, domain] = address.split('@');
    if (!name || (domain && domain.toLowerCase() !== ref.service.toLowerCase())) {
      throw new PlatformError(
        'domain_not_on_service',
        `${address} is not an address of the MX Plan ${ref.service}.`,
      );
    }
    return name;
  };
  const unsupported = (what: string) =>
    new PlatformError('unsupported', `The legacy MX Plan cannot ${what}.`);

  const toAccount = (account: legacy.Account): AccountInfo => ({
    address: account.email,
    login: account.accountName,
    domain: account.domain,
    configured: true,
    freeSlot: false,
    state: account.isBlocked ? 'suspended' : 'ok',
    rawState: account.isBlocked ? 'blocked' : 'ok',
    quotaBytes: account.size,
    taskPending: false,
  });

  const { settle, change, exists } = createLegacyDesk(client, polling);

  const migratePath = (
    ref: ServiceRef,
    accountName: string,
    destinationService: string,
    slotAddress: string,
  ) =>
    `${accountPath(ref, accountName)}${ovhPath`/migrate/${destinationService}/destinationEmailAddress/${slotAddress}`}`;

  const adapter: PlatformAdapter = {
    kind: 'mxplan_legacy',
    capabilities: {
      rename: false,
      slots: false,
      createAccount: true,
      manageDomains: false,
      aliases: false,
      protocols: false,
      reset: true,
    },

    async listServices(options) {
      const domains = await client.get('/email/domain', NAMES, request(options));
      return domains.map((service) => ({ kind: 'mxplan_legacy' as const, service }));
    },

    async getService(ref, options) {
      const service = await client.get(base(ref), legacy.DomainServiceSchema, request(options));
      const sizes = service.allowedAccountSize ?? [];
      return {
        ref,
        displayName: service.domain,
        state:
          service.status === 'ok' ? 'ok' : service.status === 'close' ? 'suspended' : 'unknown',
        rawState: service.status,
        imapHost,
        domains: [service.domain],
        passwordPolicy: LEGACY_PASSWORD_POLICY,
        ...(sizes.length > 0 ? { maxAccountBytes: Math.max(...sizes) } : {}),
      };
    },

    async listAccounts(ref, options) {
      const accounts = await listCollection(
        client,
        `${base(ref)}/account`,
        legacy.AccountSchema,
        request(options),
      );
      return accounts.map(toAccount);
    },

    async settleAccount(ref, address, options) {
      const name = nameOf(ref, address);
      await settle(ref, name, options);
      return (await exists(ref, name, options))
        ? adapter.getAccount(ref, address, options)
        : undefined;
    },

    async listAccountAddresses(ref, options) {
      // Its accounts are named (`accountName`), not addressed: the address is name@domain.
      const names = await client.get(`${base(ref)}/account`, NAMES, request(options));
      return names.map((name) => `${name}@${ref.service}`);
    },

    async getAccounts(ref, addresses, options) {
      const accounts = await getObjects(
        client,
        `${base(ref)}/account`,
        addresses.map((address) => nameOf(ref, address)),
        legacy.AccountSchema,
        request(options),
      );
      return accounts.map(toAccount);
    },

    async getAccount(ref, address, options) {
      return toAccount(
        await client.get(
          accountPath(ref, nameOf(ref, address)),
          legacy.AccountSchema,
          request(options),
        ),
      );
    },

    async listFreeSlots() {
      // Accounts are created on demand, within the offer's account count (see getService).
      return [];
    },

    imapEndpoint(service, address) {
      return { host: service.imapHost, port: 993, tls: 'implicit', user: address };
    },

    async getDomain() {
      return undefined;
    },
    async addDomain() {
      throw unsupported('add a domain (the domain is the service itself)');
    },
    async changeDomain() {
      throw unsupported('change the domain type');
    },
    async removeDomain() {
      throw unsupported('remove its domain (the domain is the service itself)');
    },
    async renameAccount() {
      throw unsupported('rename an account (accountName is read-only)');
    },

    async configureSlot() {
      throw unsupported('configure ordered slots; it creates accounts instead');
    },

    async createAccount(ref, account, options) {
      await change(
        ref,
        account.login,
        () => exists(ref, account.login, options),
        () =>
          client.post(
            `${base(ref)}/account`,
            {
              accountName: account.login,
              password: account.password,
              ...(account.displayName ? { description: account.displayName } : {}),
              ...(account.sizeBytes ? { size: account.sizeBytes } : {}),
            },
            legacy.TaskPopSchema,
            request(options),
          ),
        options,
      );
      return `${account.login}@${ref.service}`;
    },

    async changePassword(ref, address, password, options) {
      const name = nameOf(ref, address);
      // A password cannot be read back: only a TaskPop shows it was sent.
      await change(
        ref,
        name,
        async () => false,
        () =>
          client.post(
            `${accountPath(ref, name)}/changePassword`,
            { password },
            legacy.TaskPopSchema,
            request(options),
          ),
        options,
      );
    },

    async listAliases() {
      return [];
    },
    async addAlias() {
      throw unsupported('add aliases (use redirections)');
    },
    async removeAlias() {
      throw unsupported('remove aliases (it has none)');
    },
    async isImapAllowed() {
      return undefined;
    },

    async resetAccount(ref, address, options) {
      const name = nameOf(ref, address);
      await change(
        ref,
        name,
        async () => !(await exists(ref, name, options)),
        () => client.delete(accountPath(ref, name), legacy.TaskPopSchema, request(options)),
        options,
      );
    },

    async checkLegacyMove(ref, accountName, destinationService, slotAddress, options) {
      // Problems come back inside a 200 body: a non-empty `error` means no (reference §5).
      const result = await client.get(
        `${migratePath(ref, accountName, destinationService, slotAddress)}/checkMigrate`,
        legacy.MigrationCheckStructSchema,
        request(options),
      );
      return (result.error ?? []).map((e) => (e.details ? `${e.details} (${e.code})` : e.code));
    },

    async legacyMove(ref, accountName, destinationService, slotAddress, password, options) {
      // Once moved, the legacy account is gone: that is how a lost answer is told apart.
      await change(
        ref,
        accountName,
        async () => !(await exists(ref, accountName, options)),
        () =>
          client.post(
            `${migratePath(ref, accountName, destinationService, slotAddress)}/migrate`,
            { password },
            legacy.TaskPopSchema,
            request(options),
          ),
        options,
      );
    },
  };
  return adapter;
}
