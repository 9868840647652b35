/**
 * Waiting for OvhCloud's asynchronous tasks. Exchange, E-mail Pro and the new MX Plan return a
 * task with a status (`todo`, `doing`, `done`, `error`, `cancelled`); the legacy MX Plan's `TaskPop`
 * has none, and is taken as finished once its id leaves the pending list (inferred).
 */
import { cancelledError } from './errors.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';
import { OvhTaskError } from './task-error.ts';

export interface TaskSnapshot {
  status: string;
  id?: number;
  function?: string;
}

interface PollOptions {
  /**
   * Pause between two polls, in milliseconds. Tasks take seconds to minutes; with the client's
   * rate limit, faster polling only delays the other calls.
   * @default 3_000
   */
  intervalMs?: number;
  /**
   * Give up after this long (`task_timeout`). The task itself keeps running at OvhCloud.
   * @default 600_000 (10 minutes)
   */
  timeoutMs?: number;
  /**
   * Stops waiting (`cancelled`).
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Injectable for tests.
   * @default a setTimeout-based sleep
   */
  sleep?: Sleep;
  /**
   * Injectable for tests, in milliseconds.
   * @default () => performance.now()
   */
  now?: () => number;
}

export interface WaitForTaskOptions<T extends TaskSnapshot> extends PollOptions {
  /** Reads the task, e.g. `() => client.get(ovhPath`/email/pro/${s}/task/${id}`, pro.TaskSchema)`. */
  fetchTask: () => Promise<T>;
  /**
   * Called with each task read, e.g. to show `doing`.
   * @default undefined
   */
  onProgress?: (task: T) => void;
}

// `problem` is the DNS zone's own word for a task stuck on an error.
const FAILED = new Set(['error', 'problem']);

/** Resolves with the task once `done`; rejects `OvhTaskError` or `OvhApiError('cancelled')`. */
export async function waitForTask<T extends TaskSnapshot>(
  options: WaitForTaskOptions<T>,
): Promise<T> {
  return poll<T>(options, async () => {
    const task = await options.fetchTask();
    options.onProgress?.(task);
    if (task.status === 'done') return { done: task };
    const about = { taskId: task.id, taskFunction: task.function, status: task.status };
    if (FAILED.has(task.status)) {
      throw new OvhTaskError({ code: 'task_failed', message: describe(task, 'failed'), ...about });
    }
    if (task.status === 'cancelled') {
      const message = describe(task, 'was cancelled');
      throw new OvhTaskError({ code: 'task_cancelled', message, ...about });
    }
    // `todo`, `doing`, and any status OvhCloud adds later: still running, the timeout bounds it.
    return { pending: about };
  });
}

export interface WaitForPendingTaskOptions extends PollOptions {
  /** Ids still pending, e.g. `GET /email/domain/{domain}/task/account?name={account}`. */
  listPendingIds: () => Promise<number[]>;
  taskId: number;
  /**
   * Called with each list read.
   * @default undefined
   */
  onProgress?: (pendingIds: number[]) => void;
}

/** Resolves once `taskId` is no longer in the pending list (legacy MX Plan `TaskPop`). */
export async function waitForPendingTaskToLeave(options: WaitForPendingTaskOptions): Promise<void> {
  await poll<undefined>(options, async () => {
    const pending = await options.listPendingIds();
    options.onProgress?.(pending);
    if (!pending.includes(options.taskId)) return { done: undefined };
    return { pending: { taskId: options.taskId, status: 'pending' } };
  });
}

type Step<T> =
  | { done: T; pending?: undefined }
  | { pending: { taskId?: number; taskFunction?: string; status?: string } };

async function poll<T>(options: PollOptions, step: () => Promise<Step<T>>): Promise<T> {
  const intervalMs = options.intervalMs ?? 3_000;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? (() => performance.now());
  const { signal } = options;
  const deadline = now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw cancelledError({ cause: signal.reason });
    const result = await step();
    if (result.pending === undefined) return result.done;
    // Stop before a sleep that would end past the deadline: the wait never exceeds timeoutMs.
    if (now() + intervalMs > deadline) {
      const { taskId, taskFunction } = result.pending;
      const outcome = `was still pending after ${Math.round(timeoutMs / 1000)} s`;
      const message = describe({ status: '', id: taskId, function: taskFunction }, outcome);
      throw new OvhTaskError({ code: 'task_timeout', message, ...result.pending });
    }
    try {
      await sleep(intervalMs, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelledError({ cause: signal.reason });
      throw error;
    }
  }
}

function describe(task: TaskSnapshot, outcome: string): string {
  const what = task.function ? `The ${task.function} task` : 'The task';
  return `${what}${task.id === undefined ? '' : ` ${task.id}`} ${outcome} at OvhCloud.`;
}
