/**
 * Exchange, E-mail Pro and the new MX Plan share one model (reference §3): services with domains,
 * accounts (free slots on `configureme.me`), tasks with a status. One implementation, told by a
 * `FamilySpec` where the paths and schemas differ: reads here, domains in family-domains.ts,
 * account changes in family-accounts.ts (through the task desk, family-tasks.ts).
 */
import { isOvhTaskError, type OvhClient } from '../ovh-api/index.ts';
import type { PlatformAdapter, ServiceInfo } from './adapter.ts';
import { accountWrites } from './family-accounts.ts';
import { createFamilyContext } from './family-context.ts';
import { domainMethods } from './family-domains.ts';
import type { FamilySpec } from './family-types.ts';
import { toAccount } from './family-views.ts';
import { getObjects, listCollection } from './list-collection.ts';
import { FREE_SLOT_DOMAIN, serviceState } from './normalize.ts';
import type { ResolvedPolling } from './polling.ts';
import { pstExportMethods } from './pst-export.ts';

export type { FamilySpec } from './family-types.ts';

export function createFamilyAdapter(
  client: OvhClient,
  spec: FamilySpec,
  polling: ResolvedPolling,
): PlatformAdapter {
  const context = createFamilyContext(client, spec, polling);
  const { schemas, desk, accountPath, signalOf, readAccount } = context;
  const STRING_LIST = context.stringList;
  return {
    ...domainMethods(context),
    ...accountWrites(context),
    ...(spec.pstExport ? pstExportMethods(context) : {}),
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
          .catch((error: unknown) => {
            // Its outcome is read below; giving up, a cancel or a failed read are not an outcome.
            if (!isOvhTaskError(error)) throw error;
          });
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

    async isImapAllowed(ref, address, options) {
      if (!schemas.protocol) return undefined;
      const protocol = await client.get(
        `${accountPath(ref, address)}/protocol`,
        schemas.protocol,
        signalOf(options),
      );
      return protocol.IMAP;
    },
  };
}
