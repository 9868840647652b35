import { randomUUID } from 'node:crypto';
import {
  type CreateJobRequest,
  type FolderProgress,
  type ImapEndpoint,
  type JobReport,
  type JobView,
  type ResumeJobRequest,
  TERMINAL_JOB_STATES,
} from '../../../lib/proxy-contract/index.ts';
import type { ImapTarget } from '../config.ts';
import { runCopy } from '../copy/engine.ts';
import { isProxyFailure, ProxyFailure } from '../errors.ts';
import { assertHostAllowed } from '../imap/connect.ts';
import type { Logger } from '../log.ts';
import type { StoredJob } from '../store/job-store.ts';
import { openSqliteJobStore } from '../store/sqlite-job-store.ts';
import { testCredentials } from './credentials-test.ts';
import type { JobService } from './job-service.ts';
import { buildJobView } from './job-view.ts';
import { RateMeter } from './rate-meter.ts';

export interface JobManagerOptions {
  dataDir: string;
  allowHosts: readonly string[];
  insecureTls: boolean;
  /** Test servers' real addresses (see ProxyConfig.resolve). @default none */
  resolve?: ReadonlyMap<string, ImapTarget>;
  log: Logger;
  /** Jobs copying at the same time; others wait queued. @default 4 */
  maxRunning?: number;
  /** Retry tuning handed to the engine (tests shorten it). */
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

/** What lives only in memory: passwords, the abort switch, live progress, listeners. */
interface Runtime {
  passwords?: { source: string; destination: string };
  controller?: AbortController;
  folders?: FolderProgress[];
  rate: RateMeter;
  listeners: Set<(view: JobView) => void>;
  notifyTimer?: NodeJS.Timeout;
  lastSaved: number;
}

const NOTIFY_EVERY_MS = 200;
const SAVE_EVERY_MS = 1000;

export async function createJobManager(options: JobManagerOptions): Promise<JobService> {
  const store = openSqliteJobStore(options.dataDir);
  const maxRunning = options.maxRunning ?? 4;
  const runtimes = new Map<string, Runtime>();
  const running = new Map<string, Promise<void>>();
  const queue: string[] = [];
  let shuttingDown = false;

  // A job that was running when the proxy stopped (or was killed) pauses: the passwords were only
  // ever in memory, so the caller must send them again to resume.
  for (const job of store.listJobs()) {
    if (job.state === 'running' || job.state === 'queued') {
      store.updateJob(job.id, {
        state: 'paused',
        error: new ProxyFailure('credentials_required').toJSON(),
      });
    }
  }

  const runtimeOf = (id: string): Runtime => {
    let runtime = runtimes.get(id);
    if (!runtime) {
      runtime = { rate: new RateMeter(), listeners: new Set(), lastSaved: 0 };
      runtimes.set(id, runtime);
    }
    return runtime;
  };

  const jobOf = (id: string): StoredJob => {
    const job = store.getJob(id);
    if (!job) throw new ProxyFailure('not_found', `There is no job ${id} on this proxy.`);
    return job;
  };

  const view = (job: StoredJob): JobView => {
    const runtime = runtimeOf(job.id);
    return buildJobView({
      job,
      folders: runtime.folders ?? store.listFolders(job.id),
      failures: store.failures(job.id),
      rate: runtime.rate.rates(),
      hasPasswords: runtime.passwords !== undefined,
    });
  };

  const notify = (id: string, now = false) => {
    const runtime = runtimeOf(id);
    if (runtime.listeners.size === 0) return;
    const send = () => {
      runtime.notifyTimer = undefined;
      const current = view(jobOf(id));
      for (const listener of runtime.listeners) listener(current);
    };
    if (now) {
      clearTimeout(runtime.notifyTimer);
      send();
    } else if (!runtime.notifyTimer) {
      runtime.notifyTimer = setTimeout(send, NOTIFY_EVERY_MS);
    }
  };

  const setState = (id: string, patch: Partial<Omit<StoredJob, 'id'>>) => {
    store.updateJob(id, patch);
    notify(id, true);
  };

  const startNext = () => {
    while (running.size < maxRunning && queue.length > 0) {
      const id = queue.shift();
      if (id === undefined) break;
      running.set(
        id,
        execute(id).finally(() => {
          running.delete(id);
          startNext();
        }),
      );
    }
  };

  const execute = async (id: string): Promise<void> => {
    const runtime = runtimeOf(id);
    const job = jobOf(id);
    const passwords = runtime.passwords;
    if (!passwords || job.state !== 'queued') return;
    const controller = new AbortController();
    runtime.controller = controller;
    runtime.rate = new RateMeter();
    setState(id, {
      state: 'running',
      error: undefined,
      runs: job.runs + 1,
      startedAt: job.startedAt ?? new Date().toISOString(),
      finishedAt: undefined,
    });
    options.log.info('Job started', { job: id, run: job.runs + 1 });
    const save = (force = false) => {
      const now = Date.now();
      if (runtime.folders && (force || now - runtime.lastSaved >= SAVE_EVERY_MS)) {
        store.saveFolders(id, runtime.folders);
        runtime.lastSaved = now;
      }
    };
    try {
      const outcome = await runCopy({
        jobId: id,
        source: withPassword(job.source, passwords.source),
        destination: withPassword(job.destination, passwords.destination),
        options: job.options,
        allowHosts: options.allowHosts,
        insecureTls: options.insecureTls,
        resolve: options.resolve,
        store,
        signal: controller.signal,
        ...(options.retry ? { retry: options.retry } : {}),
        onPlan: (folders) => {
          runtime.folders = folders;
          save(true);
          notify(id);
        },
        onChange: (copiedBytes) => {
          runtime.rate.add(copiedBytes);
          save();
          notify(id);
        },
        onRetry: (error, attempt, delayMs) => {
          options.log.warn('Retrying after a transient error', {
            job: id,
            code: error.code,
            attempt,
            delayMs,
          });
        },
      });
      save(true);
      const failed = store.failures(id).length > 0;
      const mismatch = outcome.verification.folders.some((f) => !f.match);
      setState(id, {
        state: failed || mismatch ? 'completed_with_errors' : 'completed',
        verification: outcome.verification,
        finishedAt: new Date().toISOString(),
      });
      options.log.info('Job finished', { job: id, failed, mismatch });
    } catch (error) {
      save(true);
      const failure = isProxyFailure(error)
        ? error
        : new ProxyFailure('internal', undefined, { cause: error });
      if (shuttingDown) {
        // A proxy being stopped pauses its jobs; the next start resumes them with the passwords.
        setState(id, { state: 'paused', error: new ProxyFailure('credentials_required').toJSON() });
      } else if (failure.code === 'cancelled') {
        setState(id, { state: 'cancelled', error: failure.toJSON() });
        options.log.info('Job cancelled', { job: id });
      } else {
        setState(id, { state: 'paused', error: failure.toJSON() });
        options.log.warn('Job paused', {
          job: id,
          code: failure.code,
          ...(failure.code === 'internal' ? { error } : {}),
        });
      }
    } finally {
      runtime.controller = undefined;
      runtime.folders = undefined;
    }
  };

  const enqueue = (id: string) => {
    queue.push(id);
    startNext();
  };

  return {
    async create(request: CreateJobRequest) {
      const connectOptions = { allowHosts: options.allowHosts, insecureTls: options.insecureTls };
      assertHostAllowed(request.source, { ...connectOptions, side: 'source' });
      assertHostAllowed(request.destination, { ...connectOptions, side: 'destination' });
      const now = new Date().toISOString();
      const job: StoredJob = {
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
      };
      store.insertJob(job);
      runtimeOf(job.id).passwords = {
        source: request.source.password,
        destination: request.destination.password,
      };
      options.log.info('Job created', { job: job.id, dryRun: job.options.dryRun });
      enqueue(job.id);
      return view(jobOf(job.id));
    },
    get(id) {
      return view(jobOf(id));
    },
    list() {
      return store.listJobs().map(view);
    },
    report(id): JobReport {
      const job = jobOf(id);
      return {
        job: view(job),
        ...(job.startedAt ? { startedAt: job.startedAt } : {}),
        ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
        verification: job.verification ?? { verified: false, folders: [] },
      };
    },
    async cancel(id) {
      const job = jobOf(id);
      if (TERMINAL_JOB_STATES.has(job.state)) {
        throw new ProxyFailure('conflict', `The job is already ${job.state}.`);
      }
      const runtime = runtimeOf(id);
      const index = queue.indexOf(id);
      if (index >= 0) queue.splice(index, 1);
      if (runtime.controller) {
        runtime.controller.abort();
        await running.get(id);
      } else {
        setState(id, { state: 'cancelled', error: new ProxyFailure('cancelled').toJSON() });
      }
      runtime.passwords = undefined;
      return view(jobOf(id));
    },
    async resume(id, request: ResumeJobRequest) {
      const job = jobOf(id);
      if (job.state === 'running' || job.state === 'queued') {
        throw new ProxyFailure('conflict', 'The job is already running.');
      }
      runtimeOf(id).passwords = {
        source: request.sourcePassword,
        destination: request.destinationPassword,
      };
      // A finished job can run again: that is the cheap final pass that catches new mail.
      setState(id, { state: 'queued', error: undefined });
      enqueue(id);
      return view(jobOf(id));
    },
    subscribe(id, listener) {
      jobOf(id);
      const runtime = runtimeOf(id);
      runtime.listeners.add(listener);
      return () => {
        runtime.listeners.delete(listener);
      };
    },
    testCredentials(request) {
      return testCredentials(request, {
        allowHosts: options.allowHosts,
        insecureTls: options.insecureTls,
        resolve: options.resolve,
      });
    },
    async close() {
      shuttingDown = true;
      queue.length = 0;
      for (const runtime of runtimes.values()) {
        runtime.controller?.abort();
        clearTimeout(runtime.notifyTimer);
      }
      await Promise.allSettled(running.values());
      store.close();
    },
  };
}

function withoutPassword(endpoint: ImapEndpoint) {
  return { host: endpoint.host, port: endpoint.port, tls: endpoint.tls, user: endpoint.user };
}

function withPassword(endpoint: StoredJob['source'], password: string): ImapEndpoint {
  return { ...endpoint, password };
}
