/**
 * What the runner's parts share: its options resolved, the state writer, the tab lease, one drive
 * at a time; loading a stored state, and holding the lease around a drive or a rollback.
 */
import { type ResolvedWaitPolicy, resolveWaitPolicy, type Sleep } from '../ovh-api/index.ts';
import { sleep as defaultSleep } from '../ovh-api/sleep.ts';
import type { PlatformAdapter } from '../platforms/index.ts';
import { isMigrationError, MigrationError } from './errors.ts';
import { createLease, type Lease } from './lease.ts';
import { moveRun, type RunStatus } from './run-status.ts';
import type { RunEvent, RunnerOptions } from './runner-types.ts';
import { RUN_STATE_VERSION, type RunState } from './state.ts';
import { createStateWriter, type StateWriter } from './state-writer.ts';

export interface Core {
  options: RunnerOptions;
  now: () => Date;
  sleep: Sleep;
  wait: ResolvedWaitPolicy;
  writer: StateWriter;
  lease: Lease;
  active: boolean;
  save(state: RunState): Promise<void>;
  emit(event: RunEvent): void;
  setStatus(state: RunState, status: RunStatus): Promise<void>;
  adaptersOf(state: RunState): { source: PlatformAdapter; destination: PlatformAdapter };
}

export function createCore(options: RunnerOptions): Core {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const writer = createStateWriter({
    store: options.store,
    sleep,
    ...(options.storeAttempts === undefined ? {} : { attempts: options.storeAttempts }),
    ...(options.storeRetryMs === undefined ? {} : { retryMs: options.storeRetryMs }),
  });
  let current: RunState | undefined;
  const core: Core = {
    options,
    now,
    sleep,
    wait: resolveWaitPolicy({
      sleep,
      ...(options.pollMs === undefined ? {} : { firstMs: options.pollMs, maxMs: options.pollMs }),
      ...options.wait,
    }),
    writer,
    lease: createLease({
      now,
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      renew: () => (current ? core.save(current) : Promise.resolve()),
    }),
    active: false,
    save(state) {
      current = state;
      state.updatedAt = now().toISOString();
      core.lease.stamp(state);
      return writer.write(state);
    },
    emit: (event) => options.onEvent?.(event),
    async setStatus(state, status) {
      moveRun(state, status);
      await core.save(state);
      core.emit({ type: 'state', state });
    },
    adaptersOf: (state) => ({
      source: options.adapters[state.plan.source.service.kind],
      destination: options.adapters[state.plan.destination.service.kind],
    }),
  };
  return core;
}

export async function loadState(options: RunnerOptions): Promise<RunState> {
  const state = await options.store.load(options.runId);
  if (state === undefined) {
    throw new MigrationError('invalid_state', `There is no run ${options.runId}.`);
  }
  if (state.version !== RUN_STATE_VERSION) {
    throw new MigrationError(
      'invalid_state',
      `The run ${options.runId} was saved by an older version of the extension (state version ${String(state.version)}): finish or roll it back there, or start a new run.`,
    );
  }
  return state;
}

/** A failure to save the state: the run cannot say anything more about itself, so it stops. */
export function isStoreFailure(error: unknown): boolean {
  return isMigrationError(error) && error.code === 'store_failed';
}

/** Holds the lease, runs what `work` does, releases it; one drive at a time per runner. */
export async function holding<T>(core: Core, state: RunState, work: () => Promise<T>): Promise<T> {
  if (core.active) throw new MigrationError('invalid_state', 'This run is already running.');
  core.active = true;
  try {
    core.lease.take(state);
    try {
      await core.save(state);
      return await work();
    } finally {
      core.lease.release(state);
      // Best effort: a store that fails here has already made `work` fail.
      await core.save(state).catch(() => {});
    }
  } finally {
    core.active = false;
  }
}
