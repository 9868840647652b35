import type { ImapFlow } from 'imapflow';
import type { FolderProgress, ProxyError } from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';
import { classifyImapError } from '../imap/errors.ts';
import type { MessageRecord } from '../store/job-store.ts';
import type { FolderPlan } from './folders.ts';
import {
  contentKey,
  DestinationIndex,
  downloadMessages,
  type MessageMeta,
  metaKey,
  readMessageIndex,
} from './message-index.ts';

/** Everything one folder copy needs; the engine builds it per folder and per attempt. */
export interface FolderCopyContext {
  source: ImapFlow;
  destination: ImapFlow;
  sourceHost: string;
  destinationHost: string;
  plan: FolderPlan;
  progress: FolderProgress;
  dryRun: boolean;
  /** Records already done in an earlier run, by source UID. */
  loadDone(uidValidity: string): Map<number, MessageRecord>;
  record(uidValidity: string, records: MessageRecord[]): void;
  /** Called after every change of `progress`; `copiedBytes` feeds the rate. */
  changed(copiedBytes: number): void;
  signal: AbortSignal;
}

/** A download batch: bounded in count and bytes, so a 25 MB message does not ride with 63 more. */
const BATCH_MESSAGES = 64;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * Copies one folder: reads both sides' message indexes, skips what is already on the destination
 * (checkpoint first, then the destination's own index), downloads the rest in bounded batches and
 * appends each message with its flags and INTERNALDATE. Per-message refusals are recorded and the
 * copy goes on; anything that threatens the job (quota, connection) is thrown to the engine.
 */
export async function copyFolder(ctx: FolderCopyContext): Promise<void> {
  const { source, destination, plan, progress } = ctx;
  const sourceBox = await source.mailboxOpen(plan.source.path, { readOnly: true });
  const uidValidity = sourceBox.uidValidity.toString();
  const sourceIndex = await readMessageIndex(source);
  const done = ctx.loadDone(uidValidity);

  Object.assign(progress, {
    state: 'copying',
    messagesTotal: sourceIndex.length,
    bytesTotal: sourceIndex.reduce((sum, m) => sum + m.size, 0),
    messagesDone: 0,
    messagesSkipped: 0,
    messagesFailed: 0,
    bytesDone: 0,
  } satisfies Partial<FolderProgress>);
  ctx.changed(0);

  const destinationIndex = new DestinationIndex();
  const destinationReady = await prepareDestination(ctx);
  const needsHashes = sourceIndex.some((m) => m.messageId === undefined && !done.has(m.uid));
  if (destinationReady) {
    const metas = await readMessageIndex(destination);
    const unnamed: MessageMeta[] = [];
    for (const meta of metas) {
      const key = metaKey(meta);
      if (key) destinationIndex.add(key, meta);
      else unnamed.push(meta);
    }
    if (needsHashes || [...done.values()].some((r) => r.key.startsWith('h:'))) {
      await forEachDownloaded(destination, unnamed, ctx.signal, (meta, raw) => {
        destinationIndex.add(contentKey(meta, raw), meta);
      });
    }
  }

  const pending: MessageMeta[] = [];
  const present: MessageRecord[] = [];
  for (const meta of sourceIndex) {
    const earlier = done.get(meta.uid);
    const key = earlier?.key ?? metaKey(meta);
    const match = key ? destinationIndex.take(key) : undefined;
    if (earlier) {
      countDone(progress, meta, 'skipped');
      continue;
    }
    if (key && match) {
      if (!ctx.dryRun) await syncFlags(destination, meta, match);
      present.push(record(meta, key, 'present', match.uid));
      countDone(progress, meta, 'skipped');
      continue;
    }
    pending.push(meta);
  }
  if (!ctx.dryRun) ctx.record(uidValidity, present);
  ctx.changed(0);

  await forEachDownloaded(
    source,
    pending,
    ctx.signal,
    async (meta, raw) => {
      let key = metaKey(meta);
      if (!key) {
        key = contentKey(meta, raw);
        const match = destinationIndex.take(key);
        if (match) {
          if (!ctx.dryRun) {
            await syncFlags(destination, meta, match);
            ctx.record(uidValidity, [record(meta, key, 'present', match.uid)]);
          }
          countDone(progress, meta, 'skipped');
          ctx.changed(0);
          return;
        }
      }
      if (ctx.dryRun) {
        countDone(progress, meta, 'copied');
        ctx.changed(0);
        return;
      }
      const outcome = await appendOne(ctx, meta, raw, key);
      ctx.record(uidValidity, [outcome]);
      countDone(progress, meta, outcome.status === 'failed' ? 'failed' : 'copied');
      ctx.changed(outcome.status === 'failed' ? 0 : meta.size);
    },
    (meta) => {
      // Expunged from the source since the index was read: nothing left to copy.
      countDone(progress, meta, 'skipped');
    },
  );

  progress.state = 'done';
  ctx.changed(0);
}

async function prepareDestination(ctx: FolderCopyContext): Promise<boolean> {
  const { destination, plan } = ctx;
  if (ctx.dryRun && !plan.exists) return false;
  if (!ctx.dryRun && !plan.exists) await ensureFolder(destination, plan, ctx.destinationHost);
  try {
    // Appending into a selected folder is much faster on Dovecot (testing-here.md).
    await destination.mailboxOpen(plan.destinationPath, { readOnly: ctx.dryRun });
  } catch (error) {
    throw folderFailure(error, plan, ctx.destinationHost);
  }
  return true;
}

/** Creates the destination folder when missing, with the source's subscription. Idempotent. */
export async function ensureFolder(
  destination: ImapFlow,
  plan: FolderPlan,
  destinationHost: string,
): Promise<void> {
  try {
    if (!plan.exists && plan.destinationPath.toUpperCase() !== 'INBOX') {
      await destination.mailboxCreate(plan.destinationPath);
      plan.exists = true;
      // imapflow subscribes what it creates; an unsubscribed source folder stays unsubscribed.
      if (!plan.source.subscribed) await destination.mailboxUnsubscribe(plan.destinationPath);
    }
    if (plan.source.subscribed) await destination.mailboxSubscribe(plan.destinationPath);
  } catch (error) {
    throw folderFailure(error, plan, destinationHost);
  }
}

function folderFailure(error: unknown, plan: FolderPlan, host: string): ProxyFailure {
  const failure = classifyImapError(error, { side: 'destination', host, folder: plan.sourceName });
  if (failure.code !== 'protocol_error') return failure;
  return new ProxyFailure(
    'folder_failed',
    `The destination refused to create or open the folder "${plan.destinationName}".`,
    { cause: error, details: { folder: plan.sourceName, ...failure.details } },
  );
}

async function appendOne(
  ctx: FolderCopyContext,
  meta: MessageMeta,
  raw: Buffer,
  key: string,
): Promise<MessageRecord> {
  const limit = ctx.destination.mailbox ? ctx.destination.mailbox.appendlimit : undefined;
  const serverLimit = ctx.destination.capabilities.get('APPENDLIMIT');
  const appendLimit = typeof serverLimit === 'number' ? serverLimit : limit;
  if (appendLimit && raw.length > appendLimit) {
    return failed(
      meta,
      key,
      {
        code: 'message_too_large',
        message: `This message (${formatBytes(raw.length)}) is larger than the destination accepts (${formatBytes(appendLimit)}).`,
      },
      ctx,
    );
  }
  try {
    const result = await ctx.destination.append(
      ctx.plan.destinationPath,
      raw,
      meta.flags,
      new Date(meta.internalDate * 1000),
    );
    return record(meta, key, 'copied', result ? result.uid : undefined);
  } catch (error) {
    const failure = classifyImapError(error, {
      side: 'destination',
      host: ctx.destinationHost,
      folder: ctx.plan.sourceName,
    });
    // Only a refusal of this one message is recorded and passed; the rest stops the job.
    const isRefusal =
      failure.code === 'message_too_large' ||
      (failure.code === 'protocol_error' && ctx.destination.usable);
    if (!isRefusal) throw failure;
    return failed(meta, key, failure.toJSON(), ctx);
  }
}

function failed(
  meta: MessageMeta,
  key: string,
  error: Pick<ProxyError, 'code' | 'message'> & Partial<ProxyError>,
  ctx: FolderCopyContext,
): MessageRecord {
  return {
    ...record(meta, key, 'failed', undefined),
    error: {
      ...error,
      folder: ctx.plan.sourceName,
      uid: meta.uid,
      ...(meta.messageId ? { messageId: meta.messageId } : {}),
      at: new Date().toISOString(),
    },
  };
}

function record(
  meta: MessageMeta,
  key: string,
  status: MessageRecord['status'],
  destinationUid: number | undefined,
): MessageRecord {
  return { uid: meta.uid, key, status, destinationUid, size: meta.size, error: undefined };
}

function countDone(
  progress: FolderProgress,
  meta: MessageMeta,
  how: 'copied' | 'skipped' | 'failed',
) {
  progress.messagesDone += 1;
  progress.bytesDone += meta.size;
  if (how === 'skipped') progress.messagesSkipped += 1;
  if (how === 'failed') progress.messagesFailed += 1;
}

/** Makes the destination copy's flags equal the source's (a later run catches "read" marks). */
async function syncFlags(destination: ImapFlow, source: MessageMeta, target: MessageMeta) {
  if (source.flags.join(' ') === target.flags.join(' ')) return;
  await destination.messageFlagsSet(String(target.uid), source.flags, { uid: true });
}

/**
 * Downloads messages in batches bounded by count and bytes and hands each to `each` in UID
 * order; `missing` gets those the server no longer has.
 */
async function forEachDownloaded(
  client: ImapFlow,
  metas: readonly MessageMeta[],
  signal: AbortSignal,
  each: (meta: MessageMeta, raw: Buffer) => void | Promise<void>,
  missing?: (meta: MessageMeta) => void,
): Promise<void> {
  let start = 0;
  while (start < metas.length) {
    signal.throwIfAborted();
    let end = start;
    let bytes = 0;
    while (end < metas.length && end - start < BATCH_MESSAGES) {
      const size = metas[end]?.size ?? 0;
      if (end > start && bytes + size > BATCH_BYTES) break;
      bytes += size;
      end += 1;
    }
    const batch = metas.slice(start, end);
    const raws = await downloadMessages(
      client,
      batch.map((m) => m.uid),
    );
    for (const meta of batch) {
      const raw = raws.get(meta.uid);
      if (raw) await each(meta, raw);
      else missing?.(meta);
    }
    start = end;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
