/** Builds what one step (or its undo) receives: its record, task ids, passwords, notes. */
import type { ResolvedWaitPolicy, WaitInfo } from '../../ovh-api/index.ts';
import type { PlatformAdapter } from '../../platforms/index.ts';
import type { CopyClient } from '../copy-client.ts';
import { MigrationError } from '../errors.ts';
import { type RollbackWarning, rollbackWarning } from '../rollback-messages.ts';
import type { RunEvent } from '../runner-types.ts';
import type { RunState, StepRecord } from '../state.ts';
import type { SecretKey, SecretStore } from '../stores.ts';
import type { AnyStep, RecordOf, StepContext } from './define-step.ts';

export interface StepContextInit {
  state: RunState;
  step: AnyStep;
  /** The step's status record (task ids, note); absent for a step the plan does not list. */
  status: StepRecord | undefined;
  source: PlatformAdapter;
  destination: PlatformAdapter;
  copy: CopyClient;
  signal: AbortSignal | undefined;
  wait: ResolvedWaitPolicy;
  now: () => Date;
  secrets: SecretStore;
  save(): Promise<void>;
  emit(event: RunEvent): void;
  /** Where undo warnings go. */
  warnings?: RollbackWarning[];
}

/** The record of `step` in the state, created empty the first time. */
export function recordIn<S extends AnyStep>(state: RunState, step: S): RecordOf<S> {
  const records = state.records as Record<string, unknown>;
  records[step.id] ??= {};
  return records[step.id] as RecordOf<S>;
}

/**
 * The run state says what a step waits for and since when (issue 7); saved when that changes,
 * not on every look.
 */
function recordWait(init: StepContextInit, status: StepRecord | undefined, info: WaitInfo) {
  if (status === undefined) return;
  const changed = status.waiting?.what !== info.waiting || status.waiting?.status !== info.status;
  status.waiting = {
    what: info.waiting,
    since: new Date(info.since).toISOString(),
    ...(info.taskId === undefined ? {} : { taskId: info.taskId }),
    ...(info.taskFunction === undefined ? {} : { taskFunction: info.taskFunction }),
    ...(info.status === undefined ? {} : { status: info.status }),
  };
  if (changed) {
    init.save().catch(() => {});
    init.emit({ type: 'state', state: init.state });
  }
}

export function createStepContext<S extends AnyStep>(
  init: StepContextInit & { step: S },
): StepContext<RecordOf<S>> {
  const { state, status, signal, step } = init;
  return {
    state,
    plan: state.plan,
    record: recordIn(state, step),
    recordOf: (other) =>
      (state.records as Record<string, unknown>)[other.id] as RecordOf<typeof other> | undefined,
    source: init.source,
    destination: init.destination,
    copy: init.copy,
    signal,
    wait: init.wait,
    now: init.now,
    op: {
      ...(signal ? { signal } : {}),
      onTask: (id) => {
        if (status === undefined || status.taskIds.includes(id)) return;
        status.taskIds.push(id);
        init.save().catch(() => {});
      },
      onWait: (info) => recordWait(init, status, info),
    },
    async secret(key: SecretKey) {
      const value = await init.secrets.get(state.runId, key);
      if (value === undefined) {
        throw new MigrationError(
          'passwords_missing',
          `The ${key === 'sourcePassword' ? 'source' : 'destination'} password is needed again.`,
          { step: step.id },
        );
      }
      return value;
    },
    save: init.save,
    progress: (job) => {
      if (status) init.emit({ type: 'copy', step: status.id, job });
    },
    note: (text) => {
      if (status) status.note = text;
    },
    warn: (spec, params) => {
      init.warnings?.push(rollbackWarning(spec, params));
    },
  };
}
