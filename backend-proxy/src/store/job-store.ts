import type {
  CopyOptions,
  EndpointView,
  FolderProgress,
  FolderVerification,
  JobState,
  ProxyError,
} from '../../../lib/proxy-contract/index.ts';

/** A folder's progress as stored: the contract's, and the UIDVALIDITY its counts belong to. */
export type StoredFolder = FolderProgress & { uidValidity?: string };

/** A job as it is kept on disk: never a password. */
export interface StoredJob {
  id: string;
  state: JobState;
  createdAt: string;
  updatedAt: string;
  source: EndpointView;
  destination: EndpointView;
  options: CopyOptions;
  runs: number;
  error: ProxyError | undefined;
  startedAt: string | undefined;
  finishedAt: string | undefined;
  verification: { verified: boolean; folders: FolderVerification[] } | undefined;
  /** The caller's key for a retried `POST /v1/jobs` (see CreateJobRequest). */
  idempotencyKey?: string | undefined;
  /** The latest run: what it copied, and the job's counts when it started. */
  lastRun?: StoredRun | undefined;
  /** Each side's folders and their UIDVALIDITY, as last seen (what a new login must match). */
  fingerprint?: MailboxFingerprint | undefined;
}

/** Folder path → UIDVALIDITY, per side. */
export interface MailboxFingerprint {
  source: Record<string, string>;
  destination: Record<string, string>;
}

export interface StoredRun {
  number: number;
  startedAt: string;
  finishedAt?: string | undefined;
  /** Messages this run appended to the destination (saved as it goes). */
  messagesCopied: number;
  /** The job's `flagsUpdated` when the run started. */
  flagsUpdatedBefore: number;
}

/**
 * `would_copy` is a dry run's: a real run would copy it. Only `copied` and `present` count as
 * done for a later run; a `failed` message is tried again.
 */
export type MessageStatus = 'copied' | 'present' | 'failed' | 'would_copy';

/** One source message's outcome; the checkpoint that makes a re-run skip it without a download. */
export interface MessageRecord {
  uid: number;
  /** Its dedupe key (see copy/message-index.ts). */
  key: string;
  status: MessageStatus;
  destinationUid: number | undefined;
  size: number;
  error: ProxyError | undefined;
  messageId?: string | undefined;
  /** INTERNALDATE, seconds since the epoch. */
  internalDate?: number | undefined;
  /** The destination copy's flags as last set or seen (what a CHANGEDSINCE pass relies on). */
  flags?: readonly string[] | undefined;
  /** When the outcome was recorded (ISO 8601). */
  at?: string | undefined;
}

/**
 * What the job knows of one folder pair between runs: both UIDVALIDITYs (a checkpoint is only
 * good for the generation it was written in; a resume under a new login must find the same
 * ones), and the destination's HIGHESTMODSEQ from before the last pass changed anything.
 */
export interface FolderSync {
  /** Source name, `/`-joined (the folder key everywhere else). */
  folder: string;
  sourcePath: string;
  sourceUidValidity: string;
  destinationName: string;
  destinationPath: string;
  destinationUidValidity: string;
  /** CONDSTORE mod-sequence, as a decimal string; absent when the server has none. */
  destinationModseq?: string | undefined;
  /** The source folder's STATUS as this pass started (what the next pass compares). */
  sourceState?: FolderState | undefined;
  /** The destination folder's STATUS after this pass wrote, before it was verified. */
  destinationState?: FolderState | undefined;
  /** The verification of this pass found the folder the same on both sides. */
  verified?: boolean | undefined;
}

/** What STATUS says of a folder; equal on both sides to the last pass's, nothing changed. */
export interface FolderState {
  messages: number;
  uidNext: number | undefined;
  /** CONDSTORE's HIGHESTMODSEQ (decimal): without it a flag change would not show. */
  highestModseq: string | undefined;
}

export interface OutcomeCounts {
  copied: number;
  present: number;
  failed: number;
  wouldCopy: number;
  /** Bytes of all of them. */
  bytes: number;
}

/** One row of the per-message log. */
export interface LoggedMessage {
  folder: string;
  uidValidity: string;
  record: MessageRecord;
}

/** The checkpoint store: jobs, per-folder progress, per-message outcomes. */
export interface JobStore {
  insertJob(job: StoredJob): void;
  updateJob(id: string, patch: Partial<Omit<StoredJob, 'id'>>): void;
  getJob(id: string): StoredJob | undefined;
  listJobs(): StoredJob[];
  /** Removes the job and everything recorded for it, and gives the space back. */
  deleteJob(id: string): void;
  /** Per-folder progress; `uidValidity` (which checkpoint generation it counts) is kept too. */
  saveFolders(jobId: string, folders: readonly StoredFolder[]): void;
  listFolders(jobId: string): StoredFolder[];
  /** Messages already copied or found present, by source UID, for one folder generation. */
  doneMessages(jobId: string, folder: string, uidValidity: string): Map<number, MessageRecord>;
  /** How many messages of one folder generation have each outcome. */
  countOutcomes(jobId: string, folder: string, uidValidity: string): OutcomeCounts;
  /**
   * Write-ahead of a batch of APPENDs (one transaction, before the first is sent): these
   * messages may be on the destination without a record yet. Recording a message clears it.
   */
  markSending(jobId: string, folder: string, uidValidity: string, uids: readonly number[]): void;
  /** Messages sent by an earlier pass whose outcome was never recorded (crash, lost answer). */
  sendingMessages(jobId: string, folder: string, uidValidity: string): Set<number>;
  /** Saves outcomes atomically (one transaction), with the job's folder progress when given. */
  recordMessages(
    jobId: string,
    folder: string,
    uidValidity: string,
    records: readonly MessageRecord[],
    progress?: readonly StoredFolder[],
  ): void;
  /** Remembers the destination flags of recorded messages (one transaction). */
  recordFlags(
    jobId: string,
    folder: string,
    uidValidity: string,
    flags: ReadonlyMap<number, readonly string[]>,
  ): void;
  /** Messages whose last attempt failed, across the job. */
  failures(jobId: string): ProxyError[];
  /** Every recorded outcome, by folder then UID. */
  messageLog(jobId: string): Iterable<LoggedMessage>;
  folderSync(jobId: string, folder: string): FolderSync | undefined;
  listFolderSync(jobId: string): FolderSync[];
  saveFolderSync(jobId: string, sync: FolderSync): void;
  close(): void;
}
