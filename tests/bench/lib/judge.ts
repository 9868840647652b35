// Judges a copy message by message with the repo's snapshot comparator
// (tests/fixtures/imap-snapshot.ts): bytes, flags and keywords, INTERNALDATE, folders,
// subscriptions. A tool that rewrites every message (mbsync adds X-TUID) is compared once more
// with that header taken out, so the report can say what else differs.

import { createHash } from 'node:crypto';
import type { TestEndpoint } from '../../fixtures/dovecot.ts';
import {
  compareSnapshots,
  type MailboxSnapshot,
  snapshotMailbox,
} from '../../fixtures/imap-snapshot.ts';

export interface Verdict {
  /** Byte-exact, flags and keywords, INTERNALDATE, folders and subscriptions all equal. */
  exact: boolean;
  /** Difference lines by kind (see `kindOf`). */
  differences: Record<string, number>;
  /** What differs, in words (e.g. "adds an X-TUID header to 5054 messages"). */
  notes: string[];
  /** A few of the comparator's own lines, for a person to read. */
  examples: string[];
  destinationMessages: number;
}

export function takeSnapshot(endpoint: TestEndpoint): Promise<MailboxSnapshot> {
  return snapshotMailbox(endpoint);
}

export async function judgeCopy(
  source: MailboxSnapshot,
  destinationEndpoint: TestEndpoint,
): Promise<Verdict> {
  const destination = await snapshotMailbox(destinationEndpoint);
  const verdict: Verdict = {
    exact: false,
    differences: {},
    notes: [],
    examples: [],
    destinationMessages: destination.messageCount,
  };
  const stripped = stripAddedHeader(source, destination, 'X-TUID');
  if (stripped > 0) {
    verdict.notes.push(`adds an X-TUID header to ${stripped} messages`);
  }
  const lines = compareSnapshots(source, destination);
  for (const line of lines) {
    const kind = kindOf(line);
    verdict.differences[kind] = (verdict.differences[kind] ?? 0) + 1;
  }
  for (const [kind, count] of Object.entries(verdict.differences)) {
    verdict.notes.push(`${kind}: ${count}`);
  }
  verdict.examples = lines.slice(0, 5);
  verdict.exact = stripped === 0 && lines.length === 0;
  return verdict;
}

/** Names a comparator line by what differs; keywords that vanished get their own kind. */
export function kindOf(line: string): string {
  const flags = /flags differ .*: source \(([^)]*)\) vs destination \(([^)]*)\)$/.exec(line);
  if (flags) {
    const source = (flags[1] ?? '').split(' ').filter(Boolean);
    const destination = new Set((flags[2] ?? '').split(' ').filter(Boolean));
    const lost = source.filter((f) => !destination.has(f));
    const added = [...destination].filter((f) => !source.includes(f));
    if (added.length === 0 && lost.length > 0 && lost.every((f) => !f.startsWith('\\'))) {
      return 'keywords dropped';
    }
    return 'flags differ';
  }
  if (/INTERNALDATE differs/.test(line)) return 'INTERNALDATE differs';
  if (/bytes differ/.test(line)) return 'bytes differ';
  if (/missing in destination: \[/.test(line)) return 'message missing';
  if (/extra in destination: \[/.test(line)) return 'extra message';
  if (/duplicated message/.test(line)) return 'duplicated';
  if (/subscribed in source but/.test(line)) return 'subscription differs';
  if (/: missing in destination \(/.test(line)) return 'folder missing';
  if (/extra in destination \(/.test(line)) return 'extra folder';
  return 'other';
}

/**
 * Takes `header` out of every destination message that has it while the source messages never
 * do (the bench corpus has none), and rehashes them; returns how many carried it.
 */
function stripAddedHeader(
  source: MailboxSnapshot,
  destination: MailboxSnapshot,
  header: string,
): number {
  const pattern = new RegExp(`^${header}:`, 'im');
  for (const folder of source.folders.values()) {
    for (const m of folder.messages) {
      if (pattern.test(headerOf(m.raw))) return 0;
    }
  }
  let count = 0;
  const line = new RegExp(`(^|\\r?\\n)${header}:[^\\r\\n]*(\\r?\\n)`, 'i');
  for (const folder of destination.folders.values()) {
    for (const m of folder.messages) {
      const head = headerOf(m.raw);
      const match = line.exec(head);
      if (!match) continue;
      const start = match.index + (match[1]?.length ?? 0);
      const end = match.index + match[0].length;
      // The header section is latin1-decoded, so string offsets are byte offsets.
      m.raw = Buffer.concat([m.raw.subarray(0, start), m.raw.subarray(end)]);
      m.sha256 = createHash('sha256').update(m.raw).digest('hex');
      m.size = m.raw.length;
      count++;
    }
  }
  return count;
}

function headerOf(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  return raw.subarray(0, end < 0 ? Math.min(raw.length, 65_536) : end + 2).toString('latin1');
}
