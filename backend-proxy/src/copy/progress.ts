import type { FolderProgress } from '../../../lib/proxy-contract/index.ts';
import type { MessageRecord, OutcomeCounts, StoredFolder } from '../store/job-store.ts';

/**
 * A folder's progress as the engine keeps it: the contract's fields, plus the source folder's
 * UIDVALIDITY its counts belong to (kept in the store, stripped from every answer).
 */
export type TrackedFolder = StoredFolder;

/**
 * The folder's counts from the checkpoint: what the job did with it in every run so far. Used
 * when a run plans its folders and when a restarted proxy shows a paused job, so neither a pause
 * nor a SIGKILL loses a number.
 */
export function withCheckpointCounts(folder: TrackedFolder, counts: OutcomeCounts): TrackedFolder {
  return {
    ...folder,
    messagesDone: counts.copied + counts.present + counts.failed + counts.wouldCopy,
    messagesCopied: counts.copied,
    messagesAlreadyPresent: counts.present,
    messagesSkipped: counts.present,
    messagesWouldCopy: counts.wouldCopy,
    messagesFailed: counts.failed,
    bytesDone: folder.bytesTotal > 0 ? Math.min(counts.bytes, folder.bytesTotal) : counts.bytes,
  };
}

export type Outcome = 'copied' | 'present' | 'failed' | 'wouldCopy';

export const RECORD_OUTCOME: Record<MessageRecord['status'], Outcome> = {
  copied: 'copied',
  present: 'present',
  failed: 'failed',
  would_copy: 'wouldCopy',
};

/** Counts one message's outcome into its folder's progress. */
export function count(progress: FolderProgress, meta: { size: number }, how: Outcome): void {
  progress.messagesDone += 1;
  progress.bytesDone += meta.size;
  if (how === 'copied') progress.messagesCopied += 1;
  if (how === 'failed') progress.messagesFailed += 1;
  if (how === 'wouldCopy') progress.messagesWouldCopy += 1;
  if (how === 'present') {
    progress.messagesAlreadyPresent += 1;
    progress.messagesSkipped += 1;
  }
}
