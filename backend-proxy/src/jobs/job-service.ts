import type {
  CreateJobRequest,
  CredentialsTestRequest,
  CredentialsTestResponse,
  JobReport,
  JobView,
  ResumeJobRequest,
} from '../../../lib/proxy-contract/index.ts';

/**
 * What the HTTP layer needs from the job machinery. Methods throw `ProxyFailure`
 * (`not_found`, `conflict`, `host_not_allowed`, ...) which the HTTP layer maps to a status.
 */
export interface JobService {
  /** Validates hosts against the allowlist, stores the job, starts it; returns at once. */
  create(request: CreateJobRequest): Promise<JobView>;
  get(id: string): JobView;
  list(): JobView[];
  /** The final (or current) report: per-folder verification once the job ended. */
  report(id: string): JobReport;
  cancel(id: string): Promise<JobView>;
  /** Restarts a paused job (after a proxy restart the passwords are needed again). */
  resume(id: string, request: ResumeJobRequest): Promise<JobView>;
  /** Calls `listener` on every progress change until the returned function is called. */
  subscribe(id: string, listener: (view: JobView) => void): () => void;
  /** Logs in to both sides; counts folders, messages and bytes. Never throws for IMAP errors. */
  testCredentials(request: CredentialsTestRequest): Promise<CredentialsTestResponse>;
  /** Stops running jobs (their checkpoints stay), closes connections and the store. */
  close(): Promise<void>;
}
