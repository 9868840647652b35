import {
  type FolderProgress,
  type JobRun,
  type JobTotals,
  type JobView,
  type ProxyError,
  TERMINAL_JOB_STATES,
} from '../../../lib/proxy-contract/index.ts';
import type { StoredJob, StoredRun } from '../store/job-store.ts';

export interface JobViewInput {
  job: StoredJob;
  folders: readonly FolderProgress[];
  failures: ProxyError[];
  /** Copy rate over the last seconds (only meaningful while running). */
  rate: { bytesPerSecond: number; messagesPerSecond: number };
  /** The proxy still holds this job's passwords in memory. */
  hasPasswords: boolean;
}

/** What callers see of a job: stored facts, live folder progress, totals, rate and ETA. */
export function buildJobView({
  job,
  folders,
  failures,
  rate,
  hasPasswords,
}: JobViewInput): JobView {
  const totals = sumFolders(folders.map(upgradeProgress));
  const active = job.state === 'running';
  const bytesPerSecond = active ? rate.bytesPerSecond : 0;
  const bytesLeft = Math.max(0, totals.bytesTotal - totals.bytesDone);
  const eta = bytesPerSecond > 0 ? Math.ceil(bytesLeft / bytesPerSecond) : undefined;
  return {
    id: job.id,
    state: job.state,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    source: job.source,
    destination: job.destination,
    options: job.options,
    needsCredentials: !hasPasswords && !TERMINAL_JOB_STATES.has(job.state) && !active,
    runs: job.runs,
    ...(job.lastRun ? { lastRun: runView(job.lastRun, totals) } : {}),
    folders: folders.map(upgradeProgress),
    totals,
    bytesPerSecond: Math.round(bytesPerSecond),
    messagesPerSecond: active ? Math.round(rate.messagesPerSecond * 10) / 10 : 0,
    ...(eta !== undefined ? { etaSeconds: eta } : {}),
    ...(job.error ? { error: job.error } : {}),
    failures,
  };
}

/** What the latest run did. */
function runView(run: StoredRun, totals: JobTotals): JobRun {
  return {
    number: run.number,
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    messagesCopied: run.messagesCopied ?? 0,
    flagsUpdated: Math.max(0, totals.flagsUpdated - run.flagsUpdatedBefore),
  };
}

/** Progress saved by an older proxy lacks the newer counters; they start at what it knew. */
function upgradeProgress(stored: FolderProgress & { uidValidity?: string }): FolderProgress {
  const { uidValidity: _internal, ...folder } = stored;
  const old = folder as Partial<FolderProgress> & FolderProgress;
  return {
    ...folder,
    messagesCopied:
      old.messagesCopied ?? folder.messagesDone - folder.messagesSkipped - folder.messagesFailed,
    messagesAlreadyPresent: old.messagesAlreadyPresent ?? folder.messagesSkipped,
    messagesWouldCopy: old.messagesWouldCopy ?? 0,
    messagesExcluded: old.messagesExcluded ?? 0,
    flagsUpdated: old.flagsUpdated ?? 0,
  };
}

function sumFolders(folders: readonly FolderProgress[]): JobTotals {
  const sum = (pick: (f: FolderProgress) => number) => folders.reduce((t, f) => t + pick(f), 0);
  return {
    folders: folders.length,
    messagesTotal: sum((f) => f.messagesTotal),
    messagesDone: sum((f) => f.messagesDone),
    messagesCopied: sum((f) => f.messagesCopied),
    messagesAlreadyPresent: sum((f) => f.messagesAlreadyPresent),
    messagesSkipped: sum((f) => f.messagesAlreadyPresent),
    messagesWouldCopy: sum((f) => f.messagesWouldCopy),
    messagesFailed: sum((f) => f.messagesFailed),
    messagesExcluded: sum((f) => f.messagesExcluded),
    flagsUpdated: sum((f) => f.flagsUpdated),
    bytesTotal: sum((f) => f.bytesTotal),
    bytesDone: sum((f) => f.bytesDone),
  };
}
