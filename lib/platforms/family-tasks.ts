/**
 * OVHcloud's tasks on Exchange, E-mail Pro and the new MX Plan, and writes that are never
 * blindly repeated (issue 7). A rename or a slot configuration (PUT) answers nothing: its task
 * is found in the account's task list, then followed, so a task ending in error fails at once
 * in its own words. After a failed write (an answer lost, "a pending task"), the state is read
 * back: a change already there or under way is followed, not sent again.
 */
import { z } from 'zod';
import {
  describeTask,
  isOvhApiError,
  isOvhTaskError,
  type OvhClient,
  waitFor,
  waitForTask,
} from '../ovh-api/index.ts';
import type { OperationOptions, ServiceRef } from './adapter.ts';
import type { FamilySpec, TaskLike } from './family-types.ts';
import type { ResolvedPolling } from './polling.ts';

const IDS = z.array(z.number());
const RUNNING = new Set(['todo', 'doing']);
/** How many of an account's newest tasks are read to find the ones still running. */
const RECENT_TASKS = 10;

/** What `read` answers, or undefined when OVHcloud answers 404 (nothing there). */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isOvhApiError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

/** An answer that may have been lost after the change went through. */
export function mayHaveLanded(error: unknown): boolean {
  return (
    isOvhApiError(error) &&
    (error.code === 'network' || error.code === 'timeout' || error.code === 'server_error')
  );
}

export interface AccountChange {
  /** Where the account is before the change (its task list is read there). */
  address: string;
  /** Where it is after (a rename, a slot configuration): its tasks follow it there. */
  after?: string;
  /** Plain words: "jean.dupont@… renamed to jean.dupont01@…". */
  what: string;
  /** Whether the change is there already (read before sending, and after a doubt). */
  landed(): Promise<boolean>;
  /** The write itself; a task when the API answers one. */
  send(): Promise<Pick<TaskLike, 'id'> | undefined>;
  /** Its task ending well is proof enough (a password cannot be read back). @default false */
  confirmedByTask?: boolean;
  /**
   * The write answers its task (POST, DELETE): no task list to read before sending. After a
   * lost answer, what runs is let end and the state read back. A PUT answers nothing: its task
   * is found in the list.
   * @default false
   */
  answersTask?: boolean;
}

export function createTaskDesk(client: OvhClient, spec: FamilySpec, polling: ResolvedPolling) {
  const signalOf = (options?: OperationOptions) =>
    options?.signal ? { signal: options.signal } : {};
  const accountPath = (ref: ServiceRef, address: string) =>
    `${spec.base(ref)}/account/${encodeURIComponent(address)}`;
  const tasksPath = (ref: ServiceRef, address: string) =>
    `${accountPath(ref, address)}/${spec.accountTasks}`;
  const waitOptions = (options?: OperationOptions) => ({
    policy: polling,
    ...signalOf(options),
    ...(options?.onWait ? { onWait: options.onWait } : {}),
  });

  /** The account's task ids; undefined when no account is at `address`. */
  const taskIds = (ref: ServiceRef, address: string, options?: OperationOptions) =>
    unlessNotFound(() => client.get(tasksPath(ref, address), IDS, signalOf(options)));

  /** The newest tasks of the account, read in one batch GET. */
  const recentTasks = async (
    ref: ServiceRef,
    address: string,
    ids: number[],
    options?: OperationOptions,
  ): Promise<TaskLike[]> => {
    const newest = [...ids].sort((a, b) => b - a).slice(0, RECENT_TASKS);
    if (newest.length === 0) return [];
    const found = await client.getBatch(
      tasksPath(ref, address),
      newest,
      spec.schemas.task,
      signalOf(options),
    );
    return [...found.values()].filter((t): t is TaskLike => !isOvhApiError(t));
  };

  /**
   * Reads one task of the account under whichever address the account has now; once no address
   * holds it (a reset renames the slot), in the service's task list.
   */
  const readAccountTask = async (
    ref: ServiceRef,
    addresses: readonly string[],
    id: number,
    options?: OperationOptions,
  ): Promise<TaskLike> => {
    for (const address of addresses) {
      try {
        return await client.get(
          `${tasksPath(ref, address)}/${id}`,
          spec.schemas.task,
          signalOf(options),
        );
      } catch (error) {
        if (!isOvhApiError(error) || error.code !== 'not_found') throw error;
      }
    }
    return client.get(`${spec.base(ref)}/task/${id}`, spec.schemas.task, signalOf(options));
  };

  const desk = {
    /** Follows an account task until done; a task in error throws `task_failed` at once. */
    async followAccountTask(
      ref: ServiceRef,
      addresses: readonly string[],
      task: Pick<TaskLike, 'id'> & Partial<TaskLike>,
      what: string,
      options?: OperationOptions,
      /** Just created: it is `todo`, the first look can wait. */
      fresh = false,
    ): Promise<void> {
      options?.onTask?.(task.id);
      await waitForTask({
        what,
        fetchTask: () => readAccountTask(ref, addresses, task.id, options),
        ...waitOptions(options),
        pauseFirst: fresh,
      });
    },

    async followServiceTask(
      ref: ServiceRef,
      id: number,
      what: string,
      options?: OperationOptions,
      fresh = false,
    ) {
      options?.onTask?.(id);
      await waitForTask({
        what,
        pauseFirst: fresh,
        fetchTask: () =>
          client.get(`${spec.base(ref)}/task/${id}`, spec.schemas.task, signalOf(options)),
        ...waitOptions(options),
      });
    },

    /**
     * Waits for every task still running on the account (a change sent before an interruption),
     * whatever its outcome: the caller looks at the state afterwards.
     */
    async settle(ref: ServiceRef, address: string, options?: OperationOptions): Promise<void> {
      const ids = await taskIds(ref, address, options);
      if (ids === undefined) return;
      for (const task of await recentTasks(ref, address, ids, options)) {
        if (!RUNNING.has(task.status)) continue;
        await desk
          .followAccountTask(ref, [address], task, describeTask(task, 'to end'), options)
          .catch((error: unknown) => {
            if (!isOvhTaskError(error)) throw error;
          });
      }
    },

    /**
     * Sends a change once, unless it is there already or under way; follows the task it starts;
     * after a failure that leaves a doubt, reads back before deciding. Resolves once the change
     * has landed.
     */
    async change(
      ref: ServiceRef,
      change: AccountChange,
      options?: OperationOptions,
    ): Promise<void> {
      const addresses = change.after ? [change.address, change.after] : [change.address];
      if (options?.resumed) {
        if (await change.landed()) return;
        await desk.settle(ref, change.address, options);
        if (await change.landed()) return;
      }
      for (let attempt = 1; ; attempt++) {
        const before = change.answersTask
          ? undefined
          : new Set((await taskIds(ref, change.address, options)) ?? []);
        let task: Pick<TaskLike, 'id'> | undefined;
        let failure: unknown;
        try {
          task = await change.send();
        } catch (error) {
          const busy = isOvhApiError(error) && error.code === 'task_pending';
          if (!busy && !mayHaveLanded(error)) throw error;
          failure = error;
        }
        if (task === undefined && before !== undefined) {
          task = await newTask(ref, addresses, before, options);
        } else if (task === undefined && failure !== undefined) {
          // Its answer lost: whatever it started ends first, then the state says.
          await desk.settle(ref, change.address, options);
        }
        if (task !== undefined) {
          await desk.followAccountTask(ref, addresses, task, change.what, options, true);
          if (!change.confirmedByTask) await landing(change, options);
          return;
        }
        if (await change.landed()) return;
        if (failure === undefined) {
          // Accepted, and no task shows (yet): wait for the change itself.
          await landing(change, options);
          return;
        }
        // Not applied (no task appeared), or another change was under way: let whatever runs
        // end, look again, and send once more.
        if (attempt >= 2) throw failure;
        await desk.settle(ref, change.address, options);
        if (await change.landed()) return;
      }
    },
  };

  /** The task that appeared on the account since `before` (the newest, if several). */
  const newTask = async (
    ref: ServiceRef,
    addresses: readonly string[],
    before: ReadonlySet<number>,
    options?: OperationOptions,
  ): Promise<Pick<TaskLike, 'id'> | undefined> => {
    for (const address of addresses) {
      const ids = await taskIds(ref, address, options);
      if (ids === undefined) continue;
      const fresh = ids.filter((id) => !before.has(id));
      return fresh.length === 0 ? undefined : { id: Math.max(...fresh) };
    }
    return undefined;
  };

  const landing = (change: AccountChange, options?: OperationOptions) =>
    waitFor(
      change.what,
      async () =>
        (await change.landed()) ? { done: true } : { waiting: `${change.what}: not visible yet` },
      waitOptions(options),
    );

  return desk;
}

export type TaskDesk = ReturnType<typeof createTaskDesk>;
