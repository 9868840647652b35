import type { ImapFlow } from 'imapflow';
import type { FolderVerification } from '../../../lib/proxy-contract/index.ts';
import type { FolderPlan } from './folders.ts';
import {
  contentKey,
  DestinationIndex,
  downloadMessages,
  type MessageMeta,
  metaKey,
  readMessageIndex,
} from './message-index.ts';

/**
 * Compares one folder on both sides after the copy: counts, byte totals, and which source
 * messages have no counterpart on the destination (by the same keys the copy uses, so a message
 * Exchange re-labels still counts as present).
 */
export async function verifyFolder(
  source: ImapFlow,
  destination: ImapFlow,
  plan: FolderPlan,
): Promise<FolderVerification> {
  await source.mailboxOpen(plan.source.path, { readOnly: true });
  const sourceIndex = await readMessageIndex(source);
  const sourceKeys = await keysOf(source, sourceIndex);
  await destination.mailboxOpen(plan.destinationPath, { readOnly: true });
  const destinationIndex = await readMessageIndex(destination);
  const destinationKeys = await keysOf(destination, destinationIndex);

  const available = new DestinationIndex();
  for (const [i, meta] of destinationIndex.entries()) available.add(destinationKeys[i] ?? '', meta);
  const missing = sourceKeys.filter((key) => !available.take(key)).length;
  const sum = (list: MessageMeta[]) => list.reduce((total, m) => total + m.size, 0);
  return {
    source: plan.sourceName,
    destination: plan.destinationName,
    sourceMessages: sourceIndex.length,
    destinationMessages: destinationIndex.length,
    sourceBytes: sum(sourceIndex),
    destinationBytes: sum(destinationIndex),
    missing,
    match:
      missing === 0 &&
      destinationIndex.length >= sourceIndex.length &&
      sum(destinationIndex) >= sum(sourceIndex),
  };
}

/** Keys in index order; messages without Message-ID are downloaded (one at a time) and hashed. */
async function keysOf(client: ImapFlow, index: MessageMeta[]): Promise<string[]> {
  const keys: string[] = [];
  for (const meta of index) {
    const key = metaKey(meta);
    if (key) {
      keys.push(key);
      continue;
    }
    const raw = (await downloadMessages(client, [meta.uid])).get(meta.uid);
    keys.push(raw ? contentKey(meta, raw) : `gone:${meta.uid}`);
  }
  return keys;
}
