import type { ImapFlow } from 'imapflow';
import type { ProxyError } from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';
import { classifyImapError } from '../imap/errors.ts';
import type { MessageRecord } from '../store/job-store.ts';
import type { FolderPlan } from './folders.ts';
import type { MessageMeta } from './message-index.ts';

export interface AppendTarget {
  destination: ImapFlow;
  destinationHost: string;
  plan: FolderPlan;
}

/**
 * Appends one message with its flags and INTERNALDATE. A refusal of this one message (too large,
 * or refused with the connection still up) is its record, and the copy goes on; anything that
 * threatens the job (quota, a dropped connection) is thrown to the engine.
 */
export async function appendMessage(
  target: AppendTarget,
  meta: MessageMeta,
  raw: Buffer,
  key: string,
): Promise<MessageRecord> {
  const { destination, plan } = target;
  const appendLimit = appendLimitOf(destination);
  if (appendLimit && raw.length > appendLimit)
    return tooLarge(meta, key, plan, raw.length, appendLimit);
  try {
    const result = await destination.append(
      plan.destinationPath,
      raw,
      meta.flags,
      new Date(meta.internalDate * 1000),
    );
    return outcome(meta, key, 'copied', result ? result.uid : undefined, meta.flags);
  } catch (error) {
    const failure = classifyImapError(error, {
      side: 'destination',
      host: target.destinationHost,
      folder: plan.sourceName,
      command: 'append',
    });
    if (failure.code === 'message_too_large') return refused(meta, key, plan, failure.toJSON());
    if (failure.code !== 'protocol_error' || !destination.usable) throw failure;
    return refused(meta, key, plan, messageRefusal(failure).toJSON());
  }
}

/** The destination's APPENDLIMIT (server-wide, else the selected folder's), when it says one. */
export function appendLimitOf(destination: ImapFlow): number | undefined {
  const serverLimit = destination.capabilities.get('APPENDLIMIT');
  const mailboxLimit = destination.mailbox ? destination.mailbox.appendlimit : undefined;
  const limit = typeof serverLimit === 'number' ? serverLimit : mailboxLimit;
  return limit || undefined;
}

/** The record of a message larger than the destination's APPENDLIMIT: refused before sending. */
export function tooLarge(
  meta: MessageMeta,
  key: string,
  plan: FolderPlan,
  bytes: number,
  limit: number,
): MessageRecord {
  return refused(meta, key, plan, {
    code: 'message_too_large',
    message: `This message (${formatBytes(bytes)}) is larger than the destination accepts (${formatBytes(limit)}).`,
  });
}

/** A refusal of one message, in one sentence with the server's words. */
export function messageRefusal(failure: ProxyFailure): ProxyFailure {
  const text = failure.details.serverText;
  return new ProxyFailure(
    'message_failed',
    text
      ? `The destination server refused this message: ${text.replace(/[\s.]+$/, '')}.`
      : 'The destination server refused this message.',
    { details: failure.details },
  );
}

/** A record of what happened to one source message, stamped now. */
export function outcome(
  meta: MessageMeta,
  key: string,
  status: MessageRecord['status'],
  destinationUid: number | undefined,
  flags: readonly string[] | undefined,
): MessageRecord {
  return {
    uid: meta.uid,
    key,
    status,
    destinationUid,
    size: meta.size,
    error: undefined,
    messageId: meta.messageId,
    internalDate: meta.internalDate,
    flags,
    at: new Date().toISOString(),
  };
}

export function refused(
  meta: MessageMeta,
  key: string,
  plan: FolderPlan,
  error: Pick<ProxyError, 'code' | 'message'> & Partial<ProxyError>,
): MessageRecord {
  return {
    ...outcome(meta, key, 'failed', undefined, undefined),
    error: {
      ...error,
      folder: plan.sourceName,
      uid: meta.uid,
      ...(meta.messageId ? { messageId: meta.messageId } : {}),
      at: new Date().toISOString(),
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
