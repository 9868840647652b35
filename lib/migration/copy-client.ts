/**
 * What the runner needs from the companion proxy. In the extension it goes through the
 * background's proxy bridge; in tests a small HTTP client calls the real proxy process.
 */
import type {
  CreateJobRequest,
  CredentialsTestRequest,
  CredentialsTestResponse,
  ErrorCode,
  HealthResponse,
  JobReport,
  JobView,
  ResumeJobRequest,
} from '../proxy-contract/index.ts';

export interface CopyCallOptions {
  signal?: AbortSignal;
}

export interface CopyClient {
  /** Throws when the proxy cannot be reached, is not paired or is not compatible. */
  health(options?: CopyCallOptions): Promise<HealthResponse>;
  /**
   * Logs in and sizes the mailboxes (the source alone when `destination` is absent): the size
   * a plan checks is measured here, not taken from the API's unit-less `currentUsage`.
   */
  testCredentials(
    request: CredentialsTestRequest,
    options?: CopyCallOptions,
  ): Promise<CredentialsTestResponse>;
  createJob(request: CreateJobRequest, options?: CopyCallOptions): Promise<JobView>;
  getJob(id: string, options?: CopyCallOptions): Promise<JobView>;
  /** Continues a paused job, or re-runs a finished one (the cheap incremental pass). */
  resumeJob(id: string, request: ResumeJobRequest, options?: CopyCallOptions): Promise<JobView>;
  cancelJob(id: string, options?: CopyCallOptions): Promise<JobView>;
  getReport(id: string, options?: CopyCallOptions): Promise<JobReport>;
}

/**
 * The proxy's own codes, plus what the extension's bridge knows before the proxy says anything:
 * `unreachable` (no answer), `timeout`, `not_configured` (never paired), `unpaired` (token
 * refused), `incompatible` (another API version).
 */
export type CopyClientErrorCode =
  | ErrorCode
  | 'unreachable'
  | 'timeout'
  | 'not_configured'
  | 'unpaired'
  | 'incompatible';

/** What a CopyClient throws: the proxy's error code, or the bridge's when no proxy answer came. */
export class CopyClientError extends Error {
  override readonly name = 'CopyClientError' as const;
  readonly code: CopyClientErrorCode;

  constructor(code: CopyClientErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

export function isCopyClientError(value: unknown): value is CopyClientError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'CopyClientError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
