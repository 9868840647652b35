/**
 * What the family adapter's parts share (family.ts assembles them): the client and spec, the
 * task desk, paths, reads that answer undefined for a 404, and the wait policy.
 */
import { z } from 'zod';
import { type OvhClient, ovhPath } from '../ovh-api/index.ts';
import { type OperationOptions, PlatformError, type ServiceRef } from './adapter.ts';
import { createTaskDesk, type TaskDesk, unlessNotFound } from './family-tasks.ts';
import type { AccountLike, FamilySpec } from './family-types.ts';
import type { ResolvedPolling } from './polling.ts';

export function createFamilyContext(client: OvhClient, spec: FamilySpec, polling: ResolvedPolling) {
  const { schemas } = spec;
  const accountPath = (ref: ServiceRef, address: string) =>
    `${spec.base(ref)}${ovhPath`/account/${address}`}`;
  const domainPath = (ref: ServiceRef, name: string) =>
    `${spec.base(ref)}${ovhPath`/domain/${name}`}`;
  const signalOf = (options?: OperationOptions) =>
    options?.signal ? { signal: options.signal } : {};
  const desk: TaskDesk = createTaskDesk(client, spec, polling);
  return {
    client,
    spec,
    schemas,
    polling,
    desk,
    accountPath,
    domainPath,
    signalOf,
    waitOptions: (options?: OperationOptions) => ({
      policy: polling,
      ...signalOf(options),
      ...(options?.onWait ? { onWait: options.onWait } : {}),
    }),
    readAccount(ref: ServiceRef, address: string, options?: OperationOptions) {
      return unlessNotFound(() =>
        client.get(accountPath(ref, address), schemas.account, signalOf(options)),
      );
    },
    readDomain(ref: ServiceRef, name: string, options?: OperationOptions) {
      return unlessNotFound(() =>
        client.get(domainPath(ref, name), schemas.domain, signalOf(options)),
      );
    },
    stringList: z.array(z.string()),
    unsupported: (what: string) =>
      new PlatformError('unsupported', `${spec.product} cannot ${what}.`),
  };
}

export type FamilyContext = ReturnType<typeof createFamilyContext>;

/** An account with nothing under way. */
export const idle = (account: AccountLike | undefined) =>
  account !== undefined && account.state === 'ok' && !account.taskPendingId;
