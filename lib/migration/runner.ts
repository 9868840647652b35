/**
 * Runs a plan step by step (issue 4, "Run"). Every step reads before it acts and records what it
 * changed in the RunStore before and after each action, so a new runner on the same store resumes
 * at the right step. Statuses move only as `run-status.ts` allows; the tab lease is `lease.ts`;
 * saves go through `state-writer.ts` (retried, never poisoning the runner). The parts:
 * `run-core.ts` (shared), `drive.ts` (the steps), `rollback.ts` (the undos).
 */
import { drive } from './drive.ts';
import { MigrationError } from './errors.ts';
import { resetRenamedSource } from './reset-source.ts';
import { rollback } from './rollback.ts';
import { createCore, loadState } from './run-core.ts';
import { moveStep, statusesLeadingTo } from './run-status.ts';
import type {
  MigrationRunner,
  RunCallOptions,
  RunnerOptions,
  RunPasswords,
} from './runner-types.ts';
import { RUN_STATE_VERSION, type RunState } from './state.ts';

export type {
  MigrationRunner,
  RunCallOptions,
  RunEvent,
  RunnerOptions,
  RunPasswords,
  StartOptions,
} from './runner-types.ts';

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
