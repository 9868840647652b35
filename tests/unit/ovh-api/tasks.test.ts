import { describe, expect, it } from 'vitest';
import {
  isOvhApiError,
  isOvhTaskError,
  isWaitTimeout,
  OvhTaskError,
  type WaitPolicy,
  waitFor,
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
    /** The wait policy on this fake clock (steady pauses unless told otherwise). */
    policy: (policy: WaitPolicy = {}): WaitPolicy => ({
      firstMs: 1_000,
      factor: 1,
      sleep: time.sleep,
      now: time.clock,
      ...policy,
    }),
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
      onProgress: (current) => seen.push(current.status),
      policy: time.policy({ firstMs: 2_000 }),
    });
    expect(done.status).toBe('done');
    expect(seen).toEqual(['todo', 'doing', 'done']);
    expect(time.sleeps).toEqual([2_000, 2_000]);
  });

  it('does not sleep when the task is already done', async () => {
    const time = fakeTime();
    await waitForTask({ fetchTask: statuses('done'), policy: time.policy() });
    expect(time.sleeps).toEqual([]);
  });

  it('rejects task_failed with the task id and function on error', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForTask({ fetchTask: statuses('doing', 'error'), policy: time.policy() }),
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
      waitForTask({ fetchTask: statuses('cancelled'), policy: time.policy() }),
    );
    expect(isOvhTaskError(error) && error.code).toBe('task_cancelled');
  });

  it('gives up once nothing moved for patienceMs, never sleeping past it, naming the task', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForTask({
        fetchTask: statuses('doing'),
        what: 'jean renamed',
        policy: time.policy({ firstMs: 3_000, patienceMs: 10_000 }),
      }),
    );
    expect(isWaitTimeout(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'wait_timeout',
      taskId: 42,
      taskFunction: 'changePassword',
    });
    expect((error as Error).message).toMatch(/jean renamed .* The changePassword task 42 is doing/);
    expect(time.now).toBe(10_000);
    expect(time.sleeps).toEqual([3_000, 3_000, 3_000, 1_000]);
  });

  it('counts a task moving from todo to doing as progress: the clock starts again', async () => {
    const time = fakeTime();
    // 8 s in todo, then doing: 8 s more is still within 10 s of the move.
    const sequence = ['todo', 'todo', 'todo', 'todo', 'doing', 'doing', 'doing', 'doing', 'done'];
    const done = await waitForTask({
      fetchTask: statuses(...sequence),
      policy: time.policy({ firstMs: 2_000, patienceMs: 10_000 }),
    });
    expect(done.status).toBe('done');
    expect(time.now).toBe(16_000);
  });

  it('backs off: pauses grow by factor up to maxMs (tasks take minutes)', async () => {
    const time = fakeTime();
    await rejection(
      waitFor('x', async () => ({ waiting: 'still' }), {
        policy: time.policy({ firstMs: 1_000, factor: 2, maxMs: 5_000, patienceMs: 20_000 }),
      }),
    );
    expect(time.sleeps).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 3_000]);
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
        policy: time.policy(),
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
      policy: time.policy(),
    });
    expect(index).toBe(3);
    expect(time.sleeps).toEqual([1_000, 1_000]);
  });

  it('gives up with the task id', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForPendingTaskToLeave({
        listPendingIds: async () => [42],
        taskId: 42,
        policy: time.policy({ patienceMs: 5_000 }),
      }),
    );
    expect(error).toMatchObject({ name: 'WaitTimeoutError', code: 'wait_timeout', taskId: 42 });
  });

  it('stops with cancelled on abort', async () => {
    const time = fakeTime();
    const error = await rejection(
      waitForPendingTaskToLeave({
        listPendingIds: async () => [42],
        taskId: 42,
        signal: AbortSignal.abort(),
        policy: time.policy(),
      }),
    );
    expect(isOvhApiError(error) && error.code).toBe('cancelled');
  });
});
