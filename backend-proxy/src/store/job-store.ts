import type {
  CopyOptions,
  EndpointView,
  FolderProgress,
  FolderVerification,
  JobState,
  ProxyError,
} from '../../../lib/proxy-contract/index.ts';

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
}

export type MessageStatus = 'copied' | 'present' | 'failed';

/** One source message's outcome; the checkpoint that makes a re-run skip it without a download. */
export interface MessageRecord {
  uid: number;
  /** Its dedupe key (see copy/message-index.ts). */
  key: string;
  status: MessageStatus;
  destinationUid: number | undefined;
  size: number;
  error: ProxyError | undefined;
}

/** The checkpoint store: jobs, per-folder progress, per-message outcomes. */
export interface JobStore {
  insertJob(job: StoredJob): void;
  updateJob(id: string, patch: Partial<Omit<StoredJob, 'id'>>): void;
  getJob(id: string): StoredJob | undefined;
  listJobs(): StoredJob[];
  saveFolders(jobId: string, folders: readonly FolderProgress[]): void;
  listFolders(jobId: string): FolderProgress[];
  /** Messages already copied or found present, by source UID, for one folder generation. */
  doneMessages(jobId: string, folder: string, uidValidity: string): Map<number, MessageRecord>;
  /** Saves outcomes atomically (one transaction). */
  recordMessages(
    jobId: string,
    folder: string,
    uidValidity: string,
    records: readonly MessageRecord[],
  ): void;
  /** Messages whose last attempt failed, across the job. */
  failures(jobId: string): ProxyError[];
  close(): void;
}
