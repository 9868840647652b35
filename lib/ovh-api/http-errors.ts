/**
 * How an OvhCloud API error answer becomes an `OvhApiError`. Bodies look like
 * `{"class": "Client::NotFound", "message": "..."}`, sometimes with `details` (IAM); the request id
 * is in the `X-Ovh-QueryID` header. Status codes seen in the control panel's own client: 400, 401,
 * 403, 404, 409, 460 (expired service), 471 (low-privilege session), 5xx.
 */
import { OvhApiError, type OvhApiErrorCode } from './errors.ts';

export interface HttpErrorAnswer {
  status: number;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  queryId?: string;
  method: string;
  path: string;
}

// The control panel treats these 403 messages as a dead session, not as a missing right.
const SESSION_MESSAGES = /this session is (invalid|forbidden)/i;
// A 403 refusing a change because another one is under way (wording GUESSED from the sandbox's:
// tests/sandbox/README.md lists it): busy, not a missing right.
const PENDING_TASK_MESSAGES = /pending task|task (is )?(already )?(pending|in progress)/i;

const FALLBACK_MESSAGES: Partial<Record<OvhApiErrorCode, string>> = {
  session_expired: 'The OvhCloud session has expired: log in again.',
  low_privilege_session: 'This action needs a fresh login to the OvhCloud control panel.',
  not_granted: 'This OvhCloud account is not allowed to make this call.',
  service_expired: 'The service has expired.',
  rate_limited: 'Too many requests: OvhCloud asked us to slow down.',
};

export function errorFromHttp(answer: HttpErrorAnswer): OvhApiError {
  const body = asRecord(answer.body);
  const apiMessage = typeof body?.message === 'string' ? body.message : undefined;
  const ovhClass = typeof body?.class === 'string' ? body.class : undefined;
  const code = codeFor(answer.status, apiMessage);
  const missingActions = code === 'not_granted' ? missingActionsOf(body?.details) : undefined;
  return new OvhApiError({
    code,
    message:
      apiMessage ??
      FALLBACK_MESSAGES[code] ??
      `OvhCloud answered HTTP ${answer.status} to ${answer.method} ${answer.path}.`,
    status: answer.status,
    ovhClass,
    queryId: answer.queryId,
    method: answer.method,
    path: answer.path,
    missingActions,
  });
}

function codeFor(status: number, message: string | undefined): OvhApiErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'session_expired';
    case 403:
      if (message && SESSION_MESSAGES.test(message)) return 'session_expired';
      if (message && PENDING_TASK_MESSAGES.test(message)) return 'task_pending';
      return 'not_granted';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    case 460:
      return 'service_expired';
    case 471:
      return 'low_privilege_session';
    default:
      return status >= 500 ? 'server_error' : 'bad_request';
  }
}

/**
 * `details.unauthorizedActionsByIAM` is a comma-separated string in OvhCloud's answers (go-ovh reads
 * `details` as `map[string]string`); accept an array too. Actions an API key's own rules refuse
 * (`unauthorizedActionsByAuthentication`) are just as missing.
 */
function missingActionsOf(details: unknown): string[] {
  const record = asRecord(details);
  if (!record) return [];
  const actions = [record.unauthorizedActionsByIAM, record.unauthorizedActionsByAuthentication]
    .flatMap((value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []))
    .filter((value): value is string => typeof value === 'string')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return [...new Set(actions)];
}

/**
 * A batch answer carries a bare message per failed id, with no status or class (inferred from the
 * control panel's code): classify it by its wording.
 */
export function codeForBatchEntry(message: string): OvhApiErrorCode {
  if (PENDING_TASK_MESSAGES.test(message)) return 'task_pending';
  if (/does not exist|not found|doesn't exist/i.test(message)) return 'not_found';
  if (/not granted|not allowed|forbidden/i.test(message)) return 'not_granted';
  return 'server_error';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
