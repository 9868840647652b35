/**
 * Undo what the run changed, in an order where no message is lost (issue 7): stop the copy, check
 * the destination's mail can be copied back (else stop with it untouched), give the
 * aliases back to the source, rename the destination account away from the original address and
 * give that address back to the source, so new mail lands on the source again; only then drain
 * the destination into the source (a reverse copy, verified) and reset it; last, the domain.
 * Each action reads before it acts and updates its step's record, so a rollback that stops part
 * way (closed tab, crash, killed proxy) is simply run again; `state.rollbackSteps` says what it
 * did. What cannot be put back is returned as warnings (a key, its params, its English).
 */
import { isAbort, MigrationError, toMigrationError } from './errors.ts';
import { measureRollbackMailWindow } from './mail-window.ts';
import {
  ROLLBACK_STEP_IDS,
  ROLLBACK_STEP_MESSAGES,
  type RollbackStepId,
  type RollbackWarning,
} from './rollback-messages.ts';
import { type Core, holding, isStoreFailure, loadState } from './run-core.ts';
import { statusesLeadingTo } from './run-status.ts';
import type { RollbackStepRecord, RunState } from './state.ts';
import { createStepContext, type StepContextInit } from './step-kit/context.ts';
import type { AnyStep } from './step-kit/define-step.ts';
import {
  checkCopyBack,
  configureDestination,
  releaseAddress,
} from './steps/configure-destination.ts';
import { copyContent } from './steps/copy-content.ts';
import { ensureDomain } from './steps/ensure-domain.ts';
import { finalPass } from './steps/final-pass.ts';
import { legacyMove } from './steps/legacy-move.ts';
import { moveAliases } from './steps/move-aliases.ts';
import { renameSource } from './steps/rename-source.ts';
import { reportStep } from './steps/report.ts';
import { setSourcePassword } from './steps/set-source-password.ts';
import { verify } from './steps/verify.ts';

export type RollbackDeps = Omit<StepContextInit, 'step' | 'status' | 'warnings'>;

/** What one rollback action did: `skipped` when there was nothing for it to do. */
type Action = (
  step: AnyStep,
  context: ReturnType<typeof createStepContext>,
) => Promise<undefined | 'skipped'>;
const undo: Action = async (step, context) => {
  await step.undo(context);
  return undefined;
};

/**
 * The rollback's order, as (rollback step, run step, what to do with it). Every run step's undo
 * is here once; `release_destination` and `check_copy_back` are configure_destination's.
 * A platform that cannot rename (legacy MX Plan destination) keeps the address until its account
 * is deleted: there the first `source_back` does not run (nothing was released), and the source
 * is renamed back right after `drain_and_reset` (the second `source_back`).
 */
export const ROLLBACK_SEQUENCE: ReadonlyArray<
  readonly [RollbackStepId, AnyStep, Action, ((state: RunState) => boolean)?]
> = [
  ['stop_copy', reportStep, undo],
  ['stop_copy', verify, undo],
  ['stop_copy', finalPass, undo],
  ['stop_copy', copyContent, undo],
  ['stop_copy', setSourcePassword, undo],
  [
    'check_copy_back',
    configureDestination,
    async (_, c) => {
      await checkCopyBack(c);
      return undefined;
    },
  ],
  ['aliases_back', moveAliases, undo],
  ['release_destination', configureDestination, (_, c) => releaseAddress(c)],
  ['source_back', renameSource, undo, released],
  ['drain_and_reset', configureDestination, undo],
  ['source_back', renameSource, undo],
  ['domain_back', legacyMove, undo],
  ['domain_back', ensureDomain, undo],
];

/**
 * The rollback steps a rollback of this run would take now, in order: those with something of
 * the run to undo (what the confirmation says it will do, before anything changes).
 */
export function rollbackStepsAhead(state: RunState): RollbackStepId[] {
  const records = state.records as Record<string, unknown>;
  const ids = ROLLBACK_SEQUENCE.filter(([, step]) => records[step.id] !== undefined).map(
    ([id]) => id,
  );
  return ROLLBACK_STEP_IDS.filter((id) => ids.includes(id));
}

function released(state: RunState): boolean {
  const rec = state.records.configure_destination;
  return !rec?.configured || rec.release?.doneAt !== undefined;
}

function mark(
  state: RunState,
  id: RollbackStepId,
  now: Date,
  outcome: 'running' | 'done' | 'skipped',
) {
  state.rollbackSteps ??= [];
  let entry = state.rollbackSteps.find((s) => s.id === id);
  if (entry === undefined) {
    entry = {
      id,
      key: ROLLBACK_STEP_MESSAGES[id].key,
      description: ROLLBACK_STEP_MESSAGES[id].en,
      status: 'running',
      startedAt: now.toISOString(),
    } satisfies RollbackStepRecord;
    state.rollbackSteps.push(entry);
  }
  if (outcome === 'running') {
    if (entry.status === 'skipped') entry.status = 'running';
    return;
  }
  // Done once any of its actions did something; skipped when none had anything to do.
  if (entry.status === 'running') entry.status = outcome;
  entry.finishedAt = now.toISOString();
}

export async function rollbackRun(deps: RollbackDeps): Promise<RollbackWarning[]> {
  const { state } = deps;
  const warnings: RollbackWarning[] = [];
  // A rollback run again starts over its list: each action looks before it acts.
  state.rollbackSteps = (state.rollbackSteps ?? []).filter((s) => s.status !== 'running');
  const did = new Map<RollbackStepId, boolean>();
  for (const [index, [id, step, action, when]] of ROLLBACK_SEQUENCE.entries()) {
    const last = ROLLBACK_SEQUENCE.findLastIndex(([other]) => other === id) === index;
    const hasRecord = (state.records as Record<string, unknown>)[step.id] !== undefined;
    if (hasRecord && (when === undefined || when(state))) {
      mark(state, id, deps.now(), 'running');
      // The panel shows the rollback's step in progress while it waits on OVHcloud or the proxy.
      deps.emit({ type: 'state', state });
      const status = state.steps.find((s) => s.id === step.id);
      const outcome = await action(step, createStepContext({ ...deps, step, status, warnings }));
      if (outcome !== 'skipped') did.set(id, true);
      else if (!did.has(id)) did.set(id, false);
      await deps.save();
    }
    const entry = state.rollbackSteps?.find((s) => s.id === id);
    if (last && entry !== undefined && entry.status === 'running') {
      mark(state, id, deps.now(), did.get(id) === false ? 'skipped' : 'done');
      await deps.save();
      deps.emit({ type: 'state', state });
    }
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
      const window = measureRollbackMailWindow(state);
      state.rollbackResult = {
        finishedAt: core.now().toISOString(),
        ...(window ? { mailWindow: window } : {}),
        ...(back?.verified
          ? {
              copiedBack: {
                ...(back.jobId ? { jobId: back.jobId } : {}),
                messages: back.totals?.messagesCopied ?? 0,
                bytes: back.totals?.bytesDone ?? 0,
                byFolder: back.byFolder ?? [],
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
