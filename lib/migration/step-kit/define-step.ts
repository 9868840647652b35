/** What every step receives: the plan, the run's records, the adapters, the proxy, the signal. */
import type { Sleep } from '../../ovh-api/index.ts';
import type { OperationOptions, PlatformAdapter } from '../../platforms/index.ts';
import type { JobView } from '../../proxy-contract/index.ts';
import type { CopyClient } from '../copy-client.ts';
import type { MigrationErrorCode } from '../errors.ts';
import type { MigrationPlan, StepId } from '../plan-types.ts';
import type { RunRecords, RunState } from '../state.ts';
import type { SecretKey } from '../stores.ts';

export interface StepContext {
  readonly state: RunState;
  readonly plan: MigrationPlan;
  readonly records: RunRecords;
  readonly source: PlatformAdapter;
  readonly destination: PlatformAdapter;
  readonly copy: CopyClient;
  readonly signal: AbortSignal | undefined;
  readonly sleep: Sleep;
  /** Pause between two reads of a copy job. */
  readonly copyPollMs: number;
  /** Options for adapter calls: the signal, and task ids recorded on the step. */
  readonly op: OperationOptions;
  /** A password from the secret store; throws `passwords_missing` when it is gone. */
  secret(key: SecretKey): Promise<string>;
  /** Persists the state now (call after each change recorded in `records`). */
  save(): Promise<void>;
  /** Live copy progress. */
  progress(job: JobView): void;
  /** Sets the step's note (why it was skipped, what it found). */
  note(text: string): void;
}

export type StepOutcome = 'done' | 'skipped';

export interface Step {
  id: StepId;
  /** The MigrationError code a failure of this step gets. */
  errorCode: MigrationErrorCode;
  run(context: StepContext): Promise<StepOutcome>;
}
