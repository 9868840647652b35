import type { ImapFlow } from 'imapflow';
import {
  type FolderVerification,
  MAX_LISTED_DIFFERENCES,
  type VerificationDifference,
} from '../../../lib/proxy-contract/index.ts';
import type { FolderState } from '../store/job-store.ts';
import { sameFlags } from './flag-sync.ts';
import type { FolderPlan } from './folders.ts';
import {
  contentKey,
  forEachDownloaded,
  type MessageMeta,
  metaKey,
  readMessageIndex,
} from './message-index.ts';
import type { MessageScope } from './scope.ts';
import { stateOf } from './unchanged.ts';

/**
 * Compares one folder on both sides after the copy, as multisets of dedupe keys (the keys the
 * copy uses, so a message Exchange re-labels still counts as present): for each key the
 * destination must hold as many copies as the source, and each copy the same flags. Extra copies
 * of a source message are duplicates and fail the folder; destination messages that match no
 * source message (its own earlier mail) are counted, not failed.
 */
export async function verifyFolder(
  source: ImapFlow,
  destination: ImapFlow,
  plan: FolderPlan,
  scope: MessageScope,
  signal: AbortSignal,
  /** The destination folder's STATUS as opened, before anything of it is read. */
  opened?: (state: FolderState) => void,
): Promise<FolderVerification> {
  // Source messages by key, still to pair; a key stays (emptied) once all its messages pair up,
  // so a further destination copy of it counts as a duplicate, not as the destination's own.
  // The destination's messages are paired as they are read, never grouped (at the memory peak
  // of a big folder, only the source's index and the destination's unpaired copies are held).
  const unpairedByKey = new Map<string, MessageMeta[]>();
  // Both sides are read at once, each on its own connection.
  const readSource = async () => {
    // The copy has just examined it on this connection (read-only): no second EXAMINE.
    const current = source.mailbox;
    if (!current || current.path !== plan.source.path || !current.readOnly) {
      await source.mailboxOpen(plan.source.path, { readOnly: true });
    }
    return groupSource(source, scope, signal, unpairedByKey);
  };
  const readDestination = async () => {
    const box = await destination.mailboxOpen(plan.destinationPath, { readOnly: true });
    opened?.(stateOf(box));
    const index = await readMessageIndex(destination);
    return { index, keys: await keysOf(destination, index, signal) };
  };
  const [sourceTotals, destinationSide] = await settleBoth(readSource(), readDestination());
  const { index: destinationIndex, keys: destinationKeys } = destinationSide;
  const destinationTotals = { messages: destinationIndex.length, bytes: sum(destinationIndex) };

  const result = { missing: 0, duplicates: 0, destinationOnly: 0, flagMismatches: 0 };
  // Copies with the same flags pair up first, so identical messages are not called different.
  const leftByKey = new Map<string, MessageMeta[]>();
  for (const [i, copy] of destinationIndex.entries()) {
    const key = destinationKeys[i] ?? '';
    const unpaired = unpairedByKey.get(key);
    if (!unpaired) {
      result.destinationOnly += 1;
      continue;
    }
    const at = unpaired.findIndex((meta) => sameFlags(copy.flags, meta.flags));
    if (at >= 0) unpaired.splice(at, 1);
    else {
      const left = leftByKey.get(key);
      if (left) left.push(copy);
      else leftByKey.set(key, [copy]);
    }
  }
  destinationIndex.length = 0;
  destinationKeys.length = 0;

  const differences: VerificationDifference[] = [];
  const list = (difference: VerificationDifference) => {
    if (differences.length < MAX_LISTED_DIFFERENCES) differences.push(difference);
  };
  for (const [key, unpaired] of unpairedByKey) {
    const left = leftByKey.get(key) ?? [];
    for (const meta of unpaired) {
      const copy = left.shift();
      if (copy) {
        result.flagMismatches += 1;
        list({
          kind: 'flags',
          sourceUid: meta.uid,
          destinationUid: copy.uid,
          ...messageIdOf(meta),
          sourceFlags: meta.flags,
          destinationFlags: copy.flags,
        });
      } else {
        result.missing += 1;
        list({ kind: 'missing', sourceUid: meta.uid, ...messageIdOf(meta) });
      }
    }
    for (const copy of left) {
      result.duplicates += 1;
      list({ kind: 'duplicate', destinationUid: copy.uid, ...messageIdOf(copy) });
    }
  }
  return {
    source: plan.sourceName,
    destination: plan.destinationName,
    sourceMessages: sourceTotals.messages,
    destinationMessages: destinationTotals.messages,
    sourceBytes: sourceTotals.bytes,
    destinationBytes: destinationTotals.bytes,
    ...result,
    differences,
    match: result.missing === 0 && result.duplicates === 0 && result.flagMismatches === 0,
  };
}

function sum(metas: readonly MessageMeta[]): number {
  return metas.reduce((total, m) => total + m.size, 0);
}

/** The selected source folder's messages in scope, by key, into `byKey`; their count and bytes. */
async function groupSource(
  source: ImapFlow,
  scope: MessageScope,
  signal: AbortSignal,
  byKey: Map<string, MessageMeta[]>,
): Promise<{ messages: number; bytes: number }> {
  const index = (await readMessageIndex(source)).filter((meta) => scope(meta));
  const keys = await keysOf(source, index, signal);
  for (const [i, meta] of index.entries()) {
    const key = keys[i] ?? '';
    const list = byKey.get(key);
    if (list) list.push(meta);
    else byKey.set(key, [meta]);
  }
  return { messages: index.length, bytes: sum(index) };
}
/** Both results; when one fails, waits for the other to settle too, then throws the first. */
async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [left, right] = await Promise.allSettled([a, b]);
  if (left.status === 'rejected') throw left.reason;
  if (right.status === 'rejected') throw right.reason;
  return [left.value, right.value];
}

function messageIdOf(meta: MessageMeta): { messageId?: string } {
  return meta.messageId ? { messageId: meta.messageId } : {};
}

/** Keys in index order; messages without Message-ID are downloaded (in batches) and hashed. */
async function keysOf(
  client: ImapFlow,
  index: MessageMeta[],
  signal: AbortSignal,
): Promise<string[]> {
  const keys = index.map((meta) => metaKey(meta) ?? `gone:${meta.uid}`);
  const positions = new Map<number, number>();
  const unnamed = index.filter((meta, i) => {
    if (meta.messageId !== undefined) return false;
    positions.set(meta.uid, i);
    return true;
  });
  await forEachDownloaded(client, unnamed, signal, (meta, raw) => {
    keys[positions.get(meta.uid) as number] = contentKey(meta, raw);
  });
  return keys;
}
