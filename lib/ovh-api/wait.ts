/**
 * The one way this project waits for something that happens elsewhere: an OVHcloud task, an
 * account settling after a rename, a copy job in the proxy (imapflow's one deadline owner,
 * `lib/connection-deadline.js`). One give-up rule: stop once nothing has moved for `patienceMs`
 * (a task going from `todo` to `doing`, a copy job copying: each is movement and restarts the
 * clock). Pauses grow from `firstMs` by `factor` up to `maxMs`: OVHcloud's tasks take minutes,
 * and with the client's rate limit, faster polling only delays the other calls.
 */
import { cancelledError } from './errors.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';

export interface WaitPolicy {
  /**
   * First pause between two looks.
   * @default 1_000
   */
  firstMs?: number;
  /**
   * Each pause is this many times the previous one.
   * @default 1.5
   */
  factor?: number;
  /**
   * Longest pause.
   * @default 15_000
   */
  maxMs?: number;
  /**
   * Give up once nothing has moved for this long (`WaitTimeoutError`). What is waited for may
   * still happen afterwards: a caller that stops waiting must read the state again before acting.
   * @default 1_200_000 (20 minutes)
   */
  patienceMs?: number;
  /** Injectable for tests. @default a setTimeout sleep */
  sleep?: Sleep;
  /** Injectable for tests, in milliseconds. @default () => Date.now() */
  now?: () => number;
}

export type ResolvedWaitPolicy = Required<WaitPolicy>;

export function resolveWaitPolicy(
  policy: WaitPolicy = {},
  base?: ResolvedWaitPolicy,
): ResolvedWaitPolicy {
  return {
    firstMs: policy.firstMs ?? base?.firstMs ?? 1_000,
    factor: policy.factor ?? base?.factor ?? 1.5,
    maxMs: policy.maxMs ?? base?.maxMs ?? 15_000,
    patienceMs: policy.patienceMs ?? base?.patienceMs ?? 1_200_000,
    sleep: policy.sleep ?? base?.sleep ?? realSleep,
    now: policy.now ?? base?.now ?? (() => Date.now()),
  };
}

/** What one look found: the awaited value, or what is still awaited (and how far it got). */
export type Probe<T> =
  | { done: T }
  | {
      /** Plain words for messages: "the setAccount task 4521 is doing". */
      waiting: string;
      /** Changes whenever what is awaited moves (a status, a byte count): restarts the clock. */
      progress?: string | number;
      taskId?: number;
      taskFunction?: string;
      /** The status of what is awaited (a task's `todo`/`doing`, a copy job's `running`). */
      status?: string;
    };

/** Told to the caller on each look that found nothing yet (the runner shows it in the state). */
export interface WaitInfo {
  what: string;
  waiting: string;
  taskId?: number;
  taskFunction?: string;
  /** The status of what is awaited at this look (a task's `todo`/`doing`). */
  status?: string;
  /** When the wait began (epoch ms). */
  since: number;
}

export interface WaitOptions {
  policy?: WaitPolicy | ResolvedWaitPolicy;
  signal?: AbortSignal;
  onWait?: (info: WaitInfo) => void;
  /**
   * Pause before the first look, e.g. for a task just created (it is `todo`): one request less.
   * @default false
   */
  pauseFirst?: boolean;
}

/** Nothing moved for `patienceMs`. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError' as const;
  readonly code = 'wait_timeout' as const;
  /** What was awaited ("jean.dupont01@… to exist"). */
  readonly what: string;
  /** What was still pending at the last look. */
  readonly waiting: string;
  readonly waitedMs: number;
  readonly taskId?: number;
  readonly taskFunction?: string;

  constructor(init: {
    what: string;
    waiting: string;
    waitedMs: number;
    taskId?: number;
    taskFunction?: string;
  }) {
    super(
      `Gave up waiting for ${init.what} after ${Math.round(init.waitedMs / 1000)} s without progress: ${init.waiting}. It may still happen at OVHcloud; look before trying again.`,
    );
    this.what = init.what;
    this.waiting = init.waiting;
    this.waitedMs = init.waitedMs;
    this.taskId = init.taskId;
    this.taskFunction = init.taskFunction;
  }
}

export function isWaitTimeout(value: unknown): value is WaitTimeoutError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'WaitTimeoutError' &&
    (value as { code?: unknown }).code === 'wait_timeout'
  );
}

/** Looks with `probe` until it is done, pausing in between, or gives up (see the module doc). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<Probe<T>>,
  options: WaitOptions = {},
): Promise<T> {
  const policy = resolveWaitPolicy(options.policy);
  const { signal } = options;
  const started = policy.now();
  let movedAt = started;
  let last: string | number | undefined;
  let pause = policy.firstMs;
  if (options.pauseFirst) {
    try {
      await policy.sleep(pause, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelledError({ cause: signal.reason });
      throw error;
    }
    pause = Math.min(policy.maxMs, pause * policy.factor);
  }
  for (let looks = 0; ; looks++) {
    if (signal?.aborted) throw cancelledError({ cause: signal.reason });
    const found = await probe();
    if ('done' in found) return found.done;
    const now = policy.now();
    const progress = found.progress ?? found.waiting;
    if (looks > 0 && progress !== last) movedAt = now;
    last = progress;
    options.onWait?.({
      what,
      waiting: found.waiting,
      since: started,
      ...(found.taskId === undefined ? {} : { taskId: found.taskId }),
      ...(found.taskFunction === undefined ? {} : { taskFunction: found.taskFunction }),
      ...(found.status === undefined ? {} : { status: found.status }),
    });
    const left = movedAt + policy.patienceMs - now;
    if (left <= 0) {
      throw new WaitTimeoutError({
        what,
        waiting: found.waiting,
        waitedMs: now - started,
        ...(found.taskId === undefined ? {} : { taskId: found.taskId }),
        ...(found.taskFunction === undefined ? {} : { taskFunction: found.taskFunction }),
      });
    }
    try {
      await policy.sleep(Math.min(pause, left), signal);
    } catch (error) {
      if (signal?.aborted) throw cancelledError({ cause: signal.reason });
      throw error;
    }
    pause = Math.min(policy.maxMs, pause * policy.factor);
  }
}
