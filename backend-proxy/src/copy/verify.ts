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
  // The copy has just examined it on this connection (read-only): no second EXAMINE.
  const current = source.mailbox;
  if (!current || current.path !== plan.source.path || !current.readOnly) {
    await source.mailboxOpen(plan.source.path, { readOnly: true });
  }
  const sourceIndex = (await readMessageIndex(source)).filter((meta) => scope(meta));
  const sourceKeys = await keysOf(source, sourceIndex, signal);
  const box = await destination.mailboxOpen(plan.destinationPath, { readOnly: true });
  opened?.(stateOf(box));
  const destinationIndex = await readMessageIndex(destination);
  const destinationKeys = await keysOf(destination, destinationIndex, signal);

  const groups = new Map<string, { source: MessageMeta[]; destination: MessageMeta[] }>();
  const groupOf = (key: string) => {
    const found = groups.get(key);
    if (found) return found;
    const group = { source: [] as MessageMeta[], destination: [] as MessageMeta[] };
    groups.set(key, group);
    return group;
  };
  for (const [i, meta] of sourceIndex.entries()) groupOf(sourceKeys[i] ?? '').source.push(meta);
  for (const [i, meta] of destinationIndex.entries()) {
    groupOf(destinationKeys[i] ?? '').destination.push(meta);
  }

  const result = { missing: 0, duplicates: 0, destinationOnly: 0, flagMismatches: 0 };
  const differences: VerificationDifference[] = [];
  const list = (difference: VerificationDifference) => {
    if (differences.length < MAX_LISTED_DIFFERENCES) differences.push(difference);
  };
  for (const group of groups.values()) {
    if (group.source.length === 0) {
      result.destinationOnly += group.destination.length;
      continue;
    }
    // Copies with the same flags pair up first, so identical messages are not called different.
    const left = [...group.destination];
    const unpaired: MessageMeta[] = [];
    for (const meta of group.source) {
      const i = left.findIndex((copy) => sameFlags(copy.flags, meta.flags));
      if (i >= 0) left.splice(i, 1);
      else unpaired.push(meta);
    }
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
  const sum = (metas: MessageMeta[]) => metas.reduce((total, m) => total + m.size, 0);
  return {
    source: plan.sourceName,
    destination: plan.destinationName,
    sourceMessages: sourceIndex.length,
    destinationMessages: destinationIndex.length,
    sourceBytes: sum(sourceIndex),
    destinationBytes: sum(destinationIndex),
    ...result,
    differences,
    match: result.missing === 0 && result.duplicates === 0 && result.flagMismatches === 0,
  };
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
