/** The persisted state of one run: enough for a new runner to resume at the right step. */
import type { DomainType } from '../platforms/index.ts';
import type { FolderVerification, JobTotals } from '../proxy-contract/index.ts';
import type { MigrationErrorJSON } from './errors.ts';
import type { MigrationPlan, StepId } from './plan-types.ts';
import type { MigrationReport } from './report.ts';

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
  /** Rollback stopped part way (session expired...): call rollback() again. */
  'rollback_failed',
  'rolled_back',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface StepRecord {
  id: StepId;
  status: StepStatus;
  startedAt?: string;
  finishedAt?: string;
  /** OVHcloud task ids this step waited for (for the report). */
  taskIds: number[];
  /** Why it was skipped, or what it found. */
  note?: string;
}

/** What this run changed, recorded before each change so rollback and resume know. */
export interface RunRecords {
  /** Set when this run switched the source domain: its settings before. */
  sourceDomainBefore?: { type: DomainType; mxRelay?: string };
  destinationDomainAdded?: boolean;
  /** A domain change was sent (its task may still be pending when the run is interrupted). */
  sourceDomainChangeSent?: boolean;
  destinationDomainChangeSent?: boolean;
  /** Aliases whose creation was sent. */
  aliasesSent?: string[];
  /** Set when this run switched the destination's own domain (MX Plan): its settings before. */
  destinationDomainBefore?: { type: DomainType; mxRelay?: string };
  renamed?: boolean;
  /** Legacy MX Plan route: OVHcloud's irreversible move was asked for. */
  legacyMoveSent?: boolean;
  destinationSlot?: string;
  destinationConfigured?: boolean;
  destinationPasswordSet?: boolean;
  sourcePasswordSet?: boolean;
  copyJobId?: string;
  /** The job's `runs` before the final pass was asked for. */
  finalPassBaseRuns?: number;
  copyTotals?: JobTotals;
  verification?: FolderVerification[];
  aliasesAdded: string[];
  /**
   * Aliases taken off the renamed source so the destination could have them (an address has one
   * owner); a rollback gives them back.
   */
  aliasesMovedFromSource?: string[];
  /** The renamed source was reset after the run (optional, confirmed). */
  sourceReset?: boolean;
  sourceResetTaskIds?: number[];
}

export interface RunState {
  version: 1;
  runId: string;
  plan: MigrationPlan;
  status: RunStatus;
  steps: StepRecord[];
  records: RunRecords;
  error?: MigrationErrorJSON;
  report?: MigrationReport;
  /** What rollback could not put back, in plain sentences. */
  rollbackWarnings?: string[];
  /**
   * Held by the runner driving the run, renewed while it works: a second tab does not drive the
   * same run at once. A closed tab's lease simply runs out.
   */
  lease?: { owner: string; until: string };
  createdAt: string;
  updatedAt: string;
}
