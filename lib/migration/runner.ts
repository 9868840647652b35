/**
 * Runs a plan step by step (issue 4, "Run"). Every step reads before it acts and records what it
 * changed in the RunStore before and after each action, so a new runner on the same store resumes
 * at the right step. States: ready → running → completed, or paused (signal aborted),
 * needs_passwords (secret store emptied), failed (retry() or rollback()) → rolled_back.
 */
import type { Sleep } from '../ovh-api/index.ts';
import { sleep as defaultSleep } from '../ovh-api/sleep.ts';
import type { PlatformAdapter, PlatformKind } from '../platforms/index.ts';
import type { JobView } from '../proxy-contract/index.ts';
import type { CopyClient } from './copy-client.ts';
import { isAbort, MigrationError, toMigrationError } from './errors.ts';
import type { MigrationPlan, StepId } from './plan-types.ts';
import { resetRenamedSource } from './reset-source.ts';
import { rollbackRun } from './rollback.ts';
import type { RunState, StepRecord } from './state.ts';
import { allSteps } from './steps/index.ts';
import { createStepContext } from './steps/step-context.ts';
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
   * Pause between two reads of a copy job or a pending change.
   * @default 1000
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
  /** Puts the source back; resets the destination slot this run configured. Never touches mail
   * content on the source. Refused for a `legacy_move` run: that move cannot be undone. */
  rollback(options?: RunCallOptions): Promise<RunState>;
  /** Optional, after a completed and verified run: resets the renamed source account, which
   * deletes its mail. Needs `confirm: true`. */
  resetSource(options: RunCallOptions & { confirm: boolean }): Promise<RunState>;
  /** Gives passwords again (after needs_passwords). */
  providePasswords(passwords: RunPasswords): Promise<void>;
}

export function createMigrationRunner(options: RunnerOptions): MigrationRunner {
  const { runId, store, secrets } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const pollMs = options.pollMs ?? 1000;
  const steps = new Map(allSteps(now).map((step) => [step.id, step]));
  let saving: Promise<void> = Promise.resolve();
  const leaseMs = options.leaseMs ?? 30_000;
  const owner = `${now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let holding = false;
  let renewal: ReturnType<typeof setInterval> | undefined;

  const save = (state: RunState) => {
    state.updatedAt = now().toISOString();
    if (holding) state.lease = { owner, until: new Date(now().getTime() + leaseMs).toISOString() };
    const snapshot = structuredClone(state);
    saving = saving.then(() => store.save(snapshot));
    return saving;
  };
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const load = async () => {
    const state = await store.load(runId);
    if (state === undefined) throw new MigrationError('invalid_state', `There is no run ${runId}.`);
    return state;
  };
  const setStatus = async (state: RunState, status: RunState['status']) => {
    state.status = status;
    await save(state);
    emit({ type: 'state', state });
  };

  const providePasswords = async (passwords: RunPasswords) => {
    if (passwords.source !== undefined)
      await secrets.set(runId, 'sourcePassword', passwords.source);
    if (passwords.destination !== undefined) {
      await secrets.set(runId, 'destinationPassword', passwords.destination);
    }
  };

  /** Reserves the run for this runner (refused while another one's lease is fresh). */
  const hold = async (state: RunState) => {
    const lease = state.lease;
    if (lease && lease.owner !== owner && Date.parse(lease.until) > now().getTime()) {
      throw new MigrationError(
        'run_in_use',
        'This migration is running in another tab or window: follow it there. If you closed that tab, wait a minute and resume here.',
      );
    }
    holding = true;
    await save(state);
    renewal = setInterval(() => void save(state), Math.max(1000, leaseMs / 3));
  };
  const release = async (state: RunState) => {
    holding = false;
    clearInterval(renewal);
    renewal = undefined;
    if (state.lease?.owner === owner) delete state.lease;
    await save(state);
  };

  let active = false;
  const drive = async (state: RunState, signal?: AbortSignal): Promise<RunState> => {
    if (active) throw new MigrationError('invalid_state', 'This run is already running.');
    active = true;
    try {
      await hold(state);
      try {
        return await driveSteps(state, signal);
      } finally {
        await release(state);
      }
    } finally {
      active = false;
    }
  };

  const resume = async (call: RunCallOptions = {}) => {
    const state = await load();
    if (!['ready', 'running', 'paused', 'needs_passwords'].includes(state.status)) {
      throw new MigrationError('invalid_state', `A ${state.status} run cannot be resumed.`);
    }
    return drive(state, call.signal);
  };

  const driveSteps = async (state: RunState, signal?: AbortSignal): Promise<RunState> => {
    delete state.error;
    await setStatus(state, 'running');
    const source = options.adapters[state.plan.source.service.kind];
    const destination = options.adapters[state.plan.destination.service.kind];
    for (const record of state.steps) {
      if (record.status === 'done' || record.status === 'skipped') continue;
      if (signal?.aborted) {
        await setStatus(state, 'paused');
        return state;
      }
      const step = steps.get(record.id);
      if (step === undefined)
        throw new MigrationError('invalid_state', `Unknown step ${record.id}.`);
      record.status = 'running';
      record.startedAt ??= now().toISOString();
      await save(state);
      emit({ type: 'step', step: record.id, status: 'running', state });
      const context = createStepContext({
        state,
        record,
        source,
        destination,
        copy: options.copy,
        signal,
        sleep,
        pollMs,
        secrets,
        save: () => save(state),
        emit,
      });
      try {
        const outcome = await step.run(context);
        record.status = outcome;
        record.finishedAt = now().toISOString();
        await save(state);
        emit({ type: 'step', step: record.id, status: outcome, state });
      } catch (error) {
        if (error instanceof MigrationError && error.code === 'passwords_missing') {
          record.status = 'pending';
          state.error = error.toJSON();
          await setStatus(state, 'needs_passwords');
          return state;
        }
        if (isAbort(error, signal)) {
          // The step is re-entered on resume; every step reads before it acts.
          record.status = 'pending';
          await setStatus(state, 'paused');
          return state;
        }
        record.status = 'failed';
        state.error = toMigrationError(error, step.errorCode, record.id).toJSON();
        if (state.error.step === undefined) state.error.step = record.id;
        await setStatus(state, 'failed');
        emit({ type: 'step', step: record.id, status: 'failed', state });
        return state;
      }
    }
    await setStatus(state, 'completed');
    await secrets.clear(runId);
    return state;
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
      const at = now().toISOString();
      const state: RunState = {
        version: 1,
        runId,
        plan,
        status: 'ready',
        steps: plan.steps.map((s) => ({ id: s.id, status: 'pending', taskIds: [] })),
        records: { aliasesAdded: [] },
        createdAt: at,
        updatedAt: at,
      };
      await providePasswords(passwords);
      await save(state);
      return drive(state, call.signal);
    },
    resume,
    async retry(call = {}) {
      const state = await load();
      if (state.status === 'rollback_failed' || state.status === 'rolling_back') {
        throw new MigrationError(
          'invalid_state',
          'The run is being rolled back: call rollback() again.',
        );
      }
      if (state.status !== 'failed' || state.steps.every((s) => s.status !== 'failed')) {
        return resume(call);
      }
      for (const record of state.steps) if (record.status === 'failed') record.status = 'pending';
      return drive(state, call.signal);
    },
    async rollback(call = {}) {
      const state = await load();
      if (state.status === 'completed' || state.status === 'rolled_back') {
        throw new MigrationError('invalid_state', `A ${state.status} run cannot be rolled back.`);
      }
      if (state.plan.route === 'legacy_move') {
        throw new MigrationError(
          'invalid_state',
          state.records.legacyMoveSent
            ? `There is no rollback for OVHcloud's move of ${state.plan.source.address}: it was sent and cannot be undone. Check the address on the legacy MX Plan and on ${state.plan.destination.service.service}, then retry.`
            : `There is no rollback for OVHcloud's move of ${state.plan.source.address}, and nothing to put back: the move was not sent, the legacy MX Plan account is unchanged.`,
        );
      }
      if (active) throw new MigrationError('invalid_state', 'Stop the run before rolling it back.');
      active = true;
      try {
        await hold(state);
      } catch (error) {
        active = false;
        throw error;
      }
      await setStatus(state, 'rolling_back');
      try {
        state.rollbackWarnings = await rollbackRun(state, {
          sleep,
          pollMs,
          source: options.adapters[state.plan.source.service.kind],
          destination: options.adapters[state.plan.destination.service.kind],
          copy: options.copy,
          signal: call.signal,
          save: () => save(state),
        });
        delete state.error;
        await setStatus(state, 'rolled_back');
        await secrets.clear(runId);
      } catch (error) {
        if (isAbort(error, call.signal)) {
          state.error = new MigrationError(
            'cancelled',
            'The rollback was stopped: roll back again.',
            {
              step: 'rollback',
            },
          ).toJSON();
        } else {
          state.error = toMigrationError(error, 'rollback_failed', 'rollback').toJSON();
          if (state.error.code !== 'session_expired') state.error.code = 'rollback_failed';
        }
        await setStatus(state, 'rollback_failed');
      } finally {
        await release(state);
        active = false;
      }
      return state;
    },
    async resetSource(call) {
      const state = await load();
      const taskIds: number[] = [];
      await resetRenamedSource(state, options.adapters[state.plan.source.service.kind], {
        confirm: call.confirm,
        ...(call.signal ? { signal: call.signal } : {}),
        onTask: (id) => taskIds.push(id),
      });
      state.records.sourceResetTaskIds = taskIds;
      if (state.report) state.report.sourceReset = { taskIds };
      await save(state);
      emit({ type: 'state', state });
      return state;
    },
    providePasswords,
  };
}
