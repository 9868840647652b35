import {
  type FolderProgress,
  type JobTotals,
  type JobView,
  type ProxyError,
  TERMINAL_JOB_STATES,
} from '../../../lib/proxy-contract/index.ts';
import type { StoredJob } from '../store/job-store.ts';

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
  const totals = sumFolders(folders);
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
    folders: folders.map((f) => ({ ...f })),
    totals,
    bytesPerSecond: Math.round(bytesPerSecond),
    messagesPerSecond: active ? Math.round(rate.messagesPerSecond * 10) / 10 : 0,
    ...(eta !== undefined ? { etaSeconds: eta } : {}),
    ...(job.error ? { error: job.error } : {}),
    failures,
  };
}

function sumFolders(folders: readonly FolderProgress[]): JobTotals {
  const sum = (pick: (f: FolderProgress) => number) => folders.reduce((t, f) => t + pick(f), 0);
  return {
    folders: folders.length,
    messagesTotal: sum((f) => f.messagesTotal),
    messagesDone: sum((f) => f.messagesDone),
    messagesCopied: sum((f) => f.messagesDone - f.messagesSkipped - f.messagesFailed),
    messagesSkipped: sum((f) => f.messagesSkipped),
    messagesFailed: sum((f) => f.messagesFailed),
    bytesTotal: sum((f) => f.bytesTotal),
    bytesDone: sum((f) => f.bytesDone),
  };
}
