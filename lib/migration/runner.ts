/**
 * Runs a plan step by step (issue 4, "Run"). Every step reads before it acts and records what it
 * changed in the RunStore before and after each action, so a new runner on the same store resumes
 * at the right step. Statuses move only as `run-status.ts` allows; the tab lease is `lease.ts`;
 * saves go through `state-writer.ts` (retried, never poisoning the runner).
 */
import {
  type ResolvedWaitPolicy,
  resolveWaitPolicy,
  type Sleep,
  type WaitPolicy,
} from '../ovh-api/index.ts';
import { sleep as defaultSleep } from '../ovh-api/sleep.ts';
import type { PlatformAdapter, PlatformKind } from '../platforms/index.ts';
import type { JobView } from '../proxy-contract/index.ts';
import type { CopyClient } from './copy-client.ts';
import { isAbort, isMigrationError, MigrationError, toMigrationError } from './errors.ts';
import { createLease, type Lease } from './lease.ts';
import type { MigrationPlan, StepId } from './plan-types.ts';
import { resetRenamedSource } from './reset-source.ts';
import { rollbackRun } from './rollback.ts';
import { moveRun, moveStep, type RunStatus, statusesLeadingTo } from './run-status.ts';
import { RUN_STATE_VERSION, type RunState, type StepRecord } from './state.ts';
import { createStateWriter, type StateWriter } from './state-writer.ts';
import { createStepContext } from './step-kit/context.ts';
import { stepById } from './steps/index.ts';
import { legacyMove } from './steps/legacy-move.ts';
import type { RunStore, SecretStore } from './stores.ts';

export type RunEvent =
  | { type: 'state'; state: RunState }
  | { type: 'step'; step: StepId; status: StepRecord['status']; state: RunState }
  | { type: 'copy'; step: StepId; job: JobView };

export interface RunnerOptions {
  runId: string;
  adapters: Record<PlatformKind, PlatformAdapter>;
  copy: CopyClient;
  store: RunStore;
  secrets: SecretStore;
  /** @default () => new Date() */
  now?: () => Date;
  /** @default a setTimeout sleep */
  sleep?: Sleep;
  /**
   * How the run waits for a copy job or a domain (the one wait helper, lib/ovh-api/wait.ts):
   * pauses growing from `firstMs` to `maxMs`, giving up after `patienceMs` without progress.
   * The adapters have their own policy for OVHcloud's tasks (`createAdapters({polling})`).
   * @default { firstMs: 1000, factor: 1.5, maxMs: 15_000, patienceMs: 1_200_000 }
   */
  wait?: WaitPolicy;
  /**
   * Shorthand for a steady pause: `wait.firstMs` and `wait.maxMs` both.
   * @default undefined
   */
  pollMs?: number;
  /** Every state change, step transition and copy progress. */
  onEvent?: (event: RunEvent) => void;
  /**
   * How long a run stays reserved for this runner after its last sign of life; it is renewed
   * every third of that while the runner works.
   * @default 30_000
   */
  leaseMs?: number;
  /**
   * Tries per write to the RunStore before the runner stops with `store_failed`.
   * @default 3
   */
  storeAttempts?: number;
  /**
   * Pause before retrying a failed write to the RunStore (doubles each time).
   * @default 250
   */
  storeRetryMs?: number;
}

export interface RunPasswords {
  source?: string;
  destination?: string;
}

export interface RunCallOptions {
  signal?: AbortSignal;
}

export interface StartOptions extends RunCallOptions {
  /**
   * Required by a `legacy_move` plan: OVHcloud's move of a legacy MX Plan account removes the
   * source account and cannot be undone.
   */
  confirmIrreversible?: boolean;
}

export interface MigrationRunner {
  readonly runId: string;
  /** The persisted state, or undefined before start(). */
  state(): Promise<RunState | undefined>;
  /**
   * Saves the plan and the passwords, then runs. Refuses a plan with a failed check, and a
   * `legacy_move` plan without `confirmIrreversible: true`.
   */
  start(plan: MigrationPlan, passwords: RunPasswords, options?: StartOptions): Promise<RunState>;
  /** Continues a paused, interrupted or needs_passwords run. */
  resume(options?: RunCallOptions): Promise<RunState>;
  /** Runs the failed step again, then the rest. */
  retry(options?: RunCallOptions): Promise<RunState>;
  /**
   * Puts the source back. Before it resets the destination account this run configured, the
   * mail that account holds and the source lacks is copied back to the source and verified; when
   * that cannot run (proxy down, passwords gone) it stops as `rollback_failed` with the
   * destination untouched. Never deletes source mail. Refused for a `legacy_move` run: that move
   * cannot be undone.
   */
  rollback(options?: RunCallOptions): Promise<RunState>;
  /**
   * Optional, after a completed and verified run: resets the renamed source account, which
   * deletes its mail. Needs `confirm: true` and the passwords again (`providePasswords`): a last
   * incremental pass copies what reached the renamed source since, checked, before the reset.
   * Refused while the renamed source still holds aliases (it still receives mail).
   */
  resetSource(options: RunCallOptions & { confirm: boolean }): Promise<RunState>;
  /** Gives passwords again (after needs_passwords). */
  providePasswords(passwords: RunPasswords): Promise<void>;
}

/** What the runner's parts share: options resolved, the writer, the lease, one drive at a time. */
interface Core {
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

export function createMigrationRunner(options: RunnerOptions): MigrationRunner {
  const core = createCore(options);
  const { runId, store, secrets } = options;

  const providePasswords = async (passwords: RunPasswords) => {
    if (passwords.source !== undefined) {
      await secrets.set(runId, 'sourcePassword', passwords.source);
    }
    if (passwords.destination !== undefined) {
      await secrets.set(runId, 'destinationPassword', passwords.destination);
    }
  };

  const resume = async (call: RunCallOptions = {}) => {
    const state = await loadState(options);
    if (!statusesLeadingTo('running').includes(state.status) || state.status === 'failed') {
      throw new MigrationError('invalid_state', `A ${state.status} run cannot be resumed.`);
    }
    return drive(core, state, call.signal);
  };

  return {
    runId,
    state: () => store.load(runId),
    async start(plan, passwords, call = {}) {
      if (!plan.runnable) {
        const failed = plan.checks.filter((c) => c.status === 'fail').map((c) => c.message);
        throw new MigrationError('preflight_failed', `The plan cannot run: ${failed.join(' ')}`);
      }
      if (plan.route === 'legacy_move' && call.confirmIrreversible !== true) {
        throw new MigrationError(
          'not_confirmed',
          `OVHcloud's move of ${plan.source.address} removes the legacy MX Plan account and cannot be undone: start again with confirmIrreversible: true to go ahead.`,
        );
      }
      if (await store.load(runId)) {
        throw new MigrationError('invalid_state', `The run ${runId} already exists: resume it.`);
      }
      const at = core.now().toISOString();
      const state: RunState = {
        version: RUN_STATE_VERSION,
        runId,
        plan,
        status: 'ready',
        steps: plan.steps.map((s) => ({ id: s.id, status: 'pending', taskIds: [] })),
        records: {},
        createdAt: at,
        updatedAt: at,
      };
      await providePasswords(passwords);
      await core.save(state);
      return drive(core, state, call.signal);
    },
    resume,
    async retry(call = {}) {
      const state = await loadState(options);
      if (state.status === 'rollback_failed' || state.status === 'rolling_back') {
        throw new MigrationError(
          'invalid_state',
          'The run is being rolled back: call rollback() again.',
        );
      }
      if (state.status !== 'failed' || state.steps.every((s) => s.status !== 'failed')) {
        return resume(call);
      }
      for (const record of state.steps) if (record.status === 'failed') moveStep(record, 'pending');
      return drive(core, state, call.signal);
    },
    rollback: (call = {}) => rollback(core, call.signal),
    async resetSource(call) {
      const state = await loadState(options);
      const taskIds: number[] = [];
      const { source, destination } = core.adaptersOf(state);
      await resetRenamedSource(
        state,
        {
          source,
          destination,
          copy: options.copy,
          signal: call.signal,
          wait: core.wait,
          now: core.now,
          secrets,
          save: () => core.save(state),
          emit: core.emit,
          onTask: (id) => taskIds.push(id),
        },
        { confirm: call.confirm },
      );
      state.sourceReset = { taskIds, at: core.now().toISOString() };
      if (state.report) state.report.sourceReset = { taskIds };
      await core.save(state);
      await secrets.clear(runId);
      core.emit({ type: 'state', state });
      return state;
    },
    providePasswords,
  };
}

function createCore(options: RunnerOptions): Core {
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

async function loadState(options: RunnerOptions): Promise<RunState> {
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
function isStoreFailure(error: unknown): boolean {
  return isMigrationError(error) && error.code === 'store_failed';
}

/** Holds the lease, runs what `work` does, releases it; one drive at a time per runner. */
async function holding<T>(core: Core, state: RunState, work: () => Promise<T>): Promise<T> {
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

function drive(core: Core, state: RunState, signal?: AbortSignal): Promise<RunState> {
  return holding(core, state, () => driveSteps(core, state, signal));
}

async function driveSteps(core: Core, state: RunState, signal?: AbortSignal): Promise<RunState> {
  const { options } = core;
  delete state.error;
  await core.setStatus(state, 'running');
  const { source, destination } = core.adaptersOf(state);
  for (const record of state.steps) {
    if (record.status === 'done' || record.status === 'skipped') continue;
    if (signal?.aborted) {
      await core.setStatus(state, 'paused');
      return state;
    }
    const step = stepById(record.id);
    if (step === undefined) throw new MigrationError('invalid_state', `Unknown step ${record.id}.`);
    moveStep(record, 'running');
    record.startedAt ??= core.now().toISOString();
    await core.save(state);
    core.emit({ type: 'step', step: record.id, status: 'running', state });
    const context = createStepContext({
      state,
      step,
      status: record,
      source,
      destination,
      copy: options.copy,
      signal,
      wait: core.wait,
      now: core.now,
      secrets: options.secrets,
      save: () => core.save(state),
      emit: core.emit,
    });
    try {
      const outcome = await step.run(context);
      delete record.waiting;
      moveStep(record, outcome);
      record.finishedAt = core.now().toISOString();
      await core.save(state);
      core.emit({ type: 'step', step: record.id, status: outcome, state });
    } catch (error) {
      delete record.waiting;
      if (isStoreFailure(error)) throw error;
      if (error instanceof MigrationError && error.code === 'passwords_missing') {
        moveStep(record, 'pending');
        state.error = error.toJSON();
        await core.setStatus(state, 'needs_passwords');
        return state;
      }
      if (isAbort(error, signal)) {
        // The step is re-entered on resume; every step reads before it acts.
        moveStep(record, 'pending');
        await core.setStatus(state, 'paused');
        return state;
      }
      moveStep(record, 'failed');
      state.error = toMigrationError(error, step.errorCode, record.id).toJSON();
      if (state.error.step === undefined) state.error.step = record.id;
      await core.setStatus(state, 'failed');
      core.emit({ type: 'step', step: record.id, status: 'failed', state });
      return state;
    }
  }
  await core.setStatus(state, 'completed');
  // Kept (session storage only) while the renamed source may still be reset: its last pass logs
  // in with them. Forgotten once it is, and when the session ends.
  if (state.plan.route === 'legacy_move') await options.secrets.clear(state.runId);
  return state;
}

async function rollback(core: Core, signal?: AbortSignal): Promise<RunState> {
  const { options } = core;
  const state = await loadState(options);
  if (state.plan.route === 'legacy_move') {
    throw new MigrationError(
      'invalid_state',
      state.records[legacyMove.id]?.sent
        ? `There is no rollback for OVHcloud's move of ${state.plan.source.address}: it was sent and cannot be undone. Check the address on the legacy MX Plan and on ${state.plan.destination.service.service}, then retry.`
        : `There is no rollback for OVHcloud's move of ${state.plan.source.address}, and nothing to put back: the move was not sent, the legacy MX Plan account is unchanged.`,
    );
  }
  if (!statusesLeadingTo('rolling_back').includes(state.status)) {
    throw new MigrationError('invalid_state', `A ${state.status} run cannot be rolled back.`);
  }
  if (core.active)
    throw new MigrationError('invalid_state', 'Stop the run before rolling it back.');
  return holding(core, state, async () => {
    await core.setStatus(state, 'rolling_back');
    const { source, destination } = core.adaptersOf(state);
    try {
      state.rollbackWarnings = await rollbackRun({
        state,
        source,
        destination,
        copy: options.copy,
        signal,
        wait: core.wait,
        now: core.now,
        secrets: options.secrets,
        save: () => core.save(state),
        emit: core.emit,
      });
      delete state.error;
      const back = state.records.configure_destination?.copyBack;
      state.rollbackResult = {
        finishedAt: core.now().toISOString(),
        ...(back?.verified
          ? {
              copiedBack: {
                ...(back.jobId ? { jobId: back.jobId } : {}),
                messages: back.totals?.messagesCopied ?? 0,
                bytes: back.totals?.bytesDone ?? 0,
                folders: back.folders ?? [],
              },
            }
          : {}),
      };
      await core.setStatus(state, 'rolled_back');
      await options.secrets.clear(state.runId);
    } catch (error) {
      if (isStoreFailure(error)) throw error;
      if (isAbort(error, signal)) {
        state.error = new MigrationError(
          'cancelled',
          'The rollback was stopped: roll back again.',
          {
            step: 'rollback',
          },
        ).toJSON();
      } else {
        state.error = toMigrationError(error, 'rollback_failed', 'rollback').toJSON();
        // What the person must do next keeps its own code: log in again, give the passwords.
        if (state.error.code !== 'session_expired' && state.error.code !== 'passwords_missing') {
          state.error.code = 'rollback_failed';
        }
      }
      await core.setStatus(state, 'rollback_failed');
    }
    return state;
  });
}
