import { ProxyFailure } from '../errors.ts';

/** The shape of what imapflow and Node's sockets throw; every field optional. */
interface RawImapError {
  code?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  responseText?: unknown;
  responseStatus?: unknown;
  throttleReset?: unknown;
  tlsFailed?: unknown;
  message?: unknown;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);
const TIMEOUTS = new Set([
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
  'ETIMEDOUT',
]);
const DROPPED = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'StateLogout',
]);
/** Node's codes for a certificate that does not verify (and for a name it does not cover). */
const CERTIFICATE_CODES =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|ERR_TLS_CERT_|HOSTNAME_MISMATCH)/;
/** Other failures of the TLS layer itself (protocol versions, ciphers, a handshake cut short). */
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|ClosedAfterConnectTLS|STARTTLS_)/;

export interface ClassifyContext {
  side: 'source' | 'destination';
  host: string;
  folder?: string;
  /** The command that failed, when it changes what a reply means (RFC 5530 `LIMIT` on APPEND). */
  command?: 'append';
}

/**
 * `prefix: the server's text.` as one sentence: the server's own final punctuation is dropped, so
 * a reply ending in "." never gives "..".
 */
export function withServerText(prefix: string, text: string | undefined): string {
  const said = text?.trim().replace(/[\s.!?;:,]+$/, '');
  return said ? `${prefix}: ${said}.` : `${prefix}.`;
}

/** A server's "no more connections for you" (Dovecot, Exchange, Courier, others' wordings). */
const CONNECTION_LIMIT =
  /maximum number of connections|too many (simultaneous |concurrent )?connections|connection limit/i;

/** The server refused a new connection for its per-user (and IP) limit. */
export function isConnectionLimit(failure: ProxyFailure): boolean {
  return failure.code === 'throttled' && CONNECTION_LIMIT.test(failure.details.serverText ?? '');
}

/**
 * Turns whatever an IMAP operation threw into a `ProxyFailure` with a stable code. Server texts
 * matter: Exchange says "Server Unavailable. 15" when a mailbox is full and "Request is throttled.
 * Suggested Backoff Time" when it wants us to slow down (reference §6).
 */
export function classifyImapError(error: unknown, context: ClassifyContext): ProxyFailure {
  if (error instanceof ProxyFailure) return error;
  const raw: RawImapError = typeof error === 'object' && error !== null ? error : {};
  const code = typeof raw.code === 'string' ? raw.code : '';
  const responseCode = typeof raw.serverResponseCode === 'string' ? raw.serverResponseCode : '';
  const text = typeof raw.responseText === 'string' ? raw.responseText : '';
  const message = typeof raw.message === 'string' ? raw.message : String(error);
  const said = `${text} ${message}`;
  const where = `${context.side} server ${context.host}`;
  const details = {
    ...(text ? { serverText: text.slice(0, 300) } : {}),
    ...(context.folder ? { folder: context.folder } : {}),
  };
  const fail = (failure: ProxyFailure['code'], sentence: string) =>
    new ProxyFailure(failure, sentence, { cause: error, details });

  // Dovecot refuses the login this way past mail_max_userip_connections (a NO [UNAVAILABLE] to
  // LOGIN, which imapflow reports as an authentication failure): the password is fine.
  if (CONNECTION_LIMIT.test(said)) {
    return fail(
      'throttled',
      `The ${where} refuses more connections for this account; the copy goes on with fewer.`,
    );
  }
  if (raw.authenticationFailed === true || responseCode === 'AUTHENTICATIONFAILED') {
    return fail(
      'auth_failed',
      `The ${where} refused the e-mail address or password (check them, and that IMAP is allowed for this account).`,
    );
  }
  if (code === 'ETHROTTLE' || /Request is throttled/i.test(said)) {
    return fail('throttled', `The ${where} asked us to slow down; the copy waits and retries.`);
  }
  if (responseCode === 'OVERQUOTA' || /quota/i.test(text)) {
    return fail(
      'quota_full',
      `The ${context.side} mailbox is full: raise its quota or free space, then resume the copy.`,
    );
  }
  if (
    responseCode === 'APPENDLIMIT' ||
    responseCode === 'TOOBIG' ||
    // RFC 5530 LIMIT: on an APPEND it is Dovecot's "mail size is larger than allowed".
    (responseCode === 'LIMIT' && context.command === 'append') ||
    /too big|too large|larger than|APPENDLIMIT|Command Argument Error 11/i.test(said)
  ) {
    return fail('message_too_large', `The ${where} refused a message as too large.`);
  }
  if (/Server Unavailable/i.test(text) || responseCode === 'UNAVAILABLE') {
    return fail(
      'server_unavailable',
      `The ${where} is temporarily unavailable (Exchange also says this when a mailbox is full).`,
    );
  }
  // Exchange logs in, then refuses every command this way when IMAP is off for the mailbox.
  if (/authenticated but not connected/i.test(said)) {
    return fail(
      'imap_disabled',
      `The ${where} accepted the password but refuses IMAP for this account: allow IMAP for it in the control panel, then resume.`,
    );
  }
  if (raw.tlsFailed === true && /STARTTLS/i.test(message)) {
    return fail(
      'tls_failed',
      `The ${where} does not offer STARTTLS, so the password cannot be sent securely: connect with implicit TLS (port 993) instead.`,
    );
  }
  if (CERTIFICATE_CODES.test(code) || /certificate/i.test(message)) {
    return fail(
      'tls_failed',
      `The secure connection to the ${where} failed: its certificate could not be verified.`,
    );
  }
  if (raw.tlsFailed === true || TLS_CODES.test(code) || /\b(ssl|tls)\b/i.test(message)) {
    return fail(
      'tls_failed',
      `The secure (TLS) connection to the ${where} could not be set up${code ? ` (${code})` : ''}.`,
    );
  }
  if (UNREACHABLE.has(code)) {
    return fail('host_unreachable', `The ${where} could not be reached (${code}).`);
  }
  if (TIMEOUTS.has(code)) {
    return fail('connection_timeout', `The ${where} did not answer in time.`);
  }
  if (DROPPED.has(code) || /connection (closed|lost|reset)|socket/i.test(message)) {
    return fail('connection_lost', `The connection to the ${where} dropped.`);
  }
  return fail(
    'protocol_error',
    withServerText(`The ${where} gave an unexpected answer`, text.slice(0, 200)),
  );
}
