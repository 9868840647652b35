import type { ImapFlow } from 'imapflow';
import type { FolderSync, MessageRecord } from '../store/job-store.ts';
import { readDestinationFlags } from './flag-sync.ts';
import {
  contentKey,
  DestinationIndex,
  forEachDownloaded,
  type MessageMeta,
  metaKey,
  readMessageIndex,
} from './message-index.ts';

export interface DestinationMatchInput {
  destination: ImapFlow;
  signal: AbortSignal;
  /** The source messages the job covers in this folder. */
  index: readonly MessageMeta[];
  /** The checkpoint's records for this source generation; trimmed to what still holds. */
  done: Map<number, MessageRecord>;
  /** What the last pass saved of this folder pair, when it was the same source generation. */
  previous: FolderSync | undefined;
  /** The destination folder as just selected. */
  target: { uidValidity: string; exists: number; modseq: bigint | undefined };
  distrust: boolean;
}

export interface DestinationState {
  /** Destination messages no checkpointed record accounts for, by dedupe key. */
  index: DestinationIndex;
  /** Destination flags read in this pass, by destination UID (the rest: as the checkpoint says). */
  flags: Map<number, readonly string[]>;
  /** Records whose destination UID was found again by key (to save back). */
  rewritten: MessageRecord[];
}

/**
 * What of the checkpoint still holds on the destination. When nothing new is to be copied and
 * the checkpoint is sound (same UIDVALIDITY on both sides, every copy's destination UID known,
 * nothing lost from the folder), only flags are read (CHANGEDSINCE where offered). Otherwise the
 * destination's whole index is read: a record whose copy is gone is dropped (the message is
 * copied again), one without a destination UID is found again by its key, and what no record
 * claims is the dedupe index for the messages still to copy.
 */
export async function matchDestination(input: DestinationMatchInput): Promise<DestinationState> {
  const { done, previous, target } = input;
  const sameGeneration = previous?.destinationUidValidity === target.uidValidity;
  const earlier = input.index.filter((meta) => done.has(meta.uid));
  const fresh = input.index.length - earlier.length;
  const sound =
    sameGeneration &&
    !input.distrust &&
    target.exists >= earlier.length &&
    earlier.every((meta) => done.get(meta.uid)?.destinationUid !== undefined);
  if (fresh === 0 && sound) {
    const light = await readFlagsOnly(input, earlier);
    if (light) return light;
  }
  return readWholeIndex(input, earlier, sameGeneration);
}

async function readFlagsOnly(
  input: DestinationMatchInput,
  earlier: readonly MessageMeta[],
): Promise<DestinationState | undefined> {
  const records = earlier.map((meta) => input.done.get(meta.uid) as MessageRecord);
  const uids = records.map((record) => record.destinationUid as number);
  const modseq =
    input.previous?.destinationModseq !== undefined && records.every((r) => r.flags !== undefined)
      ? BigInt(input.previous.destinationModseq)
      : undefined;
  const { flags, complete } = await readDestinationFlags(input.destination, { modseq, uids });
  // A plain fetch that misses a copy means it is gone: the whole index must say what to redo.
  if (complete && uids.some((uid) => !flags.has(uid))) return undefined;
  return { index: new DestinationIndex(), flags, rewritten: [] };
}

async function readWholeIndex(
  input: DestinationMatchInput,
  earlier: readonly MessageMeta[],
  sameGeneration: boolean,
): Promise<DestinationState> {
  const { done, destination } = input;
  const metas = await readMessageIndex(destination);
  const byUid = new Map(metas.map((meta) => [meta.uid, meta]));
  const claimed = new Set<number>();
  const byKey: MessageRecord[] = [];
  for (const meta of earlier) {
    const record = done.get(meta.uid) as MessageRecord;
    const uid = sameGeneration ? record.destinationUid : undefined;
    if (uid === undefined) byKey.push(record);
    else if (byUid.has(uid) && !claimed.has(uid)) claimed.add(uid);
    // Its copy is no longer on the destination: copy the message again.
    else done.delete(meta.uid);
  }

  const index = new DestinationIndex();
  const unnamed: MessageMeta[] = [];
  for (const meta of metas) {
    if (claimed.has(meta.uid)) continue;
    const key = metaKey(meta);
    if (key) index.add(key, meta);
    else unnamed.push(meta);
  }
  const needsHashes =
    input.index.some((meta) => meta.messageId === undefined && !done.has(meta.uid)) ||
    byKey.some((record) => record.key.startsWith('h:'));
  if (needsHashes && unnamed.length > 0) {
    await forEachDownloaded(destination, unnamed, input.signal, (meta, raw) => {
      index.add(contentKey(meta, raw), meta);
    });
  }

  const rewritten: MessageRecord[] = [];
  for (const record of byKey) {
    const match = index.take(record.key);
    if (!match) {
      done.delete(record.uid);
      continue;
    }
    const found = { ...record, destinationUid: match.uid, flags: match.flags };
    done.set(record.uid, found);
    rewritten.push(found);
  }
  return {
    index,
    flags: new Map(metas.map((meta) => [meta.uid, meta.flags])),
    rewritten,
  };
}
