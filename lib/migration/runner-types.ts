/** The runner's public types: its options, events and methods (runner.ts builds it). */
import type { Sleep, WaitPolicy } from '../ovh-api/index.ts';
import type { PlatformAdapter, PlatformKind } from '../platforms/index.ts';
import type { JobView } from '../proxy-contract/index.ts';
import type { CopyClient } from './copy-client.ts';
import type { MigrationPlan, StepId } from './plan-types.ts';
import type { RunState, StepRecord } from './state.ts';
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
   * How the run waits for a copy job or a domain (the one wait helper, lib/ovh-api/wait.ts):
   * pauses growing from `firstMs` to `maxMs`, giving up after `patienceMs` without progress.
   * The adapters have their own policy for OVHcloud's tasks (`createAdapters({polling})`).
   * @default { firstMs: 1000, factor: 1.5, maxMs: 15_000, patienceMs: 1_200_000 }
   */
  wait?: WaitPolicy;
  /**
   * Shorthand for a steady pause: `wait.firstMs` and `wait.maxMs` both.
   * @default undefined
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
  /**
   * Tries per write to the RunStore before the runner stops with `store_failed`.
   * @default 3
   */
  storeAttempts?: number;
  /**
   * Pause before retrying a failed write to the RunStore (doubles each time).
   * @default 250
   */
  storeRetryMs?: number;
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
  /**
   * Puts the source back. Before it resets the destination account this run configured, the
   * mail that account holds and the source lacks is copied back to the source and verified; when
   * that cannot run (proxy down, passwords gone) it stops as `rollback_failed` with the
   * destination untouched. Never deletes source mail. Refused for a `legacy_move` run: that move
   * cannot be undone.
   */
  rollback(options?: RunCallOptions): Promise<RunState>;
  /**
   * Optional, after a completed and verified run: resets the renamed source account, which
   * deletes its mail. Needs `confirm: true` and the passwords again (`providePasswords`): a last
   * incremental pass copies what reached the renamed source since, checked, before the reset.
   * Refused while the renamed source still holds aliases (it still receives mail).
   */
  resetSource(options: RunCallOptions & { confirm: boolean }): Promise<RunState>;
  /** Gives passwords again (after needs_passwords). */
  providePasswords(passwords: RunPasswords): Promise<void>;
}

/** What the runner's parts share: options resolved, the writer, the lease, one drive at a time. */
