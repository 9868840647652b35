/**
 * Stable error codes of the companion proxy. The extension translates them (FR/EN) and decides
 * what the user can do next; the proxy's `message` is a plain English sentence for logs and CLI.
 */
export const ERROR_CODES = [
  // HTTP API
  'unauthorized',
  'forbidden_host',
  'forbidden_origin',
  'bad_request',
  'not_found',
  'conflict',
  'credentials_required',
  'internal',
  // Pairing (lib/proxy-contract/pairing.ts)
  'pairing_pending',
  'pairing_wrong_code',
  'pairing_expired',
  'pairing_cooldown',
  // IMAP
  'host_not_allowed',
  'host_unreachable',
  'connection_timeout',
  'connection_lost',
  'tls_failed',
  'auth_failed',
  'mailbox_mismatch',
  'imap_disabled',
  'quota_full',
  'message_too_large',
  'throttled',
  'server_unavailable',
  'folder_failed',
  'message_failed',
  'protocol_error',
  'cancelled',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes worth retrying automatically (with backoff) before pausing a job. */
export const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'connection_lost',
  'connection_timeout',
  'host_unreachable',
  'throttled',
  'server_unavailable',
]);

/** What to tell a person, one sentence each, and what to do next. */
export const ERROR_SENTENCES: Record<ErrorCode, string> = {
  unauthorized: 'The pairing token is missing or wrong: pair the extension with the proxy again.',
  forbidden_host: 'This request did not come to the proxy by its loopback name and was refused.',
  forbidden_origin: 'Web pages may not call the proxy; only the extension may.',
  bad_request: 'The request is malformed.',
  not_found: 'No such job on this proxy.',
  conflict:
    'The job is not in a state that allows this, or another job already copies into this mailbox.',
  credentials_required:
    'The proxy restarted and no longer knows the passwords: send them again to resume.',
  internal: 'The proxy hit an unexpected error; the job is paused and can be resumed.',
  pairing_pending:
    'Another pairing request is already waiting for its code: finish or cancel it first (it expires after a few minutes).',
  pairing_wrong_code:
    'That is not the code the proxy shows in its window: type the code shown there again.',
  pairing_expired:
    'This pairing request has ended (it expired, was cancelled, or got too many wrong codes): start pairing again.',
  pairing_cooldown:
    'Too many wrong pairing codes were typed just now: wait a few seconds, then start pairing again.',
  host_not_allowed:
    'This IMAP server is not an OVHcloud mail server; start the proxy with --allow-host to permit it.',
  host_unreachable: 'The IMAP server could not be reached: check the host name and your network.',
  connection_timeout: 'The IMAP server did not answer in time.',
  connection_lost: 'The connection to the IMAP server dropped.',
  tls_failed: 'The secure (TLS) connection to the IMAP server could not be set up.',
  auth_failed: 'The e-mail address or password was refused by the IMAP server.',
  mailbox_mismatch:
    'This login opens another mailbox than the one the job copied (its folders differ): check the address, or start a new job.',
  imap_disabled: 'IMAP access is disabled for this account; allow it in the control panel.',
  quota_full:
    'The destination mailbox is full: raise its quota or free space, then resume the copy.',
  message_too_large: 'A message is larger than the destination server accepts.',
  throttled: 'The server asked us to slow down; the copy waits and retries.',
  server_unavailable: 'The IMAP server is temporarily unavailable (or the mailbox is full).',
  folder_failed: 'A folder could not be created or opened on the destination.',
  message_failed: 'A message could not be copied.',
  protocol_error: 'The IMAP server gave an unexpected answer.',
  cancelled: 'The job was cancelled.',
};
