/**
 * The legacy MX Plan's tasks (`TaskPop`: no status, done once it leaves the pending list,
 * inferred) and changes sent once: what is already there or pending is not sent again, and after
 * a failure that leaves a doubt (a lost answer, "a pending task"), a TaskPop that appeared is
 * followed.
 */
import { z } from 'zod';
import {
  isOvhApiError,
  domain as legacy,
  type OvhClient,
  ovhPath,
  waitForPendingTaskToLeave,
} from '../ovh-api/index.ts';
import type { OperationOptions, ServiceRef } from './adapter.ts';
import { mayHaveLanded } from './family-tasks.ts';
import type { ResolvedPolling } from './polling.ts';

const IDS = z.array(z.number());

export function createLegacyDesk(client: OvhClient, polling: ResolvedPolling) {
  const base = (ref: ServiceRef) => ovhPath`/email/domain/${ref.service}`;
  const accountPath = (ref: ServiceRef, name: string) => `${base(ref)}${ovhPath`/account/${name}`}`;
  const request = (options?: OperationOptions) =>
    options?.signal ? { signal: options.signal } : {};

  const pendingIds = (ref: ServiceRef, name: string, options?: OperationOptions) =>
    client.get(`${base(ref)}/task/account`, IDS, { ...request(options), query: { name } });

  const waitTask = async (
    ref: ServiceRef,
    name: string,
    taskId: number,
    options?: OperationOptions,
  ) => {
    options?.onTask?.(taskId);
    await waitForPendingTaskToLeave({
      what: `the task ${taskId} on ${name}@${ref.service}`,
      taskId,
      listPendingIds: () => pendingIds(ref, name, options),
      policy: polling,
      ...request(options),
      ...(options?.onWait ? { onWait: options.onWait } : {}),
    });
  };

  /** Every TaskPop still pending on the account leaves the list (whatever it did). */
  const settle = async (ref: ServiceRef, name: string, options?: OperationOptions) => {
    for (const id of await pendingIds(ref, name, options)) await waitTask(ref, name, id, options);
  };

  /**
   * A change sent once: what is already there or pending is not sent again, and after a failure
   * that leaves a doubt (a lost answer, "a pending task"), a TaskPop that appeared is followed.
   */
  const change = async (
    ref: ServiceRef,
    name: string,
    landed: () => Promise<boolean>,
    send: () => Promise<{ id: number }>,
    options?: OperationOptions,
  ) => {
    if (await landed()) return;
    await settle(ref, name, options);
    if (await landed()) return;
    const before = new Set(await pendingIds(ref, name, options));
    try {
      const task = await send();
      await waitTask(ref, name, task.id, options);
    } catch (error) {
      const busy = isOvhApiError(error) && error.code === 'task_pending';
      if (!busy && !mayHaveLanded(error)) throw error;
      const fresh = (await pendingIds(ref, name, options)).filter((id) => !before.has(id));
      for (const id of fresh) await waitTask(ref, name, id, options);
      if (fresh.length === 0 && !(await landed())) throw error;
    }
  };

  const exists = async (ref: ServiceRef, name: string, options?: OperationOptions) => {
    try {
      await client.get(accountPath(ref, name), legacy.AccountSchema, request(options));
      return true;
    } catch (error) {
      if (isOvhApiError(error) && error.code === 'not_found') return false;
      throw error;
    }
  };

  return { waitTask, settle, change, exists };
}
