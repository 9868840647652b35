/**
 * Undo what the run changed, newest step first: each step file's `undo` reads before it acts and
 * updates its own record, so a rollback that stops part way can simply be run again. What cannot
 * be put back is returned as plain sentences.
 */
import { isAbort, MigrationError, toMigrationError } from './errors.ts';
import { type Core, holding, isStoreFailure, loadState } from './run-core.ts';
import { statusesLeadingTo } from './run-status.ts';
import type { RunState } from './state.ts';
import { createStepContext, type StepContextInit } from './step-kit/context.ts';
import { STEPS_NEWEST_FIRST } from './steps/index.ts';
import { legacyMove } from './steps/legacy-move.ts';

export type RollbackDeps = Omit<StepContextInit, 'step' | 'status' | 'warnings'>;

export async function rollbackRun(deps: RollbackDeps): Promise<string[]> {
  const { state } = deps;
  const warnings: string[] = [];
  for (const step of STEPS_NEWEST_FIRST) {
    if ((state.records as Record<string, unknown>)[step.id] === undefined) continue;
    const status = state.steps.find((s) => s.id === step.id);
    await step.undo(createStepContext({ ...deps, step, status, warnings }));
  }
  return warnings;
}

/** The runner's rollback(): refused where there is none, then the undos under the lease. */
export async function rollback(core: Core, signal?: AbortSignal): Promise<RunState> {
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
