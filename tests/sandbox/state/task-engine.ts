// Runs the sandbox's asynchronous operations the way OVHcloud's tasks behave: `todo` for a step,
// `doing` for a step (plus the time the real work takes, e.g. Dovecot renaming a mailbox), then
// `done` (or `error` when a fault says so). The effect lands before `done` is visible.

export interface TaskHooks {
  /** Task function name and what it is about, for the failing-task fault and logs. */
  fn: string;
  target: string;
  /** Which platform runs it (its realistic duration depends on it). */
  platform?: 'exchange' | 'emailpro' | 'mxplan' | 'legacy';
  doing?(): void;
  /** The real work; throwing ends the task in `error`. */
  apply(): Promise<void> | void;
  done(): void;
  failed(): void;
}

export interface TaskEngineOptions {
  /** How long a task stays `todo`, then `doing` (before its real work). */
  durations(hooks: TaskHooks): { todoMs: number; doingMs: number };
  shouldFail(fn: string, target: string): boolean;
  log(line: string): void;
}

export interface TaskEngine {
  schedule(hooks: TaskHooks): void;
  /** Resolves once nothing is pending (tests, reset). */
  idle(): Promise<void>;
  /** Drops pending tasks and waits for the work in flight (reset, stop). */
  cancelAll(): Promise<void>;
  readonly pending: number;
}

export function createTaskEngine(options: TaskEngineOptions): TaskEngine {
  let generation = 0;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let pending = 0;
  let waiters: Array<() => void> = [];

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const finish = () => {
    pending -= 1;
    if (pending === 0) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  };

  return {
    get pending() {
      return pending;
    },
    schedule(hooks) {
      const mine = generation;
      pending += 1;
      const { todoMs, doingMs } = options.durations(hooks);
      later(todoMs, () => {
        if (mine !== generation) return;
        hooks.doing?.();
        later(doingMs, () => {
          if (mine !== generation) return;
          const work = (async () => {
            try {
              if (options.shouldFail(hooks.fn, hooks.target)) {
                options.log(`task ${hooks.fn} ${hooks.target}: failing (fault)`);
                hooks.failed();
                return;
              }
              await hooks.apply();
              if (mine === generation) hooks.done();
            } catch (error) {
              options.log(`task ${hooks.fn} ${hooks.target} failed: ${String(error)}`);
              if (mine === generation) hooks.failed();
            }
          })();
          inFlight.add(work);
          void work.finally(() => {
            inFlight.delete(work);
            if (mine === generation) finish();
          });
        });
      });
    },
    idle() {
      return pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    async cancelAll() {
      generation += 1;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
      pending = 0;
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    },
  };
}
