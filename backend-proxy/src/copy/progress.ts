import type { OutcomeCounts, StoredFolder } from '../store/job-store.ts';

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
