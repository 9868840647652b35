import type {
  CreateJobRequest,
  CredentialsTestRequest,
  CredentialsTestResponse,
  DeleteJobResponse,
  JobReport,
  JobView,
  ResumeJobRequest,
} from '../../../lib/proxy-contract/index.ts';

/**
 * What the HTTP layer needs from the job machinery. Methods throw `ProxyFailure`
 * (`not_found`, `conflict`, `host_not_allowed`, ...) which the HTTP layer maps to a status.
 */
export interface JobService {
  /**
   * Validates hosts against the allowlist, stores the job, starts it; returns at once. The same
   * `idempotencyKey` again returns the job it created; a second job into a destination account
   * that a queued or running job owns is a `conflict` naming that job.
   */
  create(request: CreateJobRequest): Promise<JobView>;
  get(id: string): JobView;
  list(): JobView[];
  /** The final (or current) report: per-folder verification, and the per-message log if asked. */
  report(id: string, options?: { messages?: boolean }): JobReport;
  /** The per-message log as CSV. */
  reportCsv(id: string): string;
  cancel(id: string): Promise<JobView>;
  /**
   * Restarts a paused job or re-runs a finished one (after a proxy restart the passwords are
   * needed again). A new login, host or port is accepted once it proves to be the same mailbox.
   */
  resume(id: string, request: ResumeJobRequest): Promise<JobView>;
  /** Removes an ended job and its checkpoints (`conflict` while it is queued, running, paused). */
  delete(id: string): Promise<DeleteJobResponse>;
  /** Calls `listener` on every progress change until the returned function is called. */
  subscribe(id: string, listener: (view: JobView) => void): () => void;
  /** Logs in to both sides; counts folders, messages and bytes. Never throws for IMAP errors. */
  testCredentials(request: CredentialsTestRequest): Promise<CredentialsTestResponse>;
  /** Stops running jobs (their checkpoints stay), closes connections and the store. */
  close(): Promise<void>;
}
