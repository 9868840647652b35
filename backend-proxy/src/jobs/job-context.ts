import type { EndpointView, JobView } from '../../../lib/proxy-contract/index.ts';
import type { SplitPolicy } from '../config.ts';
import type { TrackedFolder } from '../copy/progress.ts';
import { ProxyFailure } from '../errors.ts';
import type { ImapConnector } from '../imap/connector.ts';
import type { Logger } from '../log.ts';
import type { JobStore, StoredJob, StoredRun } from '../store/job-store.ts';
import { buildJobView } from './job-view.ts';
import { ownedFailure, ownerOf } from './ownership.ts';
import { RateMeter } from './rate-meter.ts';

export interface JobManagerOptions {
  /** The checkpoint store (built once by the CLI, openJobStore); its owner closes it. */
  store: JobStore;
  /** How to reach IMAP servers: host policy, TLS, --resolve (built once, createImapConnector). */
  connector: ImapConnector;
  log: Logger;
  /** Jobs copying at the same time; others wait queued. @default 4 */
  maxRunning?: number;
  /** When one large folder is copied on several connections (the engine's). @default 'auto' */
  splitFolders?: SplitPolicy;
  /** Retry tuning handed to the engine (tests shorten it). */
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

/** What lives only in memory: passwords, the abort switch, live progress, listeners. */
export interface Runtime {
  passwords?: { source: string; destination: string };
  controller?: AbortController;
  /** The running copy's folders (the engine's, read-only here). */
  folders?: readonly TrackedFolder[];
  rate: RateMeter;
  listeners: Set<(view: JobView) => void>;
  notifyTimer?: NodeJS.Timeout;
  lastSaved: number;
  /** A resume is checking a new login; the job counts as busy meanwhile. */
  resuming?: boolean;
  /** The run in progress (its live counts; the store has them as of the last save). */
  run?: StoredRun;
}

/** Everything the job manager's parts share: the store, the in-memory side, the settings. */
export interface JobContext {
  readonly options: JobManagerOptions;
  readonly store: JobStore;
  readonly runtimes: Map<string, Runtime>;
  /** Set once close() began: a run that stops then pauses for a restart, not for a person. */
  shuttingDown: boolean;
}

const NOTIFY_EVERY_MS = 200;
export const ACTIVE_STATES: ReadonlySet<string> = new Set(['queued', 'running']);

export function runtimeOf(ctx: JobContext, id: string): Runtime {
  let runtime = ctx.runtimes.get(id);
  if (!runtime) {
    runtime = { rate: new RateMeter(), listeners: new Set(), lastSaved: 0 };
    ctx.runtimes.set(id, runtime);
  }
  return runtime;
}

export function jobOf(ctx: JobContext, id: string): StoredJob {
  const job = ctx.store.getJob(id);
  if (!job) throw new ProxyFailure('not_found', `There is no job ${id} on this proxy.`);
  return job;
}

export function viewOf(ctx: JobContext, job: StoredJob): JobView {
  const runtime = runtimeOf(ctx, job.id);
  return buildJobView({
    job: runtime.run ? { ...job, lastRun: runtime.run } : job,
    folders: runtime.folders ?? ctx.store.listFolders(job.id),
    failures: ctx.store.failures(job.id),
    rate: runtime.rate.rates(),
    hasPasswords: runtime.passwords !== undefined,
  });
}

/** Queued, running, or having a new login checked: it may write to its destination. */
export function isBusy(ctx: JobContext, job: StoredJob): boolean {
  return ACTIVE_STATES.has(job.state) || ctx.runtimes.get(job.id)?.resuming === true;
}

/** Throws `conflict` naming the job that already owns this destination account. */
export function assertDestinationFree(
  ctx: JobContext,
  destination: EndpointView,
  dryRun: boolean,
  self?: string,
): void {
  if (dryRun) return;
  const others = ctx.store.listJobs().filter((job) => job.id !== self);
  const owner = ownerOf(others, destination, (job) => isBusy(ctx, job));
  if (owner) throw ownedFailure(owner);
}

/** Tells the job's listeners, at most every NOTIFY_EVERY_MS unless `now`. */
export function notify(ctx: JobContext, id: string, now = false): void {
  const runtime = runtimeOf(ctx, id);
  if (runtime.listeners.size === 0) return;
  const send = () => {
    runtime.notifyTimer = undefined;
    const current = viewOf(ctx, jobOf(ctx, id));
    for (const listener of runtime.listeners) listener(current);
  };
  if (now) {
    clearTimeout(runtime.notifyTimer);
    send();
  } else if (!runtime.notifyTimer) {
    runtime.notifyTimer = setTimeout(send, NOTIFY_EVERY_MS);
  }
}

export function setState(ctx: JobContext, id: string, patch: Partial<Omit<StoredJob, 'id'>>) {
  ctx.store.updateJob(id, patch);
  notify(ctx, id, true);
}
