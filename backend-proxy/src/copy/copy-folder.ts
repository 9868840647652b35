import type { ImapFlow, MailboxObject } from 'imapflow';
import type { FolderProgress } from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';
import { classifyImapError } from '../imap/errors.ts';
import type { FolderSync, MessageRecord } from '../store/job-store.ts';
import { outcome } from './append-message.ts';
import { type DestinationState, matchDestination } from './destination-match.ts';
import { applyFlagChanges, type FlagChange, sameFlags } from './flag-sync.ts';
import { copyShared, type ShareWork } from './folder-split.ts';
import type { FolderPlan } from './folders.ts';
import { type MessageMeta, metaKey, readMessageIndex } from './message-index.ts';
import {
  type MessageWriter,
  type OpenAppendSession,
  openFolderWriter,
  usingWriter,
} from './message-writer.ts';
import { count, type TrackedFolder } from './progress.ts';
import type { MessageScope } from './scope.ts';
import { stateOf } from './unchanged.ts';

/** What the job remembers of one folder between runs (the checkpoint store, for this folder). */
export interface FolderCheckpoint {
  /** Messages already copied or found present, by source UID, for one folder generation. */
  done(uidValidity: string): Map<number, MessageRecord>;
  record(uidValidity: string, records: readonly MessageRecord[]): void;
  /** Write-ahead of a batch of APPENDs (see JobStore.markSending). */
  markSending(uidValidity: string, uids: readonly number[]): void;
  /** Sent by an earlier pass, outcome never recorded. */
  sending(uidValidity: string): Set<number>;
  recordFlags(uidValidity: string, flags: ReadonlyMap<number, readonly string[]>): void;
  sync(): FolderSync | undefined;
  saveSync(sync: FolderSync): void;
  /** Saves the job's folder progress (this folder's state changed without a record). */
  saveProgress(): void;
}

/** Everything one folder copy needs; the engine builds it per folder and per attempt. */
export interface FolderCopyContext {
  source: ImapFlow;
  destination: ImapFlow;
  sourceHost: string;
  destinationHost: string;
  plan: FolderPlan;
  progress: TrackedFolder;
  dryRun: boolean;
  /** The job's filters: messages outside it are left out (and counted as excluded). */
  scope: MessageScope;
  checkpoint: FolderCheckpoint;
  /** The last verification found this folder different: check every copy on the destination. */
  distrust: boolean;
  /** Large messages whose source bytes did not add up to their size: downloaded whole. */
  wholeOnly?: Set<number> | undefined;
  /** Settles once the destination folder exists (created by the engine); the destination
   * connection is not used before. @default already there */
  destinationReady?: Promise<void> | undefined;
  /** Opens the pipelined APPEND connection for a destination folder; without it, imapflow's. */
  openAppendSession?: OpenAppendSession | undefined;
  /** Offers a large folder's remaining batches to idle workers (the engine's board); without it,
   * the folder copies on its own connections only. */
  share?: ShareWork | undefined;
  /** Called after every change of `progress`; a message just copied is passed, for the rate. */
  changed(copied?: { size: number }): void;
  signal: AbortSignal;
}

/**
 * Copies one folder: reads the source's message index, finds what is already on the destination
 * (checkpoint first, then the destination's own index), gives the messages copied earlier the
 * source's current flags, downloads the rest in bounded batches and appends each with its flags
 * and INTERNALDATE. Per-message refusals are recorded and the copy goes on; anything that
 * threatens the job (quota, connection) is thrown to the engine.
 */
export async function copyFolder(ctx: FolderCopyContext): Promise<void> {
  const { source, plan, checkpoint } = ctx;
  // The destination folder is opened on its connection while the source's is read on the other.
  const target = (async () => {
    await ctx.destinationReady;
    return openDestination(ctx);
  })();
  target.catch(() => undefined);
  // The folder likely has messages to copy (STATUS counted more than the checkpoint knows): the
  // APPEND connection logs in while the source is read (closed unused if all turn out there).
  let early: Promise<MessageWriter> | undefined =
    !ctx.dryRun && ctx.progress.messagesTotal > ctx.progress.messagesDone
      ? openFolderWriter(ctx)
      : undefined;
  try {
    const sourceBox = await source.mailboxOpen(plan.source.path, { readOnly: true });
    const uidValidity = sourceBox.uidValidity.toString();
    const listed = await readMessageIndex(source);
    const index = listed.filter((meta) => ctx.scope(meta));
    const done = checkpoint.done(uidValidity);
    const sent = checkpoint.sending(uidValidity);
    const previous = checkpoint.sync();
    // Or messages the checkpoint does not know, which STATUS did not show: logs in now, while
    // the destination is read.
    early ??=
      !ctx.dryRun && index.some((meta) => !done.has(meta.uid)) ? openFolderWriter(ctx) : undefined;
    await copyWith(ctx, {
      sourceBox,
      uidValidity,
      listed,
      index,
      done,
      sent,
      previous,
      early,
      target,
    });
  } finally {
    // Unused, or used and done: copyWith closed or destroyed what it took.
    void early?.then((w) => (w.used ? undefined : w.close())).catch(() => undefined);
  }
}

interface Prepared {
  sourceBox: MailboxObject;
  uidValidity: string;
  listed: MessageMeta[];
  index: MessageMeta[];
  done: Map<number, MessageRecord>;
  sent: Set<number>;
  previous: FolderSync | undefined;
  early: Promise<MessageWriter> | undefined;
  /** The destination folder, being opened (see openDestination). */
  target: ReturnType<typeof openDestination>;
}

async function copyWith(ctx: FolderCopyContext, prepared: Prepared): Promise<void> {
  const { destination, plan, progress, checkpoint } = ctx;
  const { sourceBox, uidValidity, listed, index, done, sent, previous, early } = prepared;
  const target = await prepared.target;
  progress.uidValidity = uidValidity;

  const state: DestinationState | undefined = target
    ? await matchDestination({
        destination,
        signal: ctx.signal,
        index,
        done,
        previous: previous?.sourceUidValidity === uidValidity ? previous : undefined,
        target,
        distrust: ctx.distrust,
      })
    : undefined;
  if (state && state.rewritten.length > 0) checkpoint.record(uidValidity, state.rewritten);

  // Counted again from the checkpoint at once, with no await between: the job halted meanwhile
  // (another folder's quota pause) must not save this folder's counts zeroed.
  resetProgress(progress, index, listed.length - index.length);
  // What earlier runs did stays theirs: copied stays copied, present stays present.
  const fresh: MessageMeta[] = [];
  const flagChanges: FlagChange[] = [];
  const remembered = new Map<number, readonly string[]>();
  for (const meta of index) {
    const earlier = done.get(meta.uid);
    if (!earlier) {
      fresh.push(meta);
      continue;
    }
    count(progress, meta, earlier.status === 'copied' ? 'copied' : 'present');
    if (!state || earlier.destinationUid === undefined) continue;
    const known = state.flags.get(earlier.destinationUid);
    if (!sameFlags(known ?? earlier.flags, meta.flags)) {
      flagChanges.push({ destinationUid: earlier.destinationUid, flags: meta.flags });
    }
    if (known !== undefined || !sameFlags(earlier.flags, meta.flags)) {
      remembered.set(meta.uid, meta.flags);
    }
  }

  const pending: MessageMeta[] = [];
  const present: MessageRecord[] = [];
  for (const meta of fresh) {
    const key = metaKey(meta);
    const match = key && state ? state.index.take(key) : undefined;
    if (!key || !match) {
      pending.push(meta);
      continue;
    }
    if (!sameFlags(match.flags, meta.flags)) {
      flagChanges.push({ destinationUid: match.uid, flags: meta.flags });
    }
    const status = sent.has(meta.uid) ? 'copied' : 'present';
    present.push(outcome(meta, key, status, match.uid, ctx.dryRun ? match.flags : meta.flags));
    count(progress, meta, status);
  }
  if (!ctx.dryRun && flagChanges.length > 0) {
    await applyFlagChanges(destination, flagChanges);
    progress.flagsUpdated += flagChanges.length;
  }
  if (!ctx.dryRun) checkpoint.recordFlags(uidValidity, remembered);
  checkpoint.record(uidValidity, present);
  ctx.changed();

  // Opening (or opened early) while the first batch downloads; taken by copyPending.
  const opening = pending.length === 0 || ctx.dryRun ? undefined : (early ?? openFolderWriter(ctx));
  opening?.catch(() => undefined);
  // Never taken (the copy stopped first): closed unless copyFolder closes it as the early one.
  await usingWriter(
    opening,
    (take) => copyShared(ctx, pending, state, uidValidity, take, sent),
    opening !== early,
  );

  progress.state = 'done';
  checkpoint.saveProgress();
  if (target) {
    checkpoint.saveSync({
      folder: plan.sourceName,
      sourcePath: plan.source.path,
      sourceUidValidity: uidValidity,
      destinationName: plan.destinationName,
      destinationPath: plan.destinationPath,
      destinationUidValidity: target.uidValidity,
      // From before this pass wrote anything: the next pass's CHANGEDSINCE sees our own writes.
      ...(target.modseq !== undefined ? { destinationModseq: target.modseq.toString() } : {}),
      sourceState: stateOf(sourceBox),
    });
  }
  ctx.changed();
}

/** The destination folder, selected (appending into a selected folder is faster on Dovecot). */
async function openDestination(
  ctx: FolderCopyContext,
): Promise<{ uidValidity: string; exists: number; modseq: bigint | undefined } | undefined> {
  const { destination, plan } = ctx;
  if (ctx.dryRun && !plan.exists) return undefined;
  if (!ctx.dryRun && !plan.exists) await ensureFolder(destination, plan, ctx.destinationHost);
  try {
    const box = await destination.mailboxOpen(plan.destinationPath, { readOnly: ctx.dryRun });
    return {
      uidValidity: box.uidValidity.toString(),
      exists: box.exists,
      modseq: box.noModseq ? undefined : box.highestModseq,
    };
  } catch (error) {
    throw folderFailure(error, plan, ctx.destinationHost);
  }
}

/** Creates the destination folder when missing, with the source's subscription. Idempotent. */
export async function ensureFolder(
  destination: ImapFlow,
  plan: FolderPlan,
  destinationHost: string,
): Promise<void> {
  try {
    let created = false;
    if (!plan.exists && plan.destinationPath.toUpperCase() !== 'INBOX') {
      await destination.mailboxCreate(plan.destinationPath);
      plan.exists = true;
      created = true;
    }
    // imapflow subscribes what it creates, but a refused SUBSCRIBE there is silent: a created
    // folder gets the source's subscription again, checked. A folder that was there already
    // only gains one (a subscription the person made on the destination stays).
    if (plan.source.subscribed ? created || !plan.destinationSubscribed : created) {
      await setSubscribed(destination, plan);
      plan.destinationSubscribed = plan.source.subscribed;
    }
  } catch (error) {
    throw folderFailure(error, plan, destinationHost);
  }
}

/**
 * SUBSCRIBE or UNSUBSCRIBE as the source has it. imapflow answers false, not an error, when the
 * server refuses (Dovecot under load: its subscriptions file locked by another session), which
 * would leave the folder silently unsubscribed: asked again a few times, then a folder failure.
 */
async function setSubscribed(destination: ImapFlow, plan: FolderPlan): Promise<void> {
  const subscribe = plan.source.subscribed;
  for (let attempt = 1; ; attempt++) {
    const done = subscribe
      ? await destination.mailboxSubscribe(plan.destinationPath)
      : await destination.mailboxUnsubscribe(plan.destinationPath);
    if (done) return;
    if (attempt >= SUBSCRIPTION_ATTEMPTS) {
      throw new ProxyFailure(
        'folder_failed',
        `The destination refused to ${subscribe ? 'subscribe' : 'unsubscribe'} the folder "${plan.destinationName}".`,
        { details: { folder: plan.sourceName } },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

const SUBSCRIPTION_ATTEMPTS = 4;

function folderFailure(error: unknown, plan: FolderPlan, host: string): ProxyFailure {
  const failure = classifyImapError(error, { side: 'destination', host, folder: plan.sourceName });
  if (failure.code !== 'protocol_error') return failure;
  return new ProxyFailure(
    'folder_failed',
    `The destination refused to create or open the folder "${plan.destinationName}".`,
    { cause: error, details: { folder: plan.sourceName, ...failure.details } },
  );
}

/** Sets the folder's totals from its current index; counts start again from the checkpoint. */
function resetProgress(progress: FolderProgress, index: MessageMeta[], excluded: number): void {
  Object.assign(progress, {
    state: 'copying',
    messagesTotal: index.length,
    bytesTotal: index.reduce((sum, m) => sum + m.size, 0),
    messagesExcluded: excluded,
    messagesDone: 0,
    messagesCopied: 0,
    messagesAlreadyPresent: 0,
    messagesSkipped: 0,
    messagesWouldCopy: 0,
    messagesFailed: 0,
    bytesDone: 0,
  } satisfies Partial<FolderProgress>);
}
