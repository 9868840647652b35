// Re-runs that cost one LIST-STATUS per side (issue 10): a folder whose STATUS on both sides is
// what the last pass left, and which that pass verified, is not opened again.

import type { MailboxObject } from 'imapflow';
import type { FolderVerification } from '../../../lib/proxy-contract/index.ts';
import type { FolderState, FolderSync } from '../store/job-store.ts';
import type { FolderCheckpoint } from './copy-folder.ts';
import type { FolderPlan, FolderStatus } from './folders.ts';

/**
 * Whether nothing can have changed in this folder pair since the last pass verified it: the
 * same UIDVALIDITY, message count, UIDNEXT and HIGHESTMODSEQ on both sides. A new message moves
 * UIDNEXT, an expunge the count, a flag change (either side) HIGHESTMODSEQ; without CONDSTORE on
 * a side a flag change would not show, so such a folder is always looked at.
 */
export function isUnchanged(
  plan: FolderPlan,
  sync: FolderSync | undefined,
  verified: FolderVerification | undefined,
  unsettled: number,
): boolean {
  if (!sync?.verified || !verified?.match || unsettled > 0) return false;
  const source = plan.source.status;
  const destination = plan.destinationStatus;
  return (
    plan.exists &&
    sync.destinationPath === plan.destinationPath &&
    source?.uidValidity === sync.sourceUidValidity &&
    destination?.uidValidity === sync.destinationUidValidity &&
    sameState(source, sync.sourceState) &&
    sameState(destination, sync.destinationState)
  );
}

function sameState(status: FolderStatus | undefined, state: FolderState | undefined): boolean {
  return (
    status !== undefined &&
    state !== undefined &&
    status.highestModseq !== undefined &&
    state.highestModseq === status.highestModseq &&
    state.uidNext !== undefined &&
    state.uidNext === status.uidNext &&
    state.messages === status.messages
  );
}

/** What a pass remembers of a folder it opened, to compare with the next pass's STATUS. */
export function stateOf(box: MailboxObject): FolderState {
  return {
    messages: box.exists,
    uidNext: box.uidNext,
    highestModseq: box.noModseq ? undefined : box.highestModseq?.toString(),
  };
}

/**
 * Saves, once a pass's verification is done, the destination's STATUS as the verification
 * opened it (before reading it: a change made while it ran shows as a difference next time) and
 * whether it matched.
 */
export function rememberVerified(
  checkpoint: FolderCheckpoint,
  destinationState: FolderState | undefined,
  verified: boolean,
): void {
  const sync = checkpoint.sync();
  if (sync && destinationState) checkpoint.saveSync({ ...sync, destinationState, verified });
}
