/**
 * One migration run in the panel: the runner, its persisted state and the copy's live progress as
 * signals, plus the actions the run view offers. The runner lives in this tab; its state lives in
 * extension storage, so a closed tab or a restarted browser finds it again (the resume view).
 */
import { computed, signal } from '@preact/signals';
import {
  createMigrationRunner,
  isMigrationError,
  MigrationError,
  type MigrationErrorJSON,
  type MigrationPlan,
  type MigrationRunner,
  type RunEvent,
  type RunPasswords,
  type RunState,
  type StepId,
} from '../../lib/migration/index.ts';
import type { JobView } from '../../lib/proxy-contract/index.ts';
import type { PanelDeps } from './deps.ts';

/** Steps that change something through the API: leaving the page then is worth a warning. */
export const API_CHANGE_STEPS: ReadonlySet<StepId> = new Set<StepId>([
  'ensure_domain',
  'rename_source',
  'configure_destination',
  'set_source_password',
  'move_aliases',
  'legacy_move',
]);

export interface RunHooks {
  /** A step started or ended, the copy crossed a 10 % mark, or the run ended. */
  onProgress?(event: RunProgressEvent): void;
}

export type RunProgressEvent =
  | { type: 'step'; step: StepId; status: string }
  | { type: 'percent'; percent: number }
  | { type: 'outcome'; state: RunState };

export function createRunStore(deps: PanelDeps, runId: string, hooks: RunHooks = {}) {
  const state = signal<RunState | undefined>(undefined);
  const job = signal<JobView | undefined>(undefined);
  /** An action refused before the run could move (run_in_use, invalid_state...). */
  const actionError = signal<MigrationErrorJSON | undefined>(undefined);
  const busy = signal(false);
  /** Resetting the renamed source, or applying a DNS fix: API changes outside the steps. */
  const sideChange = signal(false);
  let controller: AbortController | undefined;
  let lastTenth = -1;
  let leaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** A closed tab's lease on the run: when it runs out, the action is tried again by itself. */
  const waitingLease = signal<string | undefined>(undefined);

  const onEvent = (event: RunEvent) => {
    if (event.type === 'copy') {
      job.value = event.job;
      const { messagesDone, messagesTotal } = event.job.totals;
      if (messagesTotal > 0) {
        const tenth = Math.floor((messagesDone / messagesTotal) * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          if (tenth > 0) hooks.onProgress?.({ type: 'percent', percent: tenth * 10 });
        }
      }
      return;
    }
    state.value = structuredClone(event.state);
    if (event.type === 'step')
      hooks.onProgress?.({ type: 'step', step: event.step, status: event.status });
  };

  const runner: MigrationRunner = createMigrationRunner({
    runId,
    adapters: deps.adapters,
    copy: deps.copy,
    store: deps.runs,
    secrets: deps.secrets,
    ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
    onEvent,
  });

  const drive = async (action: (signal: AbortSignal) => Promise<RunState>) => {
    if (busy.value) return;
    busy.value = true;
    actionError.value = undefined;
    controller = new AbortController();
    try {
      const final = await action(controller.signal);
      state.value = structuredClone(final);
      if (final.status !== 'running') hooks.onProgress?.({ type: 'outcome', state: final });
    } catch (error) {
      actionError.value = isMigrationError(error)
        ? error
        : new MigrationError('invalid_state', String(error)).toJSON();
      const saved = await runner.state();
      if (saved) state.value = saved;
      const until = saved?.lease?.until;
      if (actionError.value.code === 'run_in_use' && until) {
        waitingLease.value = until;
        clearTimeout(leaseTimer);
        leaseTimer = setTimeout(
          () => {
            waitingLease.value = undefined;
            void drive(action);
          },
          Math.max(0, Date.parse(until) - Date.now()) + 1000,
        );
      }
    } finally {
      busy.value = false;
      controller = undefined;
    }
  };

  const apiChangeInFlight = computed(() => {
    if (sideChange.value) return true;
    const current = state.value;
    if (!current || !busy.value) return false;
    if (current.status === 'rolling_back') return true;
    return current.steps.some((s) => s.status === 'running' && API_CHANGE_STEPS.has(s.id));
  });

  return {
    runId,
    state,
    job,
    busy,
    actionError,
    sideChange,
    apiChangeInFlight,
    waitingLease,
    async refresh() {
      state.value = await runner.state();
      return state.value;
    },
    start(plan: MigrationPlan, passwords: RunPasswords, confirmIrreversible = false) {
      return drive((signal) => runner.start(plan, passwords, { signal, confirmIrreversible }));
    },
    resume: () => drive((signal) => runner.resume({ signal })),
    retry: () => drive((signal) => runner.retry({ signal })),
    rollback: () => drive((signal) => runner.rollback({ signal })),
    async providePasswords(passwords: RunPasswords) {
      await runner.providePasswords(passwords);
      return drive((signal) => runner.resume({ signal }));
    },
    async resetSource() {
      sideChange.value = true;
      try {
        await drive((signal) => runner.resetSource({ signal, confirm: true }));
      } finally {
        sideChange.value = false;
      }
    },
    /** Stops driving: the run is saved as paused and can be resumed (or rolled back). */
    cancel() {
      controller?.abort();
    },
    dispose() {
      clearTimeout(leaseTimer);
      controller?.abort();
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
