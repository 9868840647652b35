// How the copy writes messages to the destination folder (issue 10): the pipelined APPEND of
// imap/append-pipeline.ts when the server offers LITERAL+ or MULTIAPPEND, imapflow's one-at-a-time
// `append()` otherwise (INTERNALS.md, "The APPEND path").

import type { ImapFlow } from 'imapflow';
import { isProxyFailure } from '../errors.ts';
import type { AppendBody, AppendOutcome } from '../imap/append-pipeline.ts';
import type { AppendSession } from '../imap/append-session.ts';
import type { MessageRecord } from '../store/job-store.ts';
import {
  type AppendTarget,
  appendLimitOf,
  appendMessage,
  messageRefusal,
  outcome,
  refused,
  tooLarge,
} from './append-message.ts';
import type { FolderCopyContext } from './copy-folder.ts';
import type { MessageMeta } from './message-index.ts';

/**
 * Writes messages to one destination folder. `room()` before each `write()` keeps memory bounded;
 * `write()` resolves with the message's record once the server answered (copied, or refused
 * with the reason), and rejects with what threatens the job (quota, a lost connection: then
 * whether it was stored is for the next pass's dedupe to find out).
 */
export interface MessageWriter {
  readonly kind: 'pipeline' | 'imapflow';
  /** Taken by the folder copy (an unused one opened ahead is closed by whoever opened it). */
  used?: boolean;
  room(): Promise<void>;
  write(meta: MessageMeta, raw: Buffer, key: string): Promise<MessageRecord>;
  /**
   * Writes a message streamed from the source (exactly `meta.size` bytes, or the connection is
   * dropped: a literal's length is announced first). Only the pipeline can.
   */
  stream?(
    meta: MessageMeta,
    chunks: AsyncIterable<Uint8Array>,
    key: string,
  ): Promise<MessageRecord>;
  /** Waits for every write and closes what the writer opened. Never throws. */
  close(): Promise<void>;
  /** Drops the writer's own connection now (cancel, or a failure elsewhere). */
  destroy(): void;
}

/** Opens the pipelined APPEND session of one destination folder (the engine knows the endpoint). */
/** Opens the pipelined APPEND connection for `mailbox`, selected once `ready` settles. */
export type OpenAppendSession = (
  mailbox: string,
  folder: string,
  ready?: Promise<unknown>,
) => Promise<AppendSession>;

/** Whether the destination's capabilities make the pipeline worth its own connection. */
export function pipelineWorthIt(destination: ImapFlow): boolean {
  return destination.capabilities.has('LITERAL+') || destination.capabilities.has('MULTIAPPEND');
}

/** imapflow's `append()`, one message at a time on the folder's destination connection. */
export function imapflowWriter(target: AppendTarget): MessageWriter {
  let last: Promise<unknown> = Promise.resolve();
  const settled = () =>
    last.then(
      () => undefined,
      () => undefined,
    );
  return {
    kind: 'imapflow',
    room: settled,
    write(meta, raw, key) {
      const written = appendMessage(target, meta, raw, key);
      last = written;
      return written;
    },
    close: settled,
    destroy: () => undefined,
  };
}

/** The pipelined APPEND on a connection of its own, with the same refusal rules as above. */
export function pipelineWriter(
  session: AppendSession,
  target: AppendTarget,
  uidValidity: string | undefined,
): MessageWriter {
  const { pipeline } = session;
  const send = async (meta: MessageMeta, body: AppendBody, key: string): Promise<MessageRecord> => {
    const bytes = body instanceof Uint8Array ? body.length : body.size;
    // Read at each message: the folder's own limit is known once the copy has selected it.
    const limit = appendLimitOf(target.destination);
    if (limit !== undefined && bytes > limit) return tooLarge(meta, key, target.plan, bytes, limit);
    const result = await pipeline.append({
      body,
      flags: meta.flags,
      internalDate: new Date(meta.internalDate * 1000),
    });
    return recordOf(result, meta, key, target, uidValidity);
  };
  return {
    kind: 'pipeline',
    room: () => pipeline.whenRoom(),
    write: (meta, raw, key) => send(meta, raw, key),
    stream: (meta, chunks, key) => send(meta, { size: meta.size, chunks }, key),
    close: () => session.close(),
    destroy: () => session.destroy(),
  };
}

function recordOf(
  result: AppendOutcome,
  meta: MessageMeta,
  key: string,
  target: AppendTarget,
  uidValidity: string | undefined,
): MessageRecord {
  if (result.status === 'appended') {
    // A UID of another generation of the folder would point at nothing: the key finds it again.
    const uid =
      uidValidity === undefined ||
      result.uidValidity === undefined ||
      result.uidValidity === uidValidity
        ? result.uid
        : undefined;
    return outcome(meta, key, 'copied', uid, meta.flags);
  }
  const { error } = result;
  if (result.status === 'refused' && error.code === 'message_too_large') {
    return refused(meta, key, target.plan, error.toJSON());
  }
  if (result.status === 'refused' && error.code === 'message_failed') {
    return refused(meta, key, target.plan, messageRefusal(error).toJSON());
  }
  throw error;
}

/**
 * The pipelined APPEND on a connection of its own when the server offers LITERAL+ or
 * MULTIAPPEND, imapflow's `append()` otherwise, or when that connection cannot be opened (a
 * server allowing few connections per user: the folder still copies, one message at a time).
 */
export async function openFolderWriter(ctx: FolderCopyContext): Promise<MessageWriter> {
  const target = {
    destination: ctx.destination,
    destinationHost: ctx.destinationHost,
    plan: ctx.plan,
  };
  if (!ctx.openAppendSession || !pipelineWorthIt(ctx.destination)) return imapflowWriter(target);
  try {
    // It logs in now and selects the folder once the engine has created it: selected before, it
    // was refused ("Mailbox doesn't exist") and the folder went one message per round trip.
    const session = await ctx.openAppendSession(
      ctx.plan.destinationPath,
      ctx.plan.sourceName,
      ctx.destinationReady,
    );
    return pipelineWriter(session, target, session.uidValidity);
  } catch (error) {
    ctx.signal.throwIfAborted();
    if (isProxyFailure(error) && error.code === 'cancelled') throw error;
    return imapflowWriter(target);
  }
}

/**
 * Runs `work` with the writer `opening` gives, taken when `work` asks for it (`take`, after its
 * first download): destroyed when `work` throws, closed once it returns (every answer is in by
 * then; the LOGOUT is not waited for). One never taken is closed too, unless `closeUntaken` is
 * false (its opener closes it).
 */
export async function usingWriter(
  opening: Promise<MessageWriter> | undefined,
  work: (take: () => Promise<MessageWriter | undefined>) => Promise<void>,
  closeUntaken = true,
): Promise<void> {
  let writer: MessageWriter | undefined;
  try {
    await work(async () => {
      writer = await opening;
      if (writer) writer.used = true;
      return writer;
    });
  } catch (error) {
    writer?.destroy();
    throw error;
  } finally {
    if (writer) void writer.close();
    else if (opening && closeUntaken) void opening.then((w) => w.close()).catch(() => undefined);
  }
}
