/**
 * Account changes of a family service: rename, configure a slot, password, aliases, reset. Each
 * goes through the task desk (family-tasks.ts): sent once, its task followed, read back after a
 * failure; a resumed change looks first.
 */
import { isOvhApiError, ovhPath, waitFor } from '../ovh-api/index.ts';
import type { PlatformAdapter } from './adapter.ts';
import { type FamilyContext, idle } from './family-context.ts';
import { isFreeSlot } from './normalize.ts';

type AccountWrites = Pick<
  PlatformAdapter,
  | 'renameAccount'
  | 'configureSlot'
  | 'createAccount'
  | 'changePassword'
  | 'listAliases'
  | 'addAlias'
  | 'removeAlias'
  | 'resetAccount'
>;

export function accountWrites(context: FamilyContext): AccountWrites {
  const {
    client,
    spec,
    schemas,
    polling,
    desk,
    accountPath,
    signalOf,
    waitOptions,
    readAccount,
    unsupported,
  } = context;
  const STRING_LIST = context.stringList;
  return {
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
          send: async () => {
            try {
              return await client.post(
                `${accountPath(ref, address)}/alias`,
                { alias },
                schemas.task,
                signalOf(options),
              );
            } catch (error) {
              // Already this account's: done. Another owner's: the refusal stands.
              if (isOvhApiError(error) && error.code === 'conflict' && (await has())) {
                return undefined;
              }
              throw error;
            }
          },
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
          send: async () => {
            try {
              return await client.delete(
                `${accountPath(ref, address)}${ovhPath`/alias/${alias}`}`,
                schemas.task,
                signalOf(options),
              );
            } catch (error) {
              // Not there: what this change wanted already holds.
              if (isOvhApiError(error) && error.code === 'not_found' && (await gone())) {
                return undefined;
              }
              throw error;
            }
          },
        },
        options,
      );
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
