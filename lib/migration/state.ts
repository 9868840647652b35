/** The persisted state of one run: enough for a new runner to resume at the right step. */
import type { FolderVerification } from '../proxy-contract/index.ts';
import type { MigrationErrorJSON } from './errors.ts';
import type { MailWindow } from './mail-window.ts';
import type { MigrationPlan } from './plan-types.ts';
import type { MigrationReport } from './report.ts';
import type { RollbackStepId, RollbackWarning } from './rollback-messages.ts';
import type { RunStatus, StepStatus } from './run-status.ts';
import type { CopiedBackFolder } from './step-kit/copy-back.ts';
import type { StepId, StepRecords } from './steps/index.ts';

export {
  canMoveRun,
  RUN_STATUSES,
  RUN_TRANSITIONS,
  type RunStatus,
  STEP_STATUSES,
  STEP_TRANSITIONS,
  type StepStatus,
  statusesLeadingTo,
} from './run-status.ts';
export type { StepRecords } from './steps/index.ts';

/** The version of `RunState` this code writes; an older stored state is refused with a message. */
export const RUN_STATE_VERSION = 2;

/** A step's progress in the run (its record of what it changed is in `RunState.records`). */
export interface StepRecord {
  id: StepId;
  status: StepStatus;
  startedAt?: string;
  finishedAt?: string;
  /** OVHcloud task ids this step waited for (for the report). */
  taskIds: number[];
  /** Why it was skipped, or what it found. */
  note?: string;
  /** What the step is waiting for right now (an OVHcloud task, a copy job), and since when. */
  waiting?: StepWaiting;
}

export interface StepWaiting {
  /** Plain words: "the setAccount task 4521 on jean.dupont@…". */
  what: string;
  /** The OVHcloud task waited for, its function (`setAccount`) and its last status seen. */
  taskId?: number;
  taskFunction?: string;
  /** The task's status (`todo`, `doing`), or the copy job's state (`running`), at the last look. */
  status?: string;
  /** When the wait began (ISO date). */
  since: string;
}

/** One step of a rollback (rollback.ts), in the order it took them. */
export interface RollbackStepRecord {
  id: RollbackStepId;
  /** `rollback.step.<id>` (rollback-messages.ts), and its English. */
  key: string;
  description: string;
  /**
   * `running` while it runs, and when the rollback stopped there (run it again); `skipped` when
   * it had nothing to do (a destination that cannot rename is not released).
   */
  status: 'running' | 'done' | 'skipped';
  startedAt: string;
  finishedAt?: string;
}

export interface RunState {
  version: typeof RUN_STATE_VERSION;
  runId: string;
  plan: MigrationPlan;
  status: RunStatus;
  steps: StepRecord[];
  /** What each step changed, by step id, written before and after each change. */
  records: StepRecords;
  error?: MigrationErrorJSON;
  /**
   * The mail window as far as the run got (mail-window.ts): expected, and measured once the
   * address reached the destination; kept after a rollback.
   */
  mailWindow?: MailWindow;
  report?: MigrationReport;
  /**
   * What the rollback could not put back (`rollback.warning.<what>`, its params, its English).
   * A string is a warning saved before they had keys (up to 2026-12): plain English, read as it
   * is (`rollbackWarningEnglish`); the stored shape needs no migration for it.
   */
  rollbackWarnings?: Array<RollbackWarning | string>;
  /**
   * A finished rollback: what was copied back from the destination to the source before the
   * destination account was reset (mail that reached it during the run), verified.
   */
  rollbackResult?: {
    finishedAt: string;
    copiedBack?: {
      jobId?: string;
      /** Messages copied in all (the others were on the source already). */
      messages: number;
      bytes: number;
      /** The same, per folder (only folders something came back to). */
      byFolder: CopiedBackFolder[];
      /** The proxy's verification per folder: every destination message is on the source. */
      folders: FolderVerification[];
    };
    /** How long the address had no owner while it went back to the source. */
    mailWindow?: MailWindow;
  };
  /** What the rollback did, step by step (`rollback.ts`); kept across a rollback run again. */
  rollbackSteps?: RollbackStepRecord[];
  /** Set once the renamed source was reset (optional, confirmed, after a verified copy). */
  sourceReset?: { taskIds: number[]; at: string };
  /**
   * Held by the runner driving the run, renewed while it works: a second tab does not drive the
   * same run at once. A closed tab's lease simply runs out.
   */
  lease?: { owner: string; until: string };
  createdAt: string;
  updatedAt: string;
}
