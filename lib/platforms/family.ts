/**
 * Exchange, E-mail Pro and the new MX Plan share one model (reference §3): services with domains,
 * accounts (free slots on `configureme.me`), tasks with a status. One implementation, told by a
 * `FamilySpec` where the paths and schemas differ.
 */
import { z } from 'zod';
import {
  isOvhApiError,
  type OvhClient,
  ovhPath,
  type TaskSnapshot,
  waitForTask,
} from '../ovh-api/index.ts';
import {
  type AccountInfo,
  type Capabilities,
  type DomainInfo,
  type OperationOptions,
  type PlatformAdapter,
  PlatformError,
  type PlatformKind,
  type ServiceInfo,
  type ServiceRef,
} from './adapter.ts';
import { getObjects, listCollection } from './list-collection.ts';
import {
  accountState,
  FREE_SLOT_DOMAIN,
  isFreeSlot,
  optional,
  QUOTA_UNIT_BYTES,
  serviceState,
} from './normalize.ts';
import { type ResolvedPolling, waitUntil } from './polling.ts';

interface ServiceLike {
  displayName: string | null;
  hostname: string | null;
  state: string;
  minPasswordLength: number | null;
  complexityEnabled: boolean;
}

export interface AccountLike {
  primaryEmailAddress: string;
  login: string;
  domain: string;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  configured: boolean;
  state: string;
  quota: number;
  currentUsage: number | null;
  taskPendingId: number | null;
}

interface DomainLike {
  name: string;
  type: 'authoritative' | 'nonAuthoritative';
  mxRelay: string | null;
  state: string;
  taskPendingId: number;
  cnameToCheck: string | null;
  expectedMX: string[];
  mxIsValid: boolean;
  mxRecord: string[] | null;
  srvIsValid: boolean;
  srvRecord: string[] | null;
  // The new MX Plan's domain has no SPF or autodiscover expectations.
  expectedSPF?: string;
  expectedAutodiscoverSRV?: string;
  spfIsValid?: boolean;
  spfRecord?: string[] | null;
}

type TaskLike = TaskSnapshot & { id: number; status: string; function: string };

export interface FamilySpec {
  kind: Exclude<PlatformKind, 'mxplan_legacy'>;
  capabilities: Capabilities;
  /** Human name of the product, for messages. */
  product: string;
  listServices(client: OvhClient, options?: OperationOptions): Promise<ServiceRef[]>;
  /** Encoded base path of one service, e.g. `/email/pro/emailpro-ab12345-1`. */
  base(ref: ServiceRef): string;
  /** IMAP host when the service does not name one (MX Plan: ssl0.ovh.net, reference §4). */
  defaultImapHost?: string;
  /** Account tasks live under `tasks` (Exchange, E-mail Pro) or `task` (MX Plan). */
  accountTasks: 'tasks' | 'task';
  schemas: {
    service: z.ZodType<ServiceLike>;
    account: z.ZodType<AccountLike>;
    domain: z.ZodType<DomainLike>;
    task: z.ZodType<TaskLike>;
    /** Per-account protocols (`IMAP` allowed), where the platform has them. */
    protocol?: z.ZodType<{ IMAP: boolean }>;
  };
}

const STRING_LIST = z.array(z.string());

export function createFamilyAdapter(
  client: OvhClient,
  spec: FamilySpec,
  polling: ResolvedPolling,
): PlatformAdapter {
  const listSchema = STRING_LIST;
  const { schemas } = spec;
  const accountPath = (ref: ServiceRef, address: string) =>
    `${spec.base(ref)}${ovhPath`/account/${address}`}`;
  const signalOf = (options?: OperationOptions) =>
    options?.signal ? { signal: options.signal } : {};

  const toAccount = (account: AccountLike): AccountInfo => ({
    address: account.primaryEmailAddress,
    login: account.login,
    domain: account.domain,
    ...withOptional('displayName', account.displayName),
    ...withOptional('firstName', account.firstName),
    ...withOptional('lastName', account.lastName),
    configured: account.configured,
    freeSlot: isFreeSlot(account),
    state: accountState(account.state),
    rawState: account.state,
    quotaBytes: Math.round(account.quota * QUOTA_UNIT_BYTES),
    ...(account.currentUsage === null ? {} : { apiUsage: account.currentUsage }),
    taskPending: Boolean(account.taskPendingId),
  });

  const readAccount = async (ref: ServiceRef, address: string, options?: OperationOptions) =>
    client.get(accountPath(ref, address), schemas.account, signalOf(options));

  /** The account at `address`, once it exists, is ok and has no task pending. */
  const settledAccount = (ref: ServiceRef, address: string, options?: OperationOptions) =>
    waitUntil(
      `The account ${address} becoming ready`,
      async () => {
        try {
          const account = await readAccount(ref, address, options);
          return account.state === 'ok' && !account.taskPendingId ? account : undefined;
        } catch (error) {
          if (isOvhApiError(error) && error.code === 'not_found') return undefined;
          throw error;
        }
      },
      polling,
      options?.signal,
    );

  const waitAccountTask = async (
    ref: ServiceRef,
    address: string,
    task: TaskLike,
    options?: OperationOptions,
  ) => {
    options?.onTask?.(task.id);
    await waitForTask({
      fetchTask: () =>
        client.get(
          `${accountPath(ref, address)}/${spec.accountTasks}/${task.id}`,
          schemas.task,
          signalOf(options),
        ),
      intervalMs: polling.intervalMs,
      timeoutMs: polling.timeoutMs,
      sleep: polling.sleep,
      ...signalOf(options),
    });
  };

  const waitServiceTask = async (ref: ServiceRef, task: TaskLike, options?: OperationOptions) => {
    options?.onTask?.(task.id);
    await waitForTask({
      fetchTask: () =>
        client.get(`${spec.base(ref)}/task/${task.id}`, schemas.task, signalOf(options)),
      intervalMs: polling.intervalMs,
      timeoutMs: polling.timeoutMs,
      sleep: polling.sleep,
      ...signalOf(options),
    });
  };

  const readDomain = async (ref: ServiceRef, name: string, options?: OperationOptions) => {
    try {
      return await client.get(
        `${spec.base(ref)}${ovhPath`/domain/${name}`}`,
        schemas.domain,
        signalOf(options),
      );
    } catch (error) {
      if (isOvhApiError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  };

  const unsupported = (what: string) =>
    new PlatformError('unsupported', `${spec.product} cannot ${what}.`);

  const adapter: PlatformAdapter = {
    kind: spec.kind,
    capabilities: spec.capabilities,

    listServices: (options) => spec.listServices(client, options),

    async getService(ref, options) {
      const [service, domains] = await Promise.all([
        client.get(spec.base(ref), schemas.service, signalOf(options)),
        client.get(`${spec.base(ref)}/domain`, listSchema, signalOf(options)),
      ]);
      return {
        ref,
        displayName: service.displayName ?? ref.service,
        state: serviceState(service.state),
        rawState: service.state,
        imapHost: service.hostname ?? spec.defaultImapHost ?? '',
        domains,
        passwordPolicy: {
          minLength: service.minPasswordLength ?? 8,
          maxLength: 128,
          complexity: service.complexityEnabled,
        },
      } satisfies ServiceInfo;
    },

    async listAccounts(ref, options) {
      const accounts = await listCollection(
        client,
        `${spec.base(ref)}/account`,
        schemas.account,
        signalOf(options),
      );
      return accounts.map(toAccount);
    },

    async listAccountAddresses(ref, options) {
      return client.get(`${spec.base(ref)}/account`, listSchema, signalOf(options));
    },

    async getAccounts(ref, addresses, options) {
      const accounts = await getObjects(
        client,
        `${spec.base(ref)}/account`,
        addresses,
        schemas.account,
        signalOf(options),
      );
      return accounts.map(toAccount);
    },

    async getAccount(ref, address, options) {
      return toAccount(await readAccount(ref, address, options));
    },

    async listFreeSlots(ref, options) {
      // Only the placeholder addresses (a `like` filter), not the whole service.
      const accounts = await listCollection(client, `${spec.base(ref)}/account`, schemas.account, {
        ...signalOf(options),
        query: { primaryEmailAddress: `%@${FREE_SLOT_DOMAIN}` },
      });
      return accounts.map(toAccount).filter((account) => account.freeSlot);
    },

    imapEndpoint(service, address) {
      return { host: service.imapHost, port: 993, tls: 'implicit', user: address };
    },

    async getDomain(ref, name, options) {
      const domain = await readDomain(ref, name, options);
      return domain ? toDomain(domain) : undefined;
    },

    async addDomain(ref, domain, options) {
      if (!spec.capabilities.manageDomains) throw unsupported('add a domain to a service');
      const task = await client.post(
        `${spec.base(ref)}/domain`,
        {
          name: domain.name,
          type: domain.type,
          ...(domain.mxRelay ? { mxRelay: domain.mxRelay } : {}),
          // DNS is the user's to change, after the move (reference §1, last step).
          configureMx: false,
          configureAutodiscover: false,
        },
        schemas.task,
        signalOf(options),
      );
      await waitServiceTask(ref, task, options);
      await waitUntil(
        `The domain ${domain.name} becoming ready on the service`,
        async () => {
          const current = await readDomain(ref, domain.name, options);
          return current?.state === 'ok' && !current.taskPendingId ? current : undefined;
        },
        polling,
        options?.signal,
      );
    },

    async changeDomain(ref, name, change, options) {
      await client.put(
        `${spec.base(ref)}${ovhPath`/domain/${name}`}`,
        {
          ...(change.type ? { type: change.type } : {}),
          ...(change.mxRelay !== undefined ? { mxRelay: change.mxRelay } : {}),
        },
        signalOf(options),
      );
      await waitUntil(
        `The domain ${name} taking its new settings`,
        async () => {
          const current = await readDomain(ref, name, options);
          if (!current || current.taskPendingId || current.state !== 'ok') return undefined;
          const typeOk = !change.type || current.type === change.type;
          const relayOk = change.mxRelay === undefined || current.mxRelay === change.mxRelay;
          return typeOk && relayOk ? current : undefined;
        },
        polling,
        options?.signal,
      );
    },

    async removeDomain(ref, name, options) {
      if (!spec.capabilities.manageDomains) throw unsupported('remove a domain from a service');
      const task = await client.delete(
        `${spec.base(ref)}${ovhPath`/domain/${name}`}`,
        schemas.task,
        signalOf(options),
      );
      await waitServiceTask(ref, task, options);
      await waitUntil(
        `The domain ${name} leaving the service`,
        async () => ((await readDomain(ref, name, options)) === undefined ? true : undefined),
        polling,
        options?.signal,
      );
    },

    async renameAccount(ref, address, to, options) {
      if (!spec.capabilities.rename) throw unsupported('rename an account');
      await client.put(
        accountPath(ref, address),
        { login: to.login, domain: to.domain },
        signalOf(options),
      );
      const renamed = `${to.login}@${to.domain}`;
      await settledAccount(ref, renamed, options);
      return renamed;
    },

    async configureSlot(ref, slotAddress, configuration, options) {
      await client.put(
        accountPath(ref, slotAddress),
        {
          login: configuration.login,
          domain: configuration.domain,
          ...(configuration.displayName ? { displayName: configuration.displayName } : {}),
          ...(configuration.firstName ? { firstName: configuration.firstName } : {}),
          ...(configuration.lastName ? { lastName: configuration.lastName } : {}),
        },
        signalOf(options),
      );
      const address = `${configuration.login}@${configuration.domain}`;
      await settledAccount(ref, address, options);
      return address;
    },

    async createAccount() {
      throw unsupported('create an account directly; configure an ordered free slot instead');
    },

    async changePassword(ref, address, password, options) {
      // Right after a rename the new address may be unknown for a moment: the panel itself
      // retries up to 10 times, 1 s apart (reference §3).
      let task: TaskLike | undefined;
      for (let attempt = 1; task === undefined; attempt++) {
        try {
          task = await client.post(
            `${accountPath(ref, address)}/changePassword`,
            { password },
            schemas.task,
            signalOf(options),
          );
        } catch (error) {
          const settling = isOvhApiError(error) && error.code === 'not_found';
          if (!settling || attempt >= polling.renameSettleAttempts) throw error;
          await polling.sleep(polling.renameSettleDelayMs, options?.signal);
        }
      }
      await waitAccountTask(ref, address, task, options);
    },

    async listAliases(ref, address, options) {
      return client.get(`${accountPath(ref, address)}/alias`, listSchema, signalOf(options));
    },

    async addAlias(ref, address, alias, options) {
      const task = await client.post(
        `${accountPath(ref, address)}/alias`,
        { alias },
        schemas.task,
        signalOf(options),
      );
      await waitAccountTask(ref, address, task, options);
    },

    async removeAlias(ref, address, alias, options) {
      const task = await client.delete(
        `${accountPath(ref, address)}${ovhPath`/alias/${alias}`}`,
        schemas.task,
        signalOf(options),
      );
      await waitAccountTask(ref, address, task, options);
    },

    async isImapAllowed(ref, address, options) {
      if (!schemas.protocol) return undefined;
      const protocol = await client.get(
        `${accountPath(ref, address)}/protocol`,
        schemas.protocol,
        signalOf(options),
      );
      return protocol.IMAP;
    },

    async resetAccount(ref, address, options) {
      const task = await client.delete(accountPath(ref, address), schemas.task, signalOf(options));
      await waitServiceTask(ref, task, options).catch(async (error) => {
        // Some platforms file the reset under the account's tasks rather than the service's.
        if (isOvhApiError(error) && error.code === 'not_found') {
          return waitAccountTask(ref, address, task, options);
        }
        throw error;
      });
    },
  };
  return adapter;
}

function toDomain(domain: DomainLike): DomainInfo {
  return {
    name: domain.name,
    type: domain.type,
    ...withOptional('mxRelay', domain.mxRelay),
    state:
      domain.state === 'ok' ? 'ok' : serviceState(domain.state) === 'busy' ? 'busy' : 'unknown',
    rawState: domain.state,
    ...withOptional('cnameToCheck', domain.cnameToCheck),
    dns: {
      expectedMx: domain.expectedMX,
      mxValid: domain.mxIsValid,
      ...(domain.mxRecord ? { actualMx: domain.mxRecord } : {}),
      ...(domain.expectedSPF === undefined ? {} : { expectedSpf: domain.expectedSPF }),
      ...(domain.spfIsValid === undefined ? {} : { spfValid: domain.spfIsValid }),
      ...(domain.spfRecord ? { actualSpf: domain.spfRecord } : {}),
      ...(domain.expectedAutodiscoverSRV === undefined
        ? {}
        : { expectedAutodiscoverSrv: domain.expectedAutodiscoverSRV }),
      srvValid: domain.srvIsValid,
      ...(domain.srvRecord ? { actualSrv: domain.srvRecord } : {}),
    },
  };
}

function withOptional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  const present = optional(value);
  return (present === undefined ? {} : { [key]: present }) as { [P in K]?: string };
}
