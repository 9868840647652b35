import type { EndpointView, ImapEndpoint } from '../../../lib/proxy-contract/index.ts';
import { runCopy } from '../copy/engine.ts';
import { isProxyFailure, ProxyFailure } from '../errors.ts';
import type { StoredRun } from '../store/job-store.ts';
import { type JobContext, notify, runtimeOf, setState, viewOf } from './job-context.ts';
import { RateMeter } from './rate-meter.ts';

const SAVE_EVERY_MS = 1000;

/**
 * One run of a queued job, start to end: the copy, then `completed` (or `completed_with_errors`
 * when a message was refused or the verification found a difference), `paused` when a person
 * must act (quota, password, a proxy being stopped) or `cancelled`. Progress is saved every
 * second; the checkpoint store has every message as it goes.
 */
export async function runJob(ctx: JobContext, id: string): Promise<void> {
  const { store, options } = ctx;
  const runtime = runtimeOf(ctx, id);
  const job = store.getJob(id);
  const passwords = runtime.passwords;
  if (!job || !passwords || job.state !== 'queued') return;
  const controller = new AbortController();
  runtime.controller = controller;
  runtime.rate = new RateMeter();
  const run: StoredRun = {
    number: job.runs + 1,
    startedAt: new Date().toISOString(),
    messagesCopied: 0,
    flagsUpdatedBefore: viewOf(ctx, job).totals.flagsUpdated,
  };
  runtime.run = run;
  setState(ctx, id, {
    state: 'running',
    error: undefined,
    runs: run.number,
    lastRun: run,
    startedAt: job.startedAt ?? run.startedAt,
    finishedAt: undefined,
  });
  options.log.info('Job started', { job: id, run: run.number });
  const save = (force = false) => {
    const now = Date.now();
    // The folders' progress is the engine's to save (with each batch's records).
    if (runtime.folders && (force || now - runtime.lastSaved >= SAVE_EVERY_MS)) {
      store.updateJob(id, { lastRun: run });
      runtime.lastSaved = now;
    }
  };
  const ended = () => {
    run.finishedAt = new Date().toISOString();
    return run;
  };
  try {
    const outcome = await runCopy({
      jobId: id,
      source: withPassword(job.source, passwords.source),
      destination: withPassword(job.destination, passwords.destination),
      options: job.options,
      connector: options.connector,
      store,
      signal: controller.signal,
      previousVerification: job.verification?.folders,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.splitFolders ? { splitFolders: options.splitFolders } : {}),
      onPlan: (folders, fingerprint) => {
        runtime.folders = folders;
        store.updateJob(id, { fingerprint });
        save(true);
        notify(ctx, id);
      },
      onChange: (copied) => {
        if (copied) {
          runtime.rate.add(copied.size);
          run.messagesCopied += 1;
        }
        save();
        notify(ctx, id);
      },
      onRetry: (error, attempt, delayMs) => {
        options.log.warn('Retrying after a transient error', {
          job: id,
          code: error.code,
          attempt,
          delayMs,
        });
      },
      onFewerConnections: (error, workers) => {
        options.log.warn('The server pushed back: copying on fewer connections from now on', {
          job: id,
          code: error.code,
          workers,
        });
      },
    });
    save(true);
    const failed = store.failures(id).length > 0;
    const mismatch = outcome.verification.folders.some((f) => !f.match);
    setState(ctx, id, {
      state: failed || mismatch ? 'completed_with_errors' : 'completed',
      verification: outcome.verification,
      finishedAt: new Date().toISOString(),
      lastRun: ended(),
    });
    options.log.info('Job finished', { job: id, failed, mismatch });
  } catch (error) {
    save(true);
    const failure = isProxyFailure(error)
      ? error
      : new ProxyFailure('internal', undefined, { cause: error });
    if (ctx.shuttingDown) {
      // A proxy being stopped pauses its jobs; the next start resumes them with the passwords.
      setState(ctx, id, {
        state: 'paused',
        error: new ProxyFailure('credentials_required').toJSON(),
        lastRun: ended(),
      });
    } else if (failure.code === 'cancelled') {
      setState(ctx, id, { state: 'cancelled', error: failure.toJSON(), lastRun: ended() });
      options.log.info('Job cancelled', { job: id });
    } else {
      // A refused password is no use for another try: the job needs credentials again.
      if (failure.code === 'auth_failed') runtime.passwords = undefined;
      setState(ctx, id, { state: 'paused', error: failure.toJSON(), lastRun: ended() });
      options.log.warn('Job paused', {
        job: id,
        code: failure.code,
        ...(failure.code === 'internal' ? { error } : {}),
      });
    }
  } finally {
    runtime.controller = undefined;
    runtime.folders = undefined;
    runtime.run = undefined;
  }
}

export function withPassword(endpoint: EndpointView, password: string): ImapEndpoint {
  return { ...endpoint, password };
}
