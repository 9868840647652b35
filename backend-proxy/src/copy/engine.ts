import type { ImapFlow } from 'imapflow';
import {
  type CopyOptions,
  type FolderVerification,
  type ImapEndpoint,
  TRANSIENT_CODES,
} from '../../../lib/proxy-contract/index.ts';
import type { SplitPolicy } from '../config.ts';
import { isProxyFailure, ProxyFailure } from '../errors.ts';
import type { CommandSession } from '../imap/append-session.ts';
import type { ImapConnector } from '../imap/connector.ts';
import { classifyImapError, isConnectionLimit } from '../imap/errors.ts';
import type { FolderState, JobStore, MailboxFingerprint } from '../store/job-store.ts';
import { ConnectionPair, type Connections } from './connection-pair.ts';
import { copyFolder, ensureFolder } from './copy-folder.ts';
import {
  createFolders,
  type FolderSetup,
  foldersToPrepare,
  NO_FOLDER_SETUP,
} from './folder-setup.ts';
import { sizeFolder, uidValidityOf } from './folder-sizes.ts';
import { HelpBoard, type HelpOffer, splitsFolders } from './folder-split.ts';
import { type FolderPlan, planFolders, readLayout } from './folders.ts';
import { JobCheckpoint } from './job-checkpoint.ts';
import type { OpenAppendSession } from './message-writer.ts';
import { type TrackedFolder, withCheckpointCounts } from './progress.ts';
import { hasMessageFilters, type MessageScope, messageScope } from './scope.ts';
import { isUnchanged, rememberVerified } from './unchanged.ts';
import { verifyFolder } from './verify.ts';

export interface CopyRun {
  jobId: string;
  source: ImapEndpoint;
  destination: ImapEndpoint;
  options: CopyOptions;
  /** How to reach both servers (host policy, TLS, --resolve): the CLI's one connector. */
  connector: ImapConnector;
  store: JobStore;
  signal: AbortSignal;
  /**
   * The folder list, once planned and sized (totals from STATUS, counts from the checkpoint).
   * The engine updates the entries as it goes and is the only one to save them.
   */
  onPlan(folders: readonly TrackedFolder[], fingerprint: MailboxFingerprint): void;
  /** Progress moved; `copied` is the message just copied (bytes for the rate, a count per run). */
  onChange(copied?: { size: number }): void;
  /** Transient trouble the engine is riding out (retrying); for the log. */
  onRetry(error: ProxyFailure, attempt: number, delayMs: number): void;
  /** The server pushed back (refused a connection, or throttled): one worker stopped for the rest
   * of the job, `workers` are left; for the log. */
  onFewerConnections?(error: ProxyFailure, workers: number): void;
  /** The job's last verification: a folder it found different gets every copy checked again. */
  previousVerification?: readonly FolderVerification[] | undefined;
  /** Folders copied at once. @default DEFAULT_PARALLEL_FOLDERS */
  parallelFolders?: number;
  /** Pipelined APPEND on a connection of its own where the server allows (false: imapflow's
   * `append()` only). @default true */
  pipelinedAppend?: boolean;
  /** When one large folder is copied on several workers' connections. @default 'auto' */
  splitFolders?: SplitPolicy;
  /** Retry tuning (tests shorten it). @default { attempts: 8, baseDelayMs: 1000, maxDelayMs: 30000 } */
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

export interface CopyOutcome {
  verification: { verified: boolean; folders: FolderVerification[] };
}

/**
 * Folders copied at the same time, each over its own pair of connections (and, during the copy,
 * the destination's pipelined APPEND connection): 4 source and at most 8 destination
 * connections, under Dovecot's default of 10 per user and IP.
 */
export const DEFAULT_PARALLEL_FOLDERS = 4;

/**
 * Runs one copy job start to end: plan folders, copy each (retrying transient trouble with
 * backoff, resuming from the checkpoint and the destination's own index), then verify. Throws a
 * `ProxyFailure` when the job must pause (quota, password, retries exhausted) or was cancelled.
 */
export async function runCopy(run: CopyRun): Promise<CopyOutcome> {
  const retry = run.retry ?? { attempts: 8, baseDelayMs: 1000, maxDelayMs: 30_000 };
  const workers = Math.max(1, run.parallelFolders ?? DEFAULT_PARALLEL_FOLDERS);
  const pairs = Array.from(
    { length: workers },
    () => new ConnectionPair(run.source, run.destination, run.connector),
  );
  const main = pairs[0] as ConnectionPair;
  // Throttling replies the APPEND connections met and no worker has answered yet by stopping:
  // the server pushing back lowers the job's connection count, one pair per reply, down to one.
  let throttled = 0;
  const openAppender: OpenAppendSession | undefined =
    run.pipelinedAppend === false
      ? undefined
      : (mailbox, folder, ready) =>
          run.connector.openAppendSession(run.destination, {
            mailbox,
            folder,
            ready,
            signal: stop,
            onThrottled: () => {
              throttled += 1;
            },
          });
  // `halt` stops every worker when one fails for good (quota, password): the job pauses as a whole.
  const halt = new AbortController();
  const stop = AbortSignal.any([run.signal, halt.signal]);
  const abort = () => {
    for (const pair of pairs) pair.abort();
  };
  stop.addEventListener('abort', abort, { once: true });

  /** Runs `work` on `pair`, reconnecting and retrying on transient failures with backoff. */
  const withRetry = async <T>(
    pair: ConnectionPair,
    folder: string | undefined,
    work: (c: Connections) => Promise<T>,
    /** A refused connection (the server's per-user cap) retires this worker instead, when this
     * says it may (and counts it out). */
    spare?: () => boolean,
    /** How the pair is opened. @default logged in, folder lists read */
    connect: (pair: ConnectionPair) => Promise<Connections> = (p) => p.open(),
  ) => {
    for (let attempt = 1; ; attempt++) {
      if (stop.aborted) throw new ProxyFailure('cancelled');
      try {
        return await work(await connect(pair));
      } catch (error) {
        if (stop.aborted) throw new ProxyFailure('cancelled');
        const failure = toFailure(error, folder, run);
        if (isConnectionLimit(failure) && spare?.()) throw new Retired(failure);
        if (!TRANSIENT_CODES.has(failure.code) || attempt >= retry.attempts) throw failure;
        // Pushed back: one pair fewer once a worker is between folders (see `throttled`).
        if (failure.code === 'throttled') throttled += 1;
        const delay = backoff(attempt, retry.baseDelayMs, retry.maxDelayMs);
        run.onRetry(failure, attempt, delay);
        await pair.close();
        await sleep(delay, stop);
      }
    }
  };

  const scope = messageScope(run.options);
  const checkpoints = new JobCheckpoint(run.store, run.jobId);
  try {
    // Every worker logs in at once; the first pair in plans the job while the others wait for
    // their first folder (a server capping connections per user refuses some: those retire).
    const opened = pairs.map((pair) => pair.login().then(() => pair));
    for (const opening of opened) opening.catch(() => undefined);
    // Logs in with them, for the destination folders the plan will find missing.
    const folderSession = run.options.dryRun
      ? undefined
      : run.connector.openCommandSession(run.destination);
    folderSession?.catch(() => undefined);
    const planner = await Promise.any(opened).catch(() => main);
    // The other pairs read their folder lists while the planner's planning reads its own.
    for (const pair of pairs) if (pair !== planner) pair.open().catch(() => undefined);
    const { plans, folders, fingerprint, unchanged } = await withRetry(
      planner,
      undefined,
      async (c) => {
        const planned = await planJob(c, run, scope);
        // Both LISTs of the planning were the whole folder lists.
        planner.markListed(c);
        return planned;
      },
      undefined,
      (pair) => pair.login(),
    ).catch((error: unknown) => {
      void folderSession?.then(
        (session) => session.close(),
        () => undefined,
      );
      throw error;
    });

    checkpoints.plan(folders);
    run.onPlan(checkpoints.folders, fingerprint);
    const different = new Set(
      (run.previousVerification ?? []).filter((f) => !f.match).map((f) => f.source),
    );

    // The largest folders first, so the last folders to finish are small ones (a parent still
    // before its children, whose creation waits for it).
    const order = largestFirst(plans, folders, unchanged);
    // Missing folders created in that order while the workers start reading their sources.
    const setup = prepareDestination(folderSession, plans, order, stop);

    // Large folders offered to the workers with nothing left to copy (folder-split.ts).
    const board = new HelpBoard();
    /**
     * An idle worker helps with another's folder on its own pair. False when it should stop: its
     * pair could not be opened (the server's cap, or trouble the folder's own worker rides out).
     */
    const helpWith = async (pair: ConnectionPair, offer: HelpOffer): Promise<boolean> => {
      let connections: Connections;
      try {
        connections = await pair.open();
      } catch {
        await pair.close();
        return false;
      }
      try {
        await offer.join(connections);
      } catch {
        // The folder failed with it and is retried by its own worker; this pair reconnects.
        await pair.close();
      }
      return !stop.aborted;
    };

    /** Runs `task` for every folder on the workers (each its own pair), the first failure halting all. */
    const eachFolder = async (task: (index: number, c: Connections) => Promise<void>) => {
      let next = 0;
      let firstFailure: unknown;
      // Folders a retired worker had taken, for the others.
      const handedBack: number[] = [];
      const take = () => handedBack.shift() ?? order[next++];
      let active = pairs.length;
      const retired = new Set<ConnectionPair>();
      // Folders being copied: a worker with none left waits for one of them to need help (or
      // for the last to end).
      let running = 0;
      const worker = async (pair: ConnectionPair) => {
        for (;;) {
          if (throttled > 0 && active > 1) {
            // Between two folders: this pair stops for the rest of the job.
            throttled -= 1;
            active -= 1;
            retired.add(pair);
            run.onFewerConnections?.(
              new ProxyFailure('throttled', 'The destination asked us to slow down.'),
              active,
            );
            await pair.close();
            return;
          }
          const folder = take();
          if (folder === undefined) {
            if (running === 0 || stop.aborted) return;
            const offer = board.best();
            if (!offer) await board.next(stop);
            else if (!(await helpWith(pair, offer))) return;
            continue;
          }
          running += 1;
          try {
            await withRetry(
              pair,
              plans[folder]?.sourceName,
              (c) => task(folder, c),
              // Taken at once: two workers refused together must not both retire the last.
              () => (active > 1 ? Boolean(active--) : false),
            );
          } catch (error) {
            if (!(error instanceof Retired)) throw error;
            // The server pushed back: one connection pair fewer for the rest of the job.
            retired.add(pair);
            handedBack.push(folder);
            run.onFewerConnections?.(error.failure, active);
            await pair.close();
            return;
          } finally {
            running -= 1;
            board.changed();
          }
        }
      };
      await Promise.all(
        pairs.map((pair) =>
          worker(pair).catch((error: unknown) => {
            // The first failure is the cause; the others are its echo (their sockets were closed).
            if (!halt.signal.aborted && !run.signal.aborted) {
              firstFailure = error;
              halt.abort();
            }
          }),
        ),
      );
      // Handed back (or left) after the others had run out of folders: a remaining worker takes them.
      const remaining = pairs.find((pair) => !retired.has(pair));
      const left = () => handedBack.length > 0 || next < order.length;
      if (firstFailure === undefined && left() && remaining) {
        // The last worker: it neither retires (a refusal is retried) nor stops for throttling.
        active = 1;
        throttled = 0;
        await worker(remaining).catch((error: unknown) => {
          firstFailure = error;
        });
      }
      if (run.signal.aborted) throw new ProxyFailure('cancelled');
      if (firstFailure !== undefined) throw firstFailure;
      // Never a folder silently left out.
      if (left()) {
        throw new ProxyFailure('throttled', 'The server refused the connections the copy needs.');
      }
    };

    // Destination folders are created by the workers, parents before children: a child waits
    // until its parent exists (or the job stops).
    const gates = new Map(plans.map((plan) => [plan.sourceName, gate()]));
    const wholeOnly = new Map(plans.map((plan) => [plan.sourceName, new Set<number>()]));
    stop.addEventListener('abort', () => {
      for (const g of gates.values()) g.open();
    });
    // One at a time across the workers: Dovecot loses a subscription when two sessions change
    // the list at once (seen in the bench: a sibling folder left unsubscribed).
    let folderChanges: Promise<unknown> = Promise.resolve();
    const changeFolder = (plan: FolderPlan, destination: ImapFlow): Promise<void> => {
      const change = folderChanges.then(() =>
        ensureFolder(destination, plan, run.destination.host),
      );
      folderChanges = change.catch(() => undefined);
      return change;
    };
    /** Settles once the folder exists: created by the set-up batch, else by this worker. */
    const create = async (plan: FolderPlan, destination: ImapFlow): Promise<void> => {
      await setup.created(plan);
      // Not created by the batch: this worker creates it once the batch is over.
      if (!plan.exists) await setup.done;
      await gates.get(plan.sourceName.split('/').slice(0, -1).join('/'))?.opened;
      if (stop.aborted) throw new ProxyFailure('cancelled');
      if (!plan.exists) await changeFolder(plan, destination);
      gates.get(plan.sourceName)?.open();
    };
    /** Gives the folder the source's subscription (which no STATUS shows) if the batch did not. */
    const mend = async (plan: FolderPlan, destination: ImapFlow): Promise<void> => {
      await setup.done;
      if (stop.aborted) throw new ProxyFailure('cancelled');
      if (plan.source.subscribed && !plan.destinationSubscribed) {
        await changeFolder(plan, destination);
      }
    };

    // Each folder is verified as soon as it is copied, on the same connections, while the other
    // workers go on copying.
    const verification: FolderVerification[] = new Array(plans.length);
    await eachFolder(async (index, { source, destination }) => {
      const plan = plans[index] as FolderPlan;
      const checkpoint = checkpoints.folder(plan.sourceName);
      const earlier = unchanged[index];
      // Created while the source side of the folder is read on the other connection.
      const created = run.options.dryRun ? Promise.resolve() : create(plan, destination);
      // Awaited below or by the copy; never an unhandled rejection meanwhile.
      created.catch(() => undefined);
      if (earlier) {
        await created;
        await mend(plan, destination);
        // Nothing changed on either side since the last pass verified it.
        verification[index] = earlier;
        return;
      }
      await copyFolder({
        destinationReady: created,
        source,
        destination,
        sourceHost: run.source.host,
        destinationHost: run.destination.host,
        plan,
        progress: folders[index] as TrackedFolder,
        dryRun: run.options.dryRun,
        scope,
        checkpoint,
        distrust: different.has(plan.sourceName),
        changed: run.onChange,
        openAppendSession: openAppender,
        share: splitsFolders(run.splitFolders ?? 'auto', destination) ? board.post : undefined,
        wholeOnly: wholeOnly.get(plan.sourceName) ?? new Set(),
        signal: stop,
      });
      if (run.options.dryRun) return;
      await mend(plan, destination);
      let opened: FolderState | undefined;
      const result = await verifyFolder(source, destination, plan, scope, stop, (state) => {
        opened = state;
      });
      rememberVerified(checkpoint, opened, result.match);
      verification[index] = result;
    });
    if (run.options.dryRun) return { verification: { verified: false, folders: [] } };
    return { verification: { verified: true, folders: verification } };
  } finally {
    // Where each folder stood when the run ended (finished, paused or cancelled).
    if (checkpoints.folders.length > 0) checkpoints.saveProgress();
    stop.removeEventListener('abort', abort);
    await Promise.all(pairs.map((pair) => pair.close()));
  }
}

/**
 * Reads both layouts with each folder's STATUS, maps the folders and sizes every source folder,
 * so the totals are known before the first message is copied.
 */
async function planJob(
  { source, destination }: Connections,
  run: CopyRun,
  scope: MessageScope,
): Promise<{
  plans: FolderPlan[];
  folders: TrackedFolder[];
  fingerprint: MailboxFingerprint;
  /** Per plan: the last verification of a folder pair that has not changed since, else undefined. */
  unchanged: Array<FolderVerification | undefined>;
}> {
  // Both sides at once: they are different servers (or sessions), one round trip instead of two.
  const [sourceLayout, destinationLayout] = await Promise.all([
    readLayout(source, { status: true }),
    readLayout(destination, { status: true }),
  ]);
  const plans = planFolders(sourceLayout, destinationLayout, run.options);
  const filtered = hasMessageFilters(run.options) ? scope : undefined;
  const previous = new Map(run.store.listFolders(run.jobId).map((f) => [f.source, f]));
  const fingerprint: MailboxFingerprint = { source: {}, destination: {} };
  const folders: TrackedFolder[] = [];
  const unchanged: Array<FolderVerification | undefined> = [];
  const verified = new Map((run.previousVerification ?? []).map((f) => [f.source, f]));
  for (const plan of plans) {
    const size = await sizeFolder(source, plan.source.path, filtered, plan.source.status);
    fingerprint.source[plan.source.path] = size.uidValidity;
    if (plan.exists) {
      const uidValidity =
        plan.destinationStatus?.uidValidity ??
        (await uidValidityOf(destination, plan.destinationPath));
      if (uidValidity !== undefined) fingerprint.destination[plan.destinationPath] = uidValidity;
    }
    // What earlier runs did counts from the start: a paused or restarted job keeps its numbers.
    const counts = run.store.countOutcomes(run.jobId, plan.sourceName, size.uidValidity);
    const folder: TrackedFolder = {
      source: plan.sourceName,
      destination: plan.destinationName,
      ...(plan.specialUse ? { specialUse: plan.specialUse } : {}),
      state: 'pending',
      uidValidity: size.uidValidity,
      messagesTotal: size.messages,
      messagesDone: 0,
      messagesCopied: 0,
      messagesAlreadyPresent: 0,
      messagesSkipped: 0,
      messagesWouldCopy: 0,
      messagesFailed: 0,
      messagesExcluded: size.excluded,
      flagsUpdated: previous.get(plan.sourceName)?.flagsUpdated ?? 0,
      bytesTotal: size.bytes,
      bytesDone: 0,
    };
    const sync = run.store.folderSync(run.jobId, plan.sourceName);
    const unsettled = run.store.sendingMessages(run.jobId, plan.sourceName, size.uidValidity).size;
    const same =
      !run.options.dryRun && isUnchanged(plan, sync, verified.get(plan.sourceName), unsettled);
    unchanged.push(same ? verified.get(plan.sourceName) : undefined);
    const counted = withCheckpointCounts(folder, counts);
    folders.push(same ? { ...counted, state: 'done' } : counted);
  }
  return { plans, folders, fingerprint, unchanged };
}

/**
 * Plan indexes in the order the workers take them: by descending work (messages, and bytes at
 * 64 KiB a message), each folder's parents before it. Folders unchanged since the last pass weigh
 * nothing.
 */
export function largestFirst(
  plans: readonly FolderPlan[],
  folders: readonly TrackedFolder[],
  unchanged: ReadonlyArray<unknown>,
): number[] {
  const weight = (i: number) => {
    const folder = folders[i];
    if (!folder || unchanged[i] !== undefined) return 0;
    return folder.messagesTotal + folder.bytesTotal / 65_536;
  };
  const byName = new Map(plans.map((plan, i) => [plan.sourceName, i]));
  const order: number[] = [];
  const taken = new Set<number>();
  const put = (i: number) => {
    if (taken.has(i)) return;
    const name = plans[i]?.sourceName ?? '';
    const parent = byName.get(name.split('/').slice(0, -1).join('/'));
    if (parent !== undefined && parent !== i) put(parent);
    taken.add(i);
    order.push(i);
  };
  const sorted = plans.map((_, i) => i).sort((a, b) => weight(b) - weight(a) || a - b);
  for (const i of sorted) put(i);
  return order;
}

/**
 * Creates the missing destination folders and subscriptions in two batches (createFolders) on
 * the session opened for it, closed once they are answered. Best effort: when that session could
 * not log in or dropped, the workers do it folder by folder, as they do what a batch was refused.
 */
function prepareDestination(
  opening: Promise<CommandSession> | undefined,
  plans: readonly FolderPlan[],
  order: readonly number[],
  stop: AbortSignal,
): FolderSetup {
  if (!opening) return NO_FOLDER_SETUP;
  const started = (async () => {
    const session = await opening.catch(() => undefined);
    if (!session) return NO_FOLDER_SETUP;
    let closed = false;
    // With the 4 pairs' and the workers' 4 APPEND connections: 9 at most, under Dovecot's 10
    // per user and IP.
    const close = () => {
      if (closed) return;
      closed = true;
      stop.removeEventListener('abort', close);
      void session.close();
    };
    if (!foldersToPrepare(plans) || stop.aborted) {
      close();
      return NO_FOLDER_SETUP;
    }
    stop.addEventListener('abort', close, { once: true });
    const setup = createFolders(session, plans, order);
    void setup.done.then(close);
    return setup;
  })();
  return {
    created: (plan) => started.then((setup) => setup.created(plan)),
    done: started.then((setup) => setup.done),
  };
}

/** A worker's connection refused for the server's cap: it stops, its folder goes to another. */
class Retired extends Error {
  readonly failure: ProxyFailure;
  constructor(failure: ProxyFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
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
