/**
 * The one error the API client throws. `code` is what callers branch on; the other fields are
 * what a person (or OvhCloud support, through `queryId`) needs to understand it.
 */
export const OVH_API_ERROR_CODES = [
  /** 401, or a 403 saying "This session is invalid/forbidden": the user must log in again. */
  'session_expired',
  /** HTTP 471: the session is not privileged enough for this call; log in again. */
  'low_privilege_session',
  /** 403: the account (or its IAM policy) lacks a right; see `missingActions`. */
  'not_granted',
  /** 403 "there is already a pending task": the object is busy; wait for it, then look again. */
  'task_pending',
  'not_found',
  'conflict',
  /** HTTP 460: the service has expired and must be renewed. */
  'service_expired',
  'bad_request',
  'rate_limited',
  'server_error',
  /** The request never got an answer (offline, DNS, connection reset). */
  'network',
  /** The answer did not match the official schema (or was not JSON). */
  'invalid_response',
  /** Our own AbortSignal fired. */
  'cancelled',
  'timeout',
] as const;

export type OvhApiErrorCode = (typeof OVH_API_ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(OVH_API_ERROR_CODES);

/** What crosses extension messaging: every field, no methods, no `cause`. */
export interface OvhApiErrorJSON {
  name: 'OvhApiError';
  code: OvhApiErrorCode;
  message: string;
  /** HTTP status; absent when no response came back. */
  status?: number;
  /** The body's `class`, e.g. `Client::NotFound`. */
  ovhClass?: string;
  /** Header `X-Ovh-QueryID`: quote it to OvhCloud support. */
  queryId?: string;
  method?: string;
  /** API path without the base URL, e.g. `/email/pro/pro-1/account/john%40example.com`. */
  path?: string;
  /** IAM actions the user lacks (`not_granted`), e.g. `emailpro:apiovh:account/edit`. */
  missingActions?: string[];
}

export interface OvhApiErrorInit extends Omit<OvhApiErrorJSON, 'name'> {
  cause?: unknown;
}

export class OvhApiError extends Error {
  override readonly name = 'OvhApiError' as const;
  readonly code: OvhApiErrorCode;
  readonly status?: number;
  readonly ovhClass?: string;
  readonly queryId?: string;
  readonly method?: string;
  readonly path?: string;
  readonly missingActions?: string[];

  constructor(init: OvhApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.ovhClass = init.ovhClass;
    this.queryId = init.queryId;
    this.method = init.method;
    this.path = init.path;
    this.missingActions = init.missingActions;
  }

  toJSON(): OvhApiErrorJSON {
    const json: OvhApiErrorJSON = { name: this.name, code: this.code, message: this.message };
    if (this.status !== undefined) json.status = this.status;
    if (this.ovhClass !== undefined) json.ovhClass = this.ovhClass;
    if (this.queryId !== undefined) json.queryId = this.queryId;
    if (this.method !== undefined) json.method = this.method;
    if (this.path !== undefined) json.path = this.path;
    if (this.missingActions !== undefined) json.missingActions = [...this.missingActions];
    return json;
  }

  /** Rebuilds an error that crossed messaging as a plain object (see `toJSON`). */
  static fromJSON(json: OvhApiErrorJSON): OvhApiError {
    const { name: _name, ...init } = json;
    return new OvhApiError(init);
  }
}

/**
 * True for an `OvhApiError` and for its `toJSON()` form. Checks `name` and `code`, not
 * `instanceof`, because errors cross realms and extension messaging.
 */
export function isOvhApiError(value: unknown): value is OvhApiErrorJSON {
  if (typeof value !== 'object' || value === null) return false;
  const { name, code, message } = value as Record<string, unknown>;
  return (
    name === 'OvhApiError' &&
    typeof code === 'string' &&
    CODES.has(code) &&
    typeof message === 'string'
  );
}

/** The error for our own abort, wherever it happens (a request, a rate-limit wait, a poll). */
export function cancelledError(context: { method?: string; path?: string; cause?: unknown } = {}) {
  return new OvhApiError({
    code: 'cancelled',
    message: 'The operation was cancelled.',
    ...context,
  });
}
