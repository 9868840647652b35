import {
  MESSAGE_LOG_CSV_COLUMNS,
  type MessageLogEntry,
  type MessageOutcome,
} from '../../../lib/proxy-contract/index.ts';
import type { LoggedMessage, MessageStatus } from '../store/job-store.ts';

const OUTCOME: Record<MessageStatus, MessageOutcome> = {
  copied: 'copied',
  present: 'already_present',
  failed: 'refused',
  would_copy: 'would_copy',
};

/**
 * The per-message log of a job, from its checkpoint: one entry per source message it copied,
 * found already there, saw refused, or (dry run) would copy. What admins grep when a user says a
 * message is missing.
 */
export function* messageLog(
  rows: Iterable<LoggedMessage>,
  destinationOf: (folder: string) => string,
): Iterable<MessageLogEntry> {
  for (const { folder, uidValidity, record } of rows) {
    yield {
      folder,
      destinationFolder: destinationOf(folder),
      uidValidity,
      uid: record.uid,
      ...(record.destinationUid !== undefined ? { destinationUid: record.destinationUid } : {}),
      ...(record.messageId ? { messageId: record.messageId } : {}),
      ...(record.internalDate !== undefined
        ? { internalDate: new Date(record.internalDate * 1000).toISOString() }
        : {}),
      size: record.size,
      outcome: OUTCOME[record.status],
      ...(record.error ? { errorCode: record.error.code, errorMessage: record.error.message } : {}),
      ...(record.at ? { at: record.at } : {}),
    };
  }
}

/** RFC 4180 CSV (CRLF, quoted where needed), with a header line of MESSAGE_LOG_CSV_COLUMNS. */
export function messageLogCsv(entries: Iterable<MessageLogEntry>): string {
  const lines = [MESSAGE_LOG_CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    lines.push(MESSAGE_LOG_CSV_COLUMNS.map((column) => csvCell(entry[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One cell. Text a spreadsheet would run as a formula (a Message-ID is written by whoever sent
 * the mail: `=HYPERLINK(…)`) is prefixed with an apostrophe (OWASP's CSV injection advice).
 */
function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
