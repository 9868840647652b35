import { describe, expect, it } from 'vitest';
import {
  isOvhApiError,
  isOvhTaskError,
  OvhTaskError,
  waitForPendingTaskToLeave,
  waitForTask,
} from '../../../lib/ovh-api/index.ts';

function fakeTime() {
  const time = {
    now: 0,
    sleeps: [] as number[],
    clock: () => time.now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      time.sleeps.push(ms);
      time.now += ms;
    },
  };
  return time;
}

const task = (status: string) => ({ id: 42, function: 'changePassword', status });

/** Serves the statuses in order, repeating the last one. */
function statuses(...sequence: string[]) {
  let index = 0;
  return async () => task(sequence[Math.min(index++, sequence.length - 1)] ?? 'todo');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('waitForTask', () => {
  it('polls until done and reports each read', async () => {
    const time = fakeTime();
    const seen: string[] = [];
    const done = await waitForTask({
      fetchTask: statuses('todo', 'doing', 'done'),
      intervalMs: 2_000,
      onProgress: (current) => seen.push(current.status),
      sleep: time.sleep,
      now: time.clock,
    });
    expect(done.status).toBe('done');
    expect(seen).toEqual(['todo', 'doing', 'done']);
    expect(time.sleeps).toEqual([2_000, 2_000]);
  });

  it('does not sleep when the task is already done', async () => {
    const time = fakeTime();
    await waitForTask({ fetchTask: statuses('done'), sleep: time.sleep, now: time.clock });
    expect(time.sleeps).toEqual([]);
  });

  it('rejects task_failed with the task id and function on error', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForTask({ fetchTask: statuses('doing', 'error'), sleep: time.sleep, now: time.clock }),
    );
    expect(error).toBeInstanceOf(OvhTaskError);
    expect(error).toMatchObject({
      name: 'OvhTaskError',
      code: 'task_failed',
      taskId: 42,
      taskFunction: 'changePassword',
      status: 'error',
    });
  });

  it('rejects task_cancelled when OvhCloud cancelled the task', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForTask({ fetchTask: statuses('cancelled'), sleep: time.sleep, now: time.clock }),
    );
    expect(isOvhTaskError(error) && error.code).toBe('task_cancelled');
  });

  it('gives up with task_timeout, never sleeping past the deadline', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForTask({
        fetchTask: statuses('doing'),
        intervalMs: 3_000,
        timeoutMs: 10_000,
        sleep: time.sleep,
        now: time.clock,
      }),
    );
    expect(error).toMatchObject({ code: 'task_timeout', taskId: 42, status: 'doing' });
    expect(time.now).toBeLessThanOrEqual(10_000);
    expect(time.sleeps).toEqual([3_000, 3_000, 3_000]);
  });

  it('stops with cancelled when the signal aborts between polls', async () => {
    const time = fakeTime();
    const controller = new AbortController();
    let reads = 0;
    const error = await rejection(
      waitForTask({
        fetchTask: async () => {
          reads += 1;
          if (reads === 2) controller.abort();
          return task('doing');
        },
        signal: controller.signal,
        sleep: time.sleep,
        now: time.clock,
      }),
    );
    expect(isOvhApiError(error) && error.code).toBe('cancelled');
    expect(reads).toBe(2);
  });

  it('round-trips an OvhTaskError through its JSON form', () => {
    const error = new OvhTaskError({
      code: 'task_failed',
      message: 'm',
      taskId: 1,
      status: 'error',
    });
    const plain = structuredClone(error.toJSON());
    expect(isOvhTaskError(plain)).toBe(true);
    expect(OvhTaskError.fromJSON(plain).toJSON()).toEqual(error.toJSON());
  });
});

describe('waitForPendingTaskToLeave (legacy MX Plan)', () => {
  it('resolves once the task id leaves the pending list', async () => {
    const time = fakeTime();
    const lists = [[7, 42], [42], [7]];
    let index = 0;
    await waitForPendingTaskToLeave({
      listPendingIds: async () => lists[index++] ?? [],
      taskId: 42,
      intervalMs: 1_000,
      sleep: time.sleep,
      now: time.clock,
    });
    expect(index).toBe(3);
    expect(time.sleeps).toEqual([1_000, 1_000]);
  });

  it('times out with the task id', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForPendingTaskToLeave({
        listPendingIds: async () => [42],
        taskId: 42,
        intervalMs: 1_000,
        timeoutMs: 5_000,
        sleep: time.sleep,
        now: time.clock,
      }),
    );
    expect(error).toMatchObject({ name: 'OvhTaskError', code: 'task_timeout', taskId: 42 });
  });

  it('stops with cancelled on abort', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForPendingTaskToLeave({
        listPendingIds: async () => [42],
        taskId: 42,
        signal: AbortSignal.abort(),
        sleep: time.sleep,
        now: time.clock,
      }),
    );
    expect(isOvhApiError(error) && error.code).toBe('cancelled');
  });
});
