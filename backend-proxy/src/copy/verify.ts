import type { ImapFlow } from 'imapflow';
import {
  type FolderVerification,
  MAX_LISTED_DIFFERENCES,
  type VerificationDifference,
} from '../../../lib/proxy-contract/index.ts';
import type { FolderState } from '../store/job-store.ts';
import { sameFlags } from './flag-sync.ts';
import type { FolderPlan } from './folders.ts';
import { contentKey, forEachDownloaded, readMessageTable } from './message-index.ts';
import { KeyGroups, type MessageTable } from './message-table.ts';
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
  // Both sides are read at once, each on its own connection, into compact tables (typed arrays,
  // ~100 bytes a message: a 100,000-message folder's two sides were ~75 MiB as objects).
  const readSource = async () => {
    // The copy has just examined it on this connection (read-only): no second EXAMINE.
    const current = source.mailbox;
    if (!current || current.path !== plan.source.path || !current.readOnly) {
      await source.mailboxOpen(plan.source.path, { readOnly: true });
    }
    const table = await readMessageTable(source, (meta) => scope(meta));
    await hashUnnamed(source, table, signal);
    return table;
  };
  const readDestination = async () => {
    const box = await destination.mailboxOpen(plan.destinationPath, { readOnly: true });
    opened?.(stateOf(box));
    const table = await readMessageTable(destination);
    await hashUnnamed(destination, table, signal);
    return table;
  };
  const [sourceTable, destinationTable] = await settleBoth(readSource(), readDestination());
  const { result, differences } = pair(new KeyGroups(sourceTable), destinationTable);
  return {
    source: plan.sourceName,
    destination: plan.destinationName,
    sourceMessages: sourceTable.length,
    destinationMessages: destinationTable.length,
    sourceBytes: sourceTable.bytes(),
    destinationBytes: destinationTable.bytes(),
    ...result,
    differences,
    match: result.missing === 0 && result.duplicates === 0 && result.flagMismatches === 0,
  };
}

/**
 * Pairs each destination copy with a source message of the same key, copies with the same flags
 * first (so identical messages are not called different); then, per key in source order, the
 * source messages left unpaired take the copies left over (a flag difference) or are missing,
 * and copies still left are duplicates. A copy whose key no source message has is the
 * destination's own. Exported for its unit test.
 */
export function pair(
  groups: KeyGroups,
  destinationTable: MessageTable,
): {
  result: { missing: number; duplicates: number; destinationOnly: number; flagMismatches: number };
  differences: VerificationDifference[];
} {
  const sourceTable = groups.table;
  const result = { missing: 0, duplicates: 0, destinationOnly: 0, flagMismatches: 0 };
  const paired = new Uint8Array(sourceTable.length);
  // Copies not paired for their flags, by the first source position of their key.
  const leftByKey = new Map<number, number[]>();
  for (let j = 0; j < destinationTable.length; j++) {
    let first = -1;
    let partner = -1;
    const flags = destinationTable.flags(j);
    for (const i of groups.matching(destinationTable, j)) {
      if (first < 0) first = i;
      if (!paired[i] && sameFlags(flags, sourceTable.flags(i))) {
        partner = i;
        break;
      }
    }
    if (first < 0) result.destinationOnly += 1;
    else if (partner >= 0) paired[partner] = 1;
    else {
      const left = leftByKey.get(first);
      if (left) left.push(j);
      else leftByKey.set(first, [j]);
    }
  }

  const differences: VerificationDifference[] = [];
  const list = (difference: VerificationDifference) => {
    if (differences.length < MAX_LISTED_DIFFERENCES) differences.push(difference);
  };
  // Each key once, at its first source message (a group's members come in position order).
  const seen = new Uint8Array(sourceTable.length);
  for (let first = 0; first < sourceTable.length; first++) {
    if (seen[first]) continue;
    const left = leftByKey.get(first) ?? [];
    let members: number[] = [first];
    if (sourceTable.keyed(first)) members = [...groups.matching(sourceTable, first)];
    for (const i of members) seen[i] = 1;
    for (const i of members) {
      if (paired[i]) continue;
      const copy = left.shift();
      if (copy !== undefined) {
        result.flagMismatches += 1;
        list({
          kind: 'flags',
          sourceUid: sourceTable.uid(i),
          destinationUid: destinationTable.uid(copy),
          ...messageIdOf(sourceTable, i),
          sourceFlags: sourceTable.flags(i),
          destinationFlags: destinationTable.flags(copy),
        });
      } else {
        result.missing += 1;
        list({ kind: 'missing', sourceUid: sourceTable.uid(i), ...messageIdOf(sourceTable, i) });
      }
    }
    for (const copy of left) {
      result.duplicates += 1;
      list({
        kind: 'duplicate',
        destinationUid: destinationTable.uid(copy),
        ...messageIdOf(destinationTable, copy),
      });
    }
  }
  return { result, differences };
}

/** Both results; when one fails, waits for the other to settle too, then throws the first. */
async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [left, right] = await Promise.allSettled([a, b]);
  if (left.status === 'rejected') throw left.reason;
  if (right.status === 'rejected') throw right.reason;
  return [left.value, right.value];
}

function messageIdOf(table: MessageTable, i: number): { messageId?: string } {
  const messageId = table.messageId(i);
  return messageId ? { messageId } : {};
}

/**
 * Messages without Message-ID are downloaded (in batches) and keyed by their content's hash; one
 * the server no longer has stays without a key (it pairs with nothing).
 */
async function hashUnnamed(client: ImapFlow, table: MessageTable, signal: AbortSignal) {
  const unnamed = table.unnamed();
  if (unnamed.length === 0) return;
  const positions = new Map(unnamed.map((i) => [table.uid(i), i]));
  await forEachDownloaded(
    client,
    unnamed.map((i) => table.meta(i)),
    signal,
    (meta, raw) => {
      table.setContentKey(positions.get(meta.uid) as number, contentKey(meta, raw));
    },
  );
}
