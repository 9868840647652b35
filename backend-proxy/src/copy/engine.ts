import type { ImapFlow } from 'imapflow';
import {
  type CopyOptions,
  type FolderProgress,
  type FolderVerification,
  type ImapEndpoint,
  TRANSIENT_CODES,
} from '../../../lib/proxy-contract/index.ts';
import type { ImapTarget } from '../config.ts';
import { isProxyFailure, ProxyFailure } from '../errors.ts';
import { closeImap, openImap } from '../imap/connect.ts';
import { classifyImapError } from '../imap/errors.ts';
import type { JobStore } from '../store/job-store.ts';
import { copyFolder } from './copy-folder.ts';
import { type FolderPlan, planFolders, readLayout } from './folders.ts';
import { verifyFolder } from './verify.ts';

export interface CopyRun {
  jobId: string;
  source: ImapEndpoint;
  destination: ImapEndpoint;
  options: CopyOptions;
  allowHosts: readonly string[];
  insecureTls: boolean;
  resolve?: ReadonlyMap<string, ImapTarget> | undefined;
  store: JobStore;
  signal: AbortSignal;
  /** The folder list, once planned; the engine mutates the entries as it goes. */
  onPlan(folders: FolderProgress[]): void;
  onChange(copiedBytes: number): void;
  /** Transient trouble the engine is riding out (retrying); for the log. */
  onRetry(error: ProxyFailure, attempt: number, delayMs: number): void;
  /** Retry tuning (tests shorten it). @default { attempts: 8, baseDelayMs: 1000, maxDelayMs: 30000 } */
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

export interface CopyOutcome {
  verification: { verified: boolean; folders: FolderVerification[] };
}

interface Connections {
  source: ImapFlow;
  destination: ImapFlow;
}

/**
 * Runs one copy job start to end: plan folders, copy each (retrying transient trouble with
 * backoff, resuming from the checkpoint and the destination's own index), then verify. Throws a
 * `ProxyFailure` when the job must pause (quota, password, retries exhausted) or was cancelled.
 */
export async function runCopy(run: CopyRun): Promise<CopyOutcome> {
  const retry = run.retry ?? { attempts: 8, baseDelayMs: 1000, maxDelayMs: 30_000 };
  let connections: Connections | undefined;
  const connect = async (): Promise<Connections> => {
    if (connections?.source.usable && connections.destination.usable) return connections;
    await disconnect();
    const common = {
      allowHosts: run.allowHosts,
      insecureTls: run.insecureTls,
      resolve: run.resolve,
    };
    const source = await openImap(run.source, { ...common, side: 'source' });
    try {
      const destination = await openImap(run.destination, { ...common, side: 'destination' });
      connections = { source, destination };
      return connections;
    } catch (error) {
      await closeImap(source);
      throw error;
    }
  };
  const disconnect = async () => {
    const current = connections;
    connections = undefined;
    await Promise.all([closeImap(current?.source), closeImap(current?.destination)]);
  };
  const abort = () => {
    connections?.source.close();
    connections?.destination.close();
  };
  run.signal.addEventListener('abort', abort, { once: true });

  /** Runs `work` with live connections, reconnecting and retrying on transient failures. */
  const withRetry = async <T>(folder: string | undefined, work: (c: Connections) => Promise<T>) => {
    for (let attempt = 1; ; attempt++) {
      run.signal.throwIfAborted();
      try {
        return await work(await connect());
      } catch (error) {
        if (run.signal.aborted) throw new ProxyFailure('cancelled');
        const failure = toFailure(error, folder, run);
        if (!TRANSIENT_CODES.has(failure.code) || attempt >= retry.attempts) throw failure;
        const delay = backoff(attempt, retry.baseDelayMs, retry.maxDelayMs);
        run.onRetry(failure, attempt, delay);
        await disconnect();
        await sleep(delay, run.signal);
      }
    }
  };

  try {
    const plans = await withRetry(undefined, async ({ source, destination }) =>
      planFolders(await readLayout(source), await readLayout(destination), run.options),
    );
    const previous = new Map(run.store.listFolders(run.jobId).map((f) => [f.source, f]));
    const folders = plans.map(
      (plan): FolderProgress => ({
        source: plan.sourceName,
        destination: plan.destinationName,
        ...(plan.specialUse ? { specialUse: plan.specialUse } : {}),
        state: 'pending',
        messagesTotal: previous.get(plan.sourceName)?.messagesTotal ?? 0,
        messagesDone: 0,
        messagesSkipped: 0,
        messagesFailed: 0,
        bytesTotal: previous.get(plan.sourceName)?.bytesTotal ?? 0,
        bytesDone: 0,
      }),
    );
    run.onPlan(folders);

    for (const [index, plan] of plans.entries()) {
      const progress = folders[index];
      if (!progress) continue;
      await withRetry(plan.sourceName, ({ source, destination }) =>
        copyFolder({
          source,
          destination,
          sourceHost: run.source.host,
          destinationHost: run.destination.host,
          plan,
          progress,
          dryRun: run.options.dryRun,
          loadDone: (uidValidity) =>
            run.store.doneMessages(run.jobId, plan.sourceName, uidValidity),
          record: (uidValidity, records) =>
            run.store.recordMessages(run.jobId, plan.sourceName, uidValidity, records),
          changed: run.onChange,
          signal: run.signal,
        }),
      );
    }

    if (run.options.dryRun) return { verification: { verified: false, folders: [] } };
    const verification = await withRetry(undefined, (c) => verifyAll(c, plans));
    return { verification: { verified: true, folders: verification } };
  } finally {
    run.signal.removeEventListener('abort', abort);
    await disconnect();
  }
}

async function verifyAll(c: Connections, plans: FolderPlan[]): Promise<FolderVerification[]> {
  const results: FolderVerification[] = [];
  for (const plan of plans) results.push(await verifyFolder(c.source, c.destination, plan));
  return results;
}

function toFailure(error: unknown, folder: string | undefined, run: CopyRun): ProxyFailure {
  if (isProxyFailure(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') return new ProxyFailure('cancelled');
  // Which side broke is not always known here; the source is read first, so name it unless the
  // destination's connection is the one gone.
  return classifyImapError(error, {
    side: 'source',
    host: run.source.host,
    ...(folder ? { folder } : {}),
  });
}

function backoff(attempt: number, base: number, max: number): number {
  const exponential = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ProxyFailure('cancelled'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ProxyFailure('cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
