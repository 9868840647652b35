import { ProxyFailure } from '../errors.ts';
import type { MessageRecord } from '../store/job-store.ts';
import { outcome } from './append-message.ts';
import type { FolderCopyContext } from './copy-folder.ts';
import type { DestinationState } from './destination-match.ts';
import { applyFlagChanges, sameFlags } from './flag-sync.ts';
import {
  contentKey,
  downloadBatches,
  type MessageMeta,
  metaKey,
  type PendingQueue,
  readInChunks,
  wholeBody,
} from './message-index.ts';
import type { MessageWriter } from './message-writer.ts';
import { count, RECORD_OUTCOME } from './progress.ts';

interface Pending {
  meta: MessageMeta;
  record: Promise<MessageRecord>;
}

/**
 * Downloads the messages still to copy in batches and hands them to the writer without waiting
 * for the server's answers, so the next batch downloads while this one is appended (bounded by
 * the writer's `room()`: bytes and messages unanswered). Each batch's records are written in one
 * transaction once all its answers are in. A message whose fate is unknown (the connection went
 * with its APPEND on the wire) gets no record: the next pass's dedupe finds it on the
 * destination or copies it again. The first failure that threatens the job stops the download
 * and is thrown once the batches in flight are recorded.
 */
export async function copyPending(
  ctx: FolderCopyContext,
  /** The messages to copy, or the queue this connection shares with others (folder-split.ts). */
  pending: readonly MessageMeta[] | PendingQueue,
  state: DestinationState | undefined,
  uidValidity: string,
  /** The writer (undefined: nothing is written, a dry run); asked for once the first batch is
   * downloaded, so that download overlaps the APPEND connection's login. */
  openWriter: () => Promise<MessageWriter | undefined>,
  /** Sent by an earlier pass without a recorded outcome: found on the destination, they count
   * as copied (they were this job's copies), not as already there. */
  sent: ReadonlySet<number>,
): Promise<void> {
  const { destination, progress, checkpoint } = ctx;
  let failure: { error: unknown } | undefined;
  const settling: Array<Promise<void>> = [];
  let writer: MessageWriter | undefined;
  let opened = false;

  const settle = async (batch: Pending[]) => {
    const results = await Promise.allSettled(batch.map((p) => p.record));
    const records: MessageRecord[] = [];
    results.forEach((result) => {
      if (result.status === 'fulfilled') records.push(result.value);
      else failure ??= { error: result.reason };
    });
    // Counted first, so the progress saved with the records (one transaction) includes them.
    for (const record of records) count(progress, record, RECORD_OUTCOME[record.status]);
    checkpoint.record(uidValidity, records);
    for (const record of records) {
      ctx.changed(RECORD_OUTCOME[record.status] === 'copied' ? record : undefined);
    }
    // What is still on the wire would only be more of the same trouble.
    if (failure) writer?.destroy();
  };

  try {
    for await (const batch of downloadBatches(ctx.source, pending, ctx.signal)) {
      if (failure) break;
      if (!opened) {
        writer = await openWriter();
        opened = true;
      }
      const written: Pending[] = [];
      const toWrite: Array<{ meta: MessageMeta; raw: Buffer; key: string }> = [];
      for (const item of batch) {
        const { meta } = item;
        if (item.large && !failure) {
          const streamed = await streamLarge(ctx, meta, uidValidity, writer);
          if (streamed) {
            written.push({ meta, record: Promise.resolve(streamed) });
            continue;
          }
        }
        const raw = await wholeBody(ctx.source, item);
        if (!raw) {
          // Expunged from the source since the index was read: no longer part of the job.
          progress.messagesTotal -= 1;
          progress.bytesTotal -= meta.size;
          continue;
        }
        const named = metaKey(meta);
        const key = named ?? contentKey(meta, raw);
        const match = !named && state ? state.index.take(key) : undefined;
        if (match) {
          if (!ctx.dryRun && !sameFlags(match.flags, meta.flags)) {
            await applyFlagChanges(destination, [{ destinationUid: match.uid, flags: meta.flags }]);
            progress.flagsUpdated += 1;
          }
          const flags = ctx.dryRun ? match.flags : meta.flags;
          const status = sent.has(meta.uid) ? 'copied' : 'present';
          written.push({
            meta,
            record: Promise.resolve(outcome(meta, key, status, match.uid, flags)),
          });
        } else if (!writer) {
          written.push({
            meta,
            record: Promise.resolve(outcome(meta, key, 'would_copy', undefined, undefined)),
          });
        } else {
          toWrite.push({ meta, raw, key });
        }
      }
      // Before the first byte goes: a crash from here on leaves them to the next pass's dedupe,
      // which then knows they were this job's copies.
      checkpoint.markSending(
        uidValidity,
        toWrite.map((w) => w.meta.uid),
      );
      for (const { meta, raw, key } of toWrite) {
        await writer?.room();
        if (failure || !writer) break;
        const record = writer.write(meta, raw, key);
        // Settled with its batch; never an unhandled rejection meanwhile.
        record.catch(() => undefined);
        written.push({ meta, record });
      }
      settling.push(settle(written));
    }
  } catch (error) {
    failure ??= { error };
  }
  await Promise.all(settling);
  if (failure) throw failure.error;
}

/**
 * A large message goes from the source's partial fetches straight into its APPEND literal, never
 * whole in memory (the pipeline only; one with a Message-ID, as a content key needs all its bytes
 * before sending). Waited for: the source connection is busy with it until it is written. When
 * the source's bytes do not add up to the size it announced, the literal cannot be completed: the
 * link drops, and the folder's next attempt downloads that message whole.
 */
async function streamLarge(
  ctx: FolderCopyContext,
  meta: MessageMeta,
  uidValidity: string,
  writer: MessageWriter | undefined,
): Promise<MessageRecord | undefined> {
  const key = metaKey(meta);
  if (!writer?.stream || !key || ctx.dryRun || ctx.wholeOnly?.has(meta.uid)) return undefined;
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of readInChunks(ctx.source, meta.uid, meta.size)) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  ctx.checkpoint.markSending(uidValidity, [meta.uid]);
  await writer.room();
  try {
    return await writer.stream(meta, counted(), key);
  } catch (error) {
    if (bytes === meta.size || !ctx.source.usable) throw error;
    ctx.wholeOnly?.add(meta.uid);
    throw new ProxyFailure(
      'connection_lost',
      `The source server sent ${bytes} bytes of a message it sized at ${meta.size}; it is copied again whole.`,
      { cause: error, details: { folder: ctx.plan.sourceName, uid: meta.uid } },
    );
  }
}
