/**
 * The statuses of a run and of its steps, each as one table of allowed transitions (imapflow's
 * explicit states). The runner moves a status only through `moveRun`/`moveStep`, so a
 * transition that is not in the table is a bug that shows at once, not a state nobody can leave.
 */
import { MigrationError } from './errors.ts';

export const RUN_STATUSES = [
  'ready',
  'running',
  /** Stopped by its AbortSignal (closed tab, navigation): resume() continues. */
  'paused',
  /** A password the next step needs is gone (session storage cleared): give it, then resume(). */
  'needs_passwords',
  /** A step failed: retry() or rollback(). */
  'failed',
  'completed',
  'rolling_back',
  /** Rollback stopped part way (session expired, proxy down...): call rollback() again. */
  'rollback_failed',
  'rolled_back',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * Where each status may go. `running → running` and `rolling_back → rolling_back`: a runner takes
 * over a run whose tab closed mid-step (its lease ran out); the steps read before they act.
 */
export const RUN_TRANSITIONS = {
  ready: ['running', 'rolling_back'],
  running: ['running', 'paused', 'needs_passwords', 'failed', 'completed', 'rolling_back'],
  paused: ['running', 'rolling_back'],
  needs_passwords: ['running', 'rolling_back'],
  failed: ['running', 'rolling_back'],
  completed: [],
  rolling_back: ['rolling_back', 'rolled_back', 'rollback_failed'],
  rollback_failed: ['rolling_back'],
  rolled_back: [],
} as const satisfies Record<RunStatus, readonly RunStatus[]>;

export function canMoveRun(from: RunStatus, to: RunStatus): boolean {
  return (RUN_TRANSITIONS[from] as readonly RunStatus[]).includes(to);
}

/** The statuses from which `to` can be reached: what an action (resume, rollback) accepts. */
export function statusesLeadingTo(to: RunStatus): RunStatus[] {
  return RUN_STATUSES.filter((from) => canMoveRun(from, to));
}

const ACTION_HINT: Partial<Record<RunStatus, string>> = {
  rolling_back: 'The run is being rolled back: call rollback() again.',
  rollback_failed: 'The run is being rolled back: call rollback() again.',
  completed: 'The run is completed.',
  rolled_back: 'The run was rolled back.',
};

export function moveRun(state: { status: RunStatus }, to: RunStatus): void {
  if (!canMoveRun(state.status, to)) {
    throw new MigrationError(
      'invalid_state',
      `A ${state.status} run cannot become ${to}. ${ACTION_HINT[state.status] ?? ''}`.trim(),
    );
  }
  state.status = to;
}

export const STEP_STATUSES = ['pending', 'running', 'done', 'skipped', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** `running → pending`: stopped by its signal or for passwords, re-entered on resume. */
export const STEP_TRANSITIONS = {
  pending: ['running'],
  running: ['running', 'done', 'skipped', 'failed', 'pending'],
  done: [],
  skipped: [],
  failed: ['pending'],
} as const satisfies Record<StepStatus, readonly StepStatus[]>;

export function moveStep(record: { id: string; status: StepStatus }, to: StepStatus): void {
  if (!(STEP_TRANSITIONS[record.status] as readonly StepStatus[]).includes(to)) {
    throw new MigrationError(
      'invalid_state',
      `The step ${record.id} cannot go from ${record.status} to ${to}.`,
    );
  }
  record.status = to;
}
