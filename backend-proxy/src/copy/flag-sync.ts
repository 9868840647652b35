import type { ImapFlow } from 'imapflow';
import { ProxyFailure } from '../errors.ts';
import { uidSet } from '../imap/wire.ts';
import { cleanFlags } from './message-index.ts';

/**
 * Re-reading and setting flags of messages a job copied earlier, so that a re-run carries the
 * "read" and "flagged" marks made since. The source is the authority: the destination copy gets
 * the source message's flags.
 */

/** Where the destination stood when the job last looked (from the checkpoint). */
export interface DestinationFlagState {
  /** HIGHESTMODSEQ taken before the last pass changed anything; undefined without CONDSTORE. */
  modseq: bigint | undefined;
  /** Destination UIDs to know the flags of. */
  uids: readonly number[];
}

/**
 * The destination flags that may differ from what the checkpoint remembers: with CONDSTORE, only
 * messages changed since the last pass began (`UID FETCH … (FLAGS) (CHANGEDSINCE n)`, our own
 * APPENDs and STOREs included, so a flag the server did not keep is seen); otherwise every
 * message's, by a plain FLAGS fetch. Returns the flags by destination UID, and whether the
 * answer covers every UID (plain fetch) or only the changed ones.
 */
export async function readDestinationFlags(
  destination: ImapFlow,
  state: DestinationFlagState,
): Promise<{ flags: Map<number, string[]>; complete: boolean }> {
  const flags = new Map<number, string[]>();
  if (state.uids.length === 0) return { flags, complete: true };
  const mailbox = destination.mailbox;
  const condstore =
    state.modseq !== undefined &&
    destination.enabled.has('CONDSTORE') &&
    mailbox !== false &&
    !mailbox.noModseq &&
    mailbox.highestModseq !== undefined;
  const wanted = new Set(state.uids);
  for await (const message of destination.fetch(
    '1:*',
    { uid: true, flags: true },
    { uid: true, ...(condstore ? { changedSince: state.modseq } : {}) },
  )) {
    if (wanted.has(message.uid)) flags.set(message.uid, cleanFlags(message.flags));
  }
  return { flags, complete: !condstore };
}

/** A destination message whose flags must become the source's. */
export interface FlagChange {
  destinationUid: number;
  flags: readonly string[];
}

/**
 * Sets each destination message's flags, one `UID STORE … FLAGS.SILENT` per distinct flag set
 * (a re-run that finds 500 messages read sends one command, not 500).
 */
export async function applyFlagChanges(
  destination: ImapFlow,
  changes: readonly FlagChange[],
): Promise<void> {
  const bySet = new Map<string, { flags: readonly string[]; uids: number[] }>();
  for (const change of changes) {
    const id = change.flags.join(' ');
    const group = bySet.get(id) ?? { flags: change.flags, uids: [] };
    group.uids.push(change.destinationUid);
    bySet.set(id, group);
  }
  for (const { flags, uids } of bySet.values()) {
    await destination.messageFlagsSet(uidSet(uids), [...flags], { uid: true, silent: true });
    // imapflow answers false rather than throwing; a dropped link must still stop the folder.
    if (!destination.usable) {
      throw new ProxyFailure(
        'connection_lost',
        'The connection to the destination server dropped.',
      );
    }
  }
}

export function sameFlags(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((flag, i) => flag === b[i]);
}
