import { ProxyFailure } from '../errors.ts';

/** The shape of what imapflow and Node's sockets throw; every field optional. */
interface RawImapError {
  code?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  responseText?: unknown;
  responseStatus?: unknown;
  throttleReset?: unknown;
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
const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|ClosedAfterConnectTLS|HOSTNAME_MISMATCH)/;

export interface ClassifyContext {
  side: 'source' | 'destination';
  host: string;
  folder?: string;
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
    /too big|too large|APPENDLIMIT|Command Argument Error 11/i.test(said)
  ) {
    return fail('message_too_large', `The ${where} refused a message as too large.`);
  }
  if (/Server Unavailable/i.test(text) || responseCode === 'UNAVAILABLE') {
    return fail(
      'server_unavailable',
      `The ${where} is temporarily unavailable (Exchange also says this when a mailbox is full).`,
    );
  }
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(message)) {
    return fail(
      'tls_failed',
      `The secure connection to the ${where} failed: its certificate could not be verified.`,
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
    `The ${where} gave an unexpected answer${text ? `: ${text.slice(0, 200)}` : ''}.`,
  );
}
