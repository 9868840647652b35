/**
 * The one error the migration runner throws (and keeps in its persisted state). `code` is what a
 * UI branches on; `step` says where it happened; `cause` keeps the adapter's or proxy's error.
 */
import { isOvhApiError } from '../ovh-api/index.ts';
import { isCopyClientError } from './copy-client.ts';

export const MIGRATION_ERROR_CODES = [
  /** A preflight check failed: the plan cannot run. */
  'preflight_failed',
  /** A password the next step needs is not in the secret store (e.g. after a browser restart). */
  'passwords_missing',
  /** The OVHcloud session expired: log in again, then resume. */
  'session_expired',
  'domain_failed',
  'rename_failed',
  'destination_failed',
  'password_failed',
  'proxy_unreachable',
  'copy_failed',
  /** The copy finished but some messages could not be copied. */
  'copy_incomplete',
  /** The proxy's per-folder verification found a difference. */
  'verification_failed',
  'aliases_failed',
  'rollback_failed',
  /** The run is not in a state that allows this (e.g. rollback of a completed run). */
  'invalid_state',
  'cancelled',
  /** An irreversible move (legacy MX Plan) was started without `confirmIrreversible: true`. */
  'not_confirmed',
  /** OVHcloud's move of a legacy MX Plan account failed. */
  'legacy_move_failed',
  /** Another runner (another tab) is driving this run right now. */
  'run_in_use',
  /** The run's state could not be saved (browser storage full or failing): resume once it works. */
  'store_failed',
] as const;

export type MigrationErrorCode = (typeof MIGRATION_ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(MIGRATION_ERROR_CODES);

/** What is persisted and crosses messaging: no methods; the cause as a plain summary. */
export interface MigrationErrorJSON {
  name: 'MigrationError';
  code: MigrationErrorCode;
  message: string;
  step?: string;
  /** `code` of the underlying error (OvhApiError, OvhTaskError, PlatformError, proxy). */
  causeCode?: string;
  causeMessage?: string;
  /** The IAM actions the user lacks, when the cause is OVHcloud's `not_granted`. */
  causeActions?: string[];
  /**
   * The message's key when it has one (e.g. `rollback.proxy_down`, rollback-messages.ts) and its
   * parameters: the panel translates it; `message` is its English, with the action after it.
   */
  key?: string;
  params?: Record<string, string | number>;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError' as const;
  readonly code: MigrationErrorCode;
  readonly step?: string;
  readonly key?: string;
  readonly params?: Record<string, string | number>;

  constructor(
    code: MigrationErrorCode,
    message: string,
    options: {
      step?: string;
      cause?: unknown;
      key?: string;
      params?: Record<string, string | number>;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.step = options.step;
    if (options.key !== undefined) this.key = options.key;
    if (options.params !== undefined) this.params = options.params;
  }

  toJSON(): MigrationErrorJSON {
    const json: MigrationErrorJSON = { name: this.name, code: this.code, message: this.message };
    if (this.step !== undefined) json.step = this.step;
    if (this.key !== undefined) json.key = this.key;
    if (this.params !== undefined) json.params = this.params;
    const cause = this.cause as
      | { code?: unknown; message?: unknown; missingActions?: unknown }
      | undefined;
    if (cause && typeof cause === 'object') {
      if (typeof cause.code === 'string') json.causeCode = cause.code;
      if (typeof cause.message === 'string') json.causeMessage = cause.message;
      if (Array.isArray(cause.missingActions) && cause.missingActions.length > 0)
        json.causeActions = cause.missingActions.filter((a): a is string => typeof a === 'string');
    }
    return json;
  }
}

/** Checks `name` and `code`, so the persisted `toJSON()` form is recognised too. */
export function isMigrationError(value: unknown): value is MigrationErrorJSON {
  if (typeof value !== 'object' || value === null) return false;
  const { name, code } = value as Record<string, unknown>;
  return name === 'MigrationError' && typeof code === 'string' && CODES.has(code);
}

/** Whether an error is our own abort (a signal), whoever threw it. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (isOvhApiError(error) && error.code === 'cancelled') return true;
  return error instanceof Error && error.name === 'AbortError';
}

/** Wraps what a step threw into a MigrationError with the step's code. */
export function toMigrationError(
  error: unknown,
  code: MigrationErrorCode,
  step: string,
): MigrationError {
  if (error instanceof MigrationError) return error;
  if (isOvhApiError(error) && error.code === 'session_expired') {
    return new MigrationError(
      'session_expired',
      'Your OVHcloud session expired: log in again in the control panel, then resume.',
      { step, cause: error },
    );
  }
  if (isCopyClientError(error) && (error.code === 'unreachable' || error.code === 'timeout')) {
    return new MigrationError(
      'proxy_unreachable',
      'The companion proxy stopped answering: start it again, then retry (the copy continues where it was).',
      { step, cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new MigrationError(code, detail, { step, cause: error });
}
