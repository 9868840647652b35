/** What a job proves at its end: per-folder verification, and the per-message log. */
import { z } from 'zod';
import { JobViewSchema } from './jobs.ts';

/** One difference the verification found, to help a person look for the message. */
export const VerificationDifferenceSchema = z.object({
  /**
   * `missing`: a source message not on the destination; `duplicate`: one copy too many of a
   * source message on the destination; `flags`: both hold it, with different flags.
   */
  kind: z.enum(['missing', 'duplicate', 'flags']),
  sourceUid: z.number().int().optional(),
  destinationUid: z.number().int().optional(),
  messageId: z.string().optional(),
  sourceFlags: z.array(z.string()).optional(),
  destinationFlags: z.array(z.string()).optional(),
});
export type VerificationDifference = z.infer<typeof VerificationDifferenceSchema>;

/** Most differences listed per folder; the counts are always complete. */
export const MAX_LISTED_DIFFERENCES = 50;

/**
 * Both sides of one folder compared as multisets by dedupe key (Message-ID, INTERNALDATE and
 * size, or a content hash): for each key the destination must hold exactly as many copies as the
 * source, each with the same flags. The fields added after the first release have defaults, so
 * a verification an older proxy made (and the extension stored) still reads.
 */
export const FolderVerificationSchema = z.object({
  source: z.string(),
  destination: z.string(),
  /** Source messages the job covers (its filters applied). */
  sourceMessages: z.number().int(),
  destinationMessages: z.number().int(),
  sourceBytes: z.number().int(),
  destinationBytes: z.number().int(),
  /** Source messages with no counterpart on the destination. */
  missing: z.number().int(),
  /** Destination copies beyond the source's count of the same message. */
  duplicates: z.number().int().default(0),
  /** Destination messages that match no source message (mail it had before, or left out by the
   * filters); they do not fail the verification. */
  destinationOnly: z.number().int().default(0),
  /** Messages on both sides whose flags differ. */
  flagMismatches: z.number().int().default(0),
  /** The first differences, up to MAX_LISTED_DIFFERENCES. */
  differences: z.array(VerificationDifferenceSchema).default([]),
  /** Nothing missing, no duplicate, every flag equal. */
  match: z.boolean(),
});
export type FolderVerification = z.infer<typeof FolderVerificationSchema>;

export const MESSAGE_OUTCOMES = [
  'copied',
  'already_present',
  /** The destination refused it (its error says why). */
  'refused',
  /** Dry run: a real run would copy it. */
  'would_copy',
] as const;
export type MessageOutcome = (typeof MESSAGE_OUTCOMES)[number];

/** One line of the per-message log: what the job did with one source message. */
export const MessageLogEntrySchema = z.object({
  folder: z.string(),
  destinationFolder: z.string(),
  /** The source folder's UIDVALIDITY: with `uid`, names the message for good. */
  uidValidity: z.string(),
  uid: z.number().int(),
  destinationUid: z.number().int().optional(),
  messageId: z.string().optional(),
  /** INTERNALDATE, ISO 8601. */
  internalDate: z.string().optional(),
  size: z.number().int(),
  outcome: z.enum(MESSAGE_OUTCOMES),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  /** When the outcome was recorded. */
  at: z.string().optional(),
});
export type MessageLogEntry = z.infer<typeof MessageLogEntrySchema>;

/** The columns of the report's CSV download, in order (`?format=csv`). */
export const MESSAGE_LOG_CSV_COLUMNS = [
  'folder',
  'destinationFolder',
  'uidValidity',
  'uid',
  'destinationUid',
  'messageId',
  'internalDate',
  'size',
  'outcome',
  'errorCode',
  'errorMessage',
  'at',
] as const satisfies readonly (keyof MessageLogEntry)[];

export const JobReportSchema = z.object({
  job: JobViewSchema,
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  verification: z.object({
    verified: z.boolean(),
    folders: z.array(FolderVerificationSchema),
  }),
  /** The per-message log, with `?messages=true` (it can be long: the CSV is the usual way). */
  messages: z.array(MessageLogEntrySchema).optional(),
});
export type JobReport = z.infer<typeof JobReportSchema>;

/** `GET /v1/jobs/:id/report` query: `format=csv` downloads the per-message log as CSV. */
export const ReportQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).optional(),
  messages: z.enum(['true', 'false']).optional(),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;
