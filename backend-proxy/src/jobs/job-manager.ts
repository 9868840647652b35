import { randomUUID } from 'node:crypto';
import {
  type CreateJobRequest,
  type EndpointView,
  type ImapEndpoint,
  type JobReport,
  type JobView,
  TERMINAL_JOB_STATES,
} from '../../../lib/proxy-contract/index.ts';
import { JobCheckpoint } from '../copy/job-checkpoint.ts';
import { ProxyFailure } from '../errors.ts';
import type { JobStore, StoredJob } from '../store/job-store.ts';
import { testCredentials } from './credentials-test.ts';
import {
  ACTIVE_STATES,
  assertDestinationFree,
  isBusy,
  type JobContext,
  type JobManagerOptions,
  jobOf,
  runtimeOf,
  setState,
  viewOf,
} from './job-context.ts';
import { resumeJob } from './job-resume.ts';
import { runJob } from './job-run.ts';
import type { JobService } from './job-service.ts';
import { messageLog, messageLogCsv } from './message-log.ts';

export type { JobManagerOptions } from './job-context.ts';

/**
 * The proxy's jobs: a queue of copy runs over one checkpoint store, passwords in memory only.
 * The store and the IMAP connector are given (the CLI builds one of each); close() leaves the
 * store open for its owner to close.
 */
export async function createJobManager(options: JobManagerOptions): Promise<JobService> {
  const { store, connector } = options;
  const ctx: JobContext = {
    options,
    store,
    runtimes: new Map(),
    shuttingDown: false,
  };
  const maxRunning = options.maxRunning ?? 4;
  const running = new Map<string, Promise<void>>();
  const queue: string[] = [];
  pauseInterruptedJobs(store);

  const startNext = () => {
    while (running.size < maxRunning && queue.length > 0) {
      const id = queue.shift();
      if (id === undefined) break;
      running.set(
        id,
        runJob(ctx, id).finally(() => {
          running.delete(id);
          startNext();
        }),
      );
    }
  };
  const enqueue = (id: string) => {
    queue.push(id);
    startNext();
  };
  const logOf = (id: string) => {
    const names = new Map(store.listFolders(id).map((f) => [f.source, f.destination]));
    return messageLog(store.messageLog(id), (folder) => names.get(folder) ?? folder);
  };

  return {
    async create(request) {
      connector.assertAllowed(request.source);
      connector.assertAllowed(request.destination);
      const earlier = replayOf(ctx, request);
      if (earlier) return earlier;
      const job = newJob(request);
      // Synchronous from the check to the insert: two requests at once cannot both pass.
      assertDestinationFree(ctx, job.destination, job.options.dryRun);
      store.insertJob(job);
      runtimeOf(ctx, job.id).passwords = {
        source: request.source.password,
        destination: request.destination.password,
      };
      options.log.info('Job created', { job: job.id, dryRun: job.options.dryRun });
      enqueue(job.id);
      return viewOf(ctx, jobOf(ctx, job.id));
    },
    get: (id) => viewOf(ctx, jobOf(ctx, id)),
    list: () => store.listJobs().map((job) => viewOf(ctx, job)),
    report(id, reportOptions = {}): JobReport {
      const job = jobOf(ctx, id);
      return {
        job: viewOf(ctx, job),
        ...(job.startedAt ? { startedAt: job.startedAt } : {}),
        ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
        verification: job.verification ?? { verified: false, folders: [] },
        ...(reportOptions.messages ? { messages: [...logOf(id)] } : {}),
      };
    },
    reportCsv(id) {
      jobOf(ctx, id);
      return messageLogCsv(logOf(id));
    },
    async cancel(id) {
      const job = jobOf(ctx, id);
      if (TERMINAL_JOB_STATES.has(job.state)) {
        throw new ProxyFailure('conflict', `The job is already ${job.state}.`);
      }
      const runtime = runtimeOf(ctx, id);
      const index = queue.indexOf(id);
      if (index >= 0) queue.splice(index, 1);
      if (runtime.controller) {
        runtime.controller.abort();
        await running.get(id);
      } else {
        setState(ctx, id, { state: 'cancelled', error: new ProxyFailure('cancelled').toJSON() });
      }
      runtime.passwords = undefined;
      return viewOf(ctx, jobOf(ctx, id));
    },
    async resume(id, request) {
      await resumeJob(ctx, id, request, enqueue);
      return viewOf(ctx, jobOf(ctx, id));
    },
    async delete(id) {
      const job = jobOf(ctx, id);
      // An ended run writes nothing after its last state, so a job that shows ended may go,
      // even in the instant before its run's promise settles.
      if (!TERMINAL_JOB_STATES.has(job.state) || isBusy(ctx, job)) {
        throw new ProxyFailure('conflict', `The job is ${job.state}: cancel it first.`, {
          details: { jobId: id },
        });
      }
      clearTimeout(ctx.runtimes.get(id)?.notifyTimer);
      ctx.runtimes.delete(id);
      store.deleteJob(id);
      options.log.info('Job deleted', { job: id });
      return { id, deleted: true };
    },
    subscribe(id, listener) {
      jobOf(ctx, id);
      const runtime = runtimeOf(ctx, id);
      runtime.listeners.add(listener);
      return () => {
        runtime.listeners.delete(listener);
      };
    },
    testCredentials: (request) => testCredentials(request, connector),
    async close() {
      ctx.shuttingDown = true;
      queue.length = 0;
      for (const runtime of ctx.runtimes.values()) {
        runtime.controller?.abort();
        clearTimeout(runtime.notifyTimer);
      }
      await Promise.allSettled(running.values());
    },
  };
}

/**
 * A job that was running when the proxy stopped (or was killed) pauses: the passwords were only
 * ever in memory, so the caller must send them again. Its progress, saved every second, is
 * counted again from the checkpoint, which has every message.
 */
function pauseInterruptedJobs(store: JobStore): void {
  for (const job of store.listJobs()) {
    if (!ACTIVE_STATES.has(job.state)) continue;
    store.updateJob(job.id, {
      state: 'paused',
      error: new ProxyFailure('credentials_required').toJSON(),
    });
    JobCheckpoint.recount(store, job.id);
  }
}

/**
 * The job an earlier request with the same idempotency key created (a retried POST); a
 * `conflict` when the key came with another request.
 */
function replayOf(ctx: JobContext, request: CreateJobRequest): JobView | undefined {
  const key = request.idempotencyKey;
  if (key === undefined) return undefined;
  const earlier = ctx.store.listJobs().find((job) => job.idempotencyKey === key);
  if (!earlier) return undefined;
  const asked = [withoutPassword(request.source), withoutPassword(request.destination)];
  const same =
    JSON.stringify([earlier.source, earlier.destination, earlier.options]) ===
    JSON.stringify([...asked, request.options]);
  if (!same) {
    throw new ProxyFailure(
      'conflict',
      'This idempotency key was already used for a different job: make up a new key for a new job.',
      { details: { jobId: earlier.id } },
    );
  }
  return viewOf(ctx, earlier);
}

function newJob(request: CreateJobRequest): StoredJob {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    state: 'queued',
    createdAt: now,
    updatedAt: now,
    source: withoutPassword(request.source),
    destination: withoutPassword(request.destination),
    options: request.options,
    runs: 0,
    error: undefined,
    startedAt: undefined,
    finishedAt: undefined,
    verification: undefined,
    ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
  };
}

function withoutPassword(endpoint: ImapEndpoint): EndpointView {
  return { host: endpoint.host, port: endpoint.port, tls: endpoint.tls, user: endpoint.user };
}
