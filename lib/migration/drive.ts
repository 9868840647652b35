/** Drives the steps of a run in order, each reading before it acts (issue 4, "Run"). */
import { isAbort, MigrationError, toMigrationError } from './errors.ts';
import { measureMailWindow } from './mail-window.ts';
import { type Core, holding, isStoreFailure } from './run-core.ts';
import { moveStep } from './run-status.ts';
import type { RunState } from './state.ts';
import { createStepContext } from './step-kit/context.ts';
import { stepById } from './steps/index.ts';

export function drive(core: Core, state: RunState, signal?: AbortSignal): Promise<RunState> {
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
      const window = measureMailWindow(state);
      if (window) state.mailWindow = window;
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
