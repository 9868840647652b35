/**
 * Waiting for OvhCloud's asynchronous tasks, on the one wait helper (wait.ts). Exchange, E-mail
 * Pro and the new MX Plan return a task with a status (`todo`, `doing`, `done`, `error`,
 * `cancelled`); the legacy MX Plan's `TaskPop` has none, and is taken as finished once its id
 * leaves the pending list (inferred). A task in error is reported at once, in its own words.
 */
import { OvhTaskError } from './task-error.ts';
import { type Probe, type WaitOptions, waitFor } from './wait.ts';

export interface TaskSnapshot {
  status: string;
  id?: number;
  function?: string;
}

export interface WaitForTaskOptions<T extends TaskSnapshot> extends WaitOptions {
  /** Reads the task, e.g. `() => client.get(ovhPath`/email/pro/${s}/task/${id}`, pro.TaskSchema)`. */
  fetchTask: () => Promise<T>;
  /**
   * Called with each task read, e.g. to show `doing`.
   * @default undefined
   */
  onProgress?: (task: T) => void;
  /** What the task does, for messages ("jean.dupont@… renamed"). @default its function */
  what?: string;
}

// `problem` is the DNS zone's own word for a task stuck on an error.
const FAILED = new Set(['error', 'problem']);

/** What a task in `error`, `problem` or `cancelled` stands for, in its words (else undefined). */
export function taskFailure(task: TaskSnapshot): OvhTaskError | undefined {
  const about = { taskId: task.id, taskFunction: task.function, status: task.status };
  if (FAILED.has(task.status)) {
    return new OvhTaskError({ code: 'task_failed', message: describe(task, 'failed'), ...about });
  }
  if (task.status === 'cancelled') {
    const message = describe(task, 'was cancelled');
    return new OvhTaskError({ code: 'task_cancelled', message, ...about });
  }
  return undefined;
}

/** Resolves with the task once `done`; rejects `OvhTaskError`, `WaitTimeoutError` or `cancelled`. */
export async function waitForTask<T extends TaskSnapshot>(
  options: WaitForTaskOptions<T>,
): Promise<T> {
  return waitFor<T>(
    options.what ?? 'an OVHcloud task',
    async (): Promise<Probe<T>> => {
      const task = await options.fetchTask();
      options.onProgress?.(task);
      if (task.status === 'done') return { done: task };
      const failure = taskFailure(task);
      if (failure) throw failure;
      // `todo`, `doing`, and any status OvhCloud adds later: still running; moving from one to
      // the next is progress.
      return {
        waiting: describe(task, `is ${task.status}`),
        progress: task.status,
        status: task.status,
        ...(task.id === undefined ? {} : { taskId: task.id }),
        ...(task.function === undefined ? {} : { taskFunction: task.function }),
      };
    },
    options,
  );
}

export interface WaitForPendingTaskOptions extends WaitOptions {
  /** Ids still pending, e.g. `GET /email/domain/{domain}/task/account?name={account}`. */
  listPendingIds: () => Promise<number[]>;
  taskId: number;
  /**
   * Called with each list read.
   * @default undefined
   */
  onProgress?: (pendingIds: number[]) => void;
  what?: string;
}

/** Resolves once `taskId` is no longer in the pending list (legacy MX Plan `TaskPop`). */
export async function waitForPendingTaskToLeave(options: WaitForPendingTaskOptions): Promise<void> {
  await waitFor<undefined>(
    options.what ?? 'an OVHcloud task',
    async () => {
      const pending = await options.listPendingIds();
      options.onProgress?.(pending);
      if (!pending.includes(options.taskId)) return { done: undefined };
      return {
        waiting: `The task ${options.taskId} is pending at OvhCloud.`,
        // Its place in the queue moving is progress.
        progress: pending.indexOf(options.taskId),
        taskId: options.taskId,
      };
    },
    options,
  );
}

/** "The setAccount task 4521 failed at OvhCloud." — a task has no message of its own. */
export function describe(task: TaskSnapshot, outcome: string): string {
  const what = task.function ? `The ${task.function} task` : 'The task';
  return `${what}${task.id === undefined ? '' : ` ${task.id}`} ${outcome} at OvhCloud.`;
}
