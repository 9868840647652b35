/**
 * Exchange, E-mail Pro and the new MX Plan share one model (reference §3): services with domains,
 * accounts (free slots on `configureme.me`), tasks with a status. One implementation, told by a
 * `FamilySpec` where the paths and schemas differ. Writes go through the task desk
 * (family-tasks.ts): read before acting, never blindly repeated, their task followed.
 */
import { z } from 'zod';
import { isOvhApiError, type OvhClient, ovhPath, waitFor } from '../ovh-api/index.ts';
import {
  type AccountInfo,
  type DomainInfo,
  type OperationOptions,
  type PlatformAdapter,
  PlatformError,
  type ServiceInfo,
  type ServiceRef,
} from './adapter.ts';
import { createTaskDesk, mayHaveLanded } from './family-tasks.ts';
import type { AccountLike, DomainLike, FamilySpec, TaskLike } from './family-types.ts';
import { getObjects, listCollection } from './list-collection.ts';
import {
  accountState,
  FREE_SLOT_DOMAIN,
  isFreeSlot,
  optional,
  QUOTA_UNIT_BYTES,
  serviceState,
} from './normalize.ts';
import type { ResolvedPolling } from './polling.ts';

export type { FamilySpec } from './family-types.ts';

const STRING_LIST = z.array(z.string());

export function createFamilyAdapter(
  client: OvhClient,
  spec: FamilySpec,
  polling: ResolvedPolling,
): PlatformAdapter {
  const { schemas } = spec;
  const desk = createTaskDesk(client, spec, polling);
  const accountPath = (ref: ServiceRef, address: string) =>
    `${spec.base(ref)}${ovhPath`/account/${address}`}`;
  const domainPath = (ref: ServiceRef, name: string) =>
    `${spec.base(ref)}${ovhPath`/domain/${name}`}`;
  const signalOf = (options?: OperationOptions) =>
    options?.signal ? { signal: options.signal } : {};
  const waitOptions = (options?: OperationOptions) => ({
    policy: polling,
    ...signalOf(options),
    ...(options?.onWait ? { onWait: options.onWait } : {}),
  });

  const readAccount = async (ref: ServiceRef, address: string, options?: OperationOptions) => {
    try {
      return await client.get(accountPath(ref, address), schemas.account, signalOf(options));
    } catch (error) {
      if (isOvhApiError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  };
  const idle = (account: AccountLike | undefined) =>
    account !== undefined && account.state === 'ok' && !account.taskPendingId;

  const readDomain = async (ref: ServiceRef, name: string, options?: OperationOptions) => {
    try {
      return await client.get(domainPath(ref, name), schemas.domain, signalOf(options));
    } catch (error) {
      if (isOvhApiError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  };

  /**
   * A domain change: sent once, its task followed (the domain names it in `taskPendingId`), the
   * state read back after a lost answer; done once `landed` holds.
   */
  const domainChange = async (
    ref: ServiceRef,
    name: string,
    what: string,
    landed: (domain: DomainLike | undefined) => boolean,
    send: () => Promise<TaskLike | undefined>,
    options?: OperationOptions,
  ) => {
    const settled = async () => {
      const domain = await readDomain(ref, name, options);
      if (domain?.taskPendingId) {
        await desk.followServiceTask(ref, domain.taskPendingId, what, options);
        return readDomain(ref, name, options);
      }
      return domain;
    };
    if (options?.resumed && landed(await settled())) return;
    let task: TaskLike | undefined;
    try {
      task = await send();
    } catch (error) {
      if (!mayHaveLanded(error) && !(isOvhApiError(error) && error.code === 'task_pending')) {
        throw error;
      }
      if (landed(await settled())) return;
      throw error;
    }
    if (task !== undefined) await desk.followServiceTask(ref, task.id, what, options, true);
    await waitFor(
      what,
      async () => {
        const domain = await settled();
        return landed(domain) && domain?.state !== 'creating'
          ? { done: true }
          : { waiting: `${name} is "${domain?.state ?? 'absent'}"`, progress: domain?.state ?? '' };
      },
      waitOptions(options),
    );
  };

  const unsupported = (what: string) =>
    new PlatformError('unsupported', `${spec.product} cannot ${what}.`);

  return {
    kind: spec.kind,
    capabilities: spec.capabilities,

    listServices: (options) => spec.listServices(client, options),

    async getService(ref, options) {
      const [service, domains] = await Promise.all([
        client.get(spec.base(ref), schemas.service, signalOf(options)),
        client.get(`${spec.base(ref)}/domain`, STRING_LIST, signalOf(options)),
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
          maxLength: spec.passwordMaxLength,
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
      return client.get(`${spec.base(ref)}/account`, STRING_LIST, signalOf(options));
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
      // A missing account is the API's own 404 (`not_found`).
      return toAccount(
        await client.get(accountPath(ref, address), schemas.account, signalOf(options)),
      );
    },

    async settleAccount(ref, address, options) {
      await desk.settle(ref, address, options);
      const account = await readAccount(ref, address, options);
      if (account?.taskPendingId) {
        await desk
          .followAccountTask(
            ref,
            [address],
            { id: account.taskPendingId },
            `${address} settling`,
            options,
          )
          .catch(() => undefined);
        const after = await readAccount(ref, address, options);
        return after && toAccount(after);
      }
      return account && toAccount(account);
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
      await domainChange(
        ref,
        domain.name,
        `${domain.name} added to ${ref.service}`,
        (current) => current !== undefined && current.state === 'ok',
        () =>
          client.post(
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
          ),
        options,
      );
    },

    async changeDomain(ref, name, change, options) {
      await domainChange(
        ref,
        name,
        `${name} taking its new settings on ${ref.service}`,
        (current) =>
          current !== undefined &&
          !current.taskPendingId &&
          current.state === 'ok' &&
          (!change.type || current.type === change.type) &&
          (change.mxRelay === undefined || current.mxRelay === change.mxRelay),
        async () => {
          await client.put(
            domainPath(ref, name),
            {
              ...(change.type ? { type: change.type } : {}),
              ...(change.mxRelay !== undefined ? { mxRelay: change.mxRelay } : {}),
            },
            signalOf(options),
          );
          // A PUT answers no task: the domain names it.
          const pending = (await readDomain(ref, name, options))?.taskPendingId;
          return pending ? ({ id: pending } as TaskLike) : undefined;
        },
        options,
      );
    },

    async removeDomain(ref, name, options) {
      if (!spec.capabilities.manageDomains) throw unsupported('remove a domain from a service');
      await domainChange(
        ref,
        name,
        `${name} removed from ${ref.service}`,
        (current) => current === undefined,
        () => client.delete(domainPath(ref, name), schemas.task, signalOf(options)),
        options,
      );
    },

    async renameAccount(ref, address, to, options) {
      if (!spec.capabilities.rename) throw unsupported('rename an account');
      const renamed = `${to.login}@${to.domain}`;
      await desk.change(
        ref,
        {
          address,
          after: renamed,
          what: `${address} renamed to ${renamed}`,
          landed: async () => idle(await readAccount(ref, renamed, options)),
          send: async () => {
            await client.put(
              accountPath(ref, address),
              { login: to.login, domain: to.domain },
              signalOf(options),
            );
            return undefined;
          },
        },
        options,
      );
      return renamed;
    },

    async configureSlot(ref, slotAddress, configuration, options) {
      const address = `${configuration.login}@${configuration.domain}`;
      await desk.change(
        ref,
        {
          address: slotAddress,
          after: address,
          what: `the slot ${slotAddress} becoming ${address}`,
          landed: async () => {
            const account = await readAccount(ref, address, options);
            return idle(account) && account?.configured === true;
          },
          send: async () => {
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
            return undefined;
          },
        },
        options,
      );
      return address;
    },

    async createAccount() {
      throw unsupported('create an account directly; configure an ordered free slot instead');
    },

    async changePassword(ref, address, password, options) {
      // Right after a rename the new address may be unknown for a moment: the panel itself
      // retries up to 10 times, 1 s apart (reference §3); we wait for it on the one helper.
      const post = () =>
        client.post(
          `${accountPath(ref, address)}/changePassword`,
          { password },
          schemas.task,
          signalOf(options),
        );
      await desk.change(
        ref,
        {
          address,
          what: `the new password of ${address}`,
          answersTask: true,
          // A password cannot be read back: only its task shows it was applied.
          landed: async () => false,
          confirmedByTask: true,
          send: () =>
            waitFor(
              `${address} known to OVHcloud`,
              async () => {
                try {
                  return { done: await post() };
                } catch (error) {
                  if (isOvhApiError(error) && error.code === 'not_found') {
                    return { waiting: `${address} is not known yet` };
                  }
                  throw error;
                }
              },
              {
                ...waitOptions(options),
                policy: { ...polling, patienceMs: polling.newAddressPatienceMs },
              },
            ),
        },
        options,
      );
    },

    async listAliases(ref, address, options) {
      return client.get(`${accountPath(ref, address)}/alias`, STRING_LIST, signalOf(options));
    },

    async addAlias(ref, address, alias, options) {
      const has = async () =>
        (await client.get(`${accountPath(ref, address)}/alias`, STRING_LIST, signalOf(options)))
          .map((a) => a.toLowerCase())
          .includes(alias.toLowerCase());
      await desk.change(
        ref,
        {
          address,
          what: `the alias ${alias} on ${address}`,
          answersTask: true,
          landed: has,
          confirmedByTask: true,
          send: () =>
            client.post(
              `${accountPath(ref, address)}/alias`,
              { alias },
              schemas.task,
              signalOf(options),
            ),
        },
        options,
      );
    },

    async removeAlias(ref, address, alias, options) {
      const gone = async () =>
        !(await client.get(`${accountPath(ref, address)}/alias`, STRING_LIST, signalOf(options)))
          .map((a) => a.toLowerCase())
          .includes(alias.toLowerCase());
      await desk.change(
        ref,
        {
          address,
          what: `the alias ${alias} off ${address}`,
          answersTask: true,
          landed: gone,
          confirmedByTask: true,
          send: () =>
            client.delete(
              `${accountPath(ref, address)}${ovhPath`/alias/${alias}`}`,
              schemas.task,
              signalOf(options),
            ),
        },
        options,
      );
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
      const gone = async () => {
        const account = await readAccount(ref, address, options);
        return account === undefined || (isFreeSlot(account) && idle(account));
      };
      await desk.change(
        ref,
        {
          address,
          what: `${address} reset to a free slot`,
          answersTask: true,
          landed: gone,
          confirmedByTask: true,
          send: () => client.delete(accountPath(ref, address), schemas.task, signalOf(options)),
        },
        options,
      );
    },
  };
}

function toAccount(account: AccountLike): AccountInfo {
  return {
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
    ...(account.taskPendingId ? { pendingTaskId: account.taskPendingId } : {}),
  };
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
