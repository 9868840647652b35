// One large folder copied over several connections at once (issue 10): the workers that have
// no folder left join the ones still copying, each taking batches (contiguous UID ranges) from
// the folder's queue on its own pair and its own APPEND connection (INTERNALS.md, "Splitting a
// large folder").

import type { ImapFlow } from 'imapflow';
import type { SplitPolicy } from '../config.ts';
import { ProxyFailure } from '../errors.ts';
import type { Connections } from './connection-pair.ts';
import { copyPending } from './copy-batches.ts';
import type { FolderCopyContext } from './copy-folder.ts';
import type { DestinationState } from './destination-match.ts';
import { type MessageMeta, PendingQueue } from './message-index.ts';
import { type MessageWriter, openFolderWriter, usingWriter } from './message-writer.ts';

/** A folder still copying, offered to idle workers. */
export interface HelpOffer {
  readonly folder: string;
  /** Messages no connection has taken yet. */
  remaining(): number;
  /**
   * Copies batches of the folder on `connections` until none is left. Rejects when this
   * connection failed; the folder then fails with it, and its own worker retries it.
   */
  join(connections: Connections): Promise<void>;
}

/** Puts an offer on the engine's board; the function returned takes it off. */
export type ShareWork = (offer: HelpOffer) => () => void;

/**
 * Whether `policy` splits folders copied to this destination. `auto`: unless the destination is
 * Dovecot, where it was measured slower: 20,000 messages in one folder took 20.5 s on 4
 * connections against 8.4 s on one (21.0 against 10.1 s over a 30 ms round trip; 5,000 messages
 * 3.0 against 2.6 s, over 30 ms 3.8 against 4.3 s), likely because each session appending to a
 * maildir folder others also change resynchronises it first. INTERNALS.md, "Splitting a large
 * folder".
 */
export function splitsFolders(policy: SplitPolicy, destination: ImapFlow): boolean {
  if (policy !== 'auto') return policy === 'always';
  const name = `${destination.serverInfo?.name ?? ''} ${destination.greeting ?? ''}`;
  return !/dovecot/i.test(name);
}

/** A folder with fewer messages to copy than this is not offered (two batches of 256). */
export const SPLIT_FROM = 512;
/** A helper joins only while this many messages are left: its set-up is ~3 round trips. */
export const JOIN_FROM = 128;

/**
 * Copies `pending` on the folder's own connections and, when there are enough of them, offers
 * the rest to idle workers through `ctx.share`. Every connection appends from the same queue, so
 * each message is sent once; the checkpoint, the destination index and the progress are the
 * folder's, shared. Returns once every connection's answers are in; the first failure (any
 * connection's) stops the others and is thrown then, so the folder's retry never runs beside a
 * helper still appending.
 */
export async function copyShared(
  ctx: FolderCopyContext,
  pending: readonly MessageMeta[],
  state: DestinationState | undefined,
  uidValidity: string,
  openWriter: () => Promise<MessageWriter | undefined>,
  sent: ReadonlySet<number>,
): Promise<void> {
  if (!ctx.share || ctx.dryRun || pending.length < SPLIT_FROM) {
    await copyPending(ctx, pending, state, uidValidity, openWriter, sent);
    return;
  }
  const queue = new PendingQueue(pending);
  const stopped = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stopped.signal]);
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    queue.close();
    stopped.abort();
  };
  let finished = false;
  const helpers: Array<Promise<void>> = [];
  const withdraw = ctx.share({
    folder: ctx.plan.sourceName,
    remaining: () => queue.remaining,
    join(connections) {
      // Too late (the folder is over or failed): nothing to do.
      if (finished || queue.remaining === 0) return Promise.resolve();
      const helping = help({ ...ctx, ...connections, signal }, queue, state, uidValidity, sent);
      helping.catch(fail);
      helpers.push(helping.catch(() => undefined));
      return helping;
    },
  });
  try {
    await copyPending({ ...ctx, signal }, queue, state, uidValidity, openWriter, sent);
  } catch (error) {
    fail(error);
  } finally {
    withdraw();
  }
  finished = true;
  await Promise.all(helpers);
  if (failure) throw failure.error;
}

/** One helper: opens the folder on both of its connections and its own writer, then copies. */
async function help(
  ctx: FolderCopyContext,
  queue: PendingQueue,
  state: DestinationState | undefined,
  uidValidity: string,
  sent: ReadonlySet<number>,
): Promise<void> {
  const { source, destination, plan } = ctx;
  // The writer logs in while the folder is opened on both sides: the destination's selected for
  // the flags of messages found there by content, and the folder's own APPENDLIMIT.
  const opening = openFolderWriter(ctx);
  opening.catch(() => undefined);
  await usingWriter(opening, async (take) => {
    const [box] = await Promise.all([
      source.mailboxOpen(plan.source.path, { readOnly: true }),
      destination.mailboxOpen(plan.destinationPath),
    ]);
    if (box.uidValidity.toString() !== uidValidity) {
      // Recreated on the source since the folder's own connection opened it: its retry reads it again.
      throw new ProxyFailure(
        'connection_lost',
        `The source folder "${plan.sourceName}" changed while it was copied; it is read again.`,
        { details: { folder: plan.sourceName } },
      );
    }
    await copyPending(ctx, queue, state, uidValidity, take, sent);
  });
}

/**
 * The engine's list of folders on offer, and the idle workers waiting for one (or for the last
 * folder to end).
 */
export class HelpBoard {
  readonly #offers = new Set<HelpOffer>();
  #waiting: Array<() => void> = [];

  readonly post: ShareWork = (offer) => {
    this.#offers.add(offer);
    this.changed();
    return () => {
      this.#offers.delete(offer);
      this.changed();
    };
  };

  /** The offer with the most messages left, if one still has enough to be worth joining. */
  best(): HelpOffer | undefined {
    let best: HelpOffer | undefined;
    for (const offer of this.#offers) {
      if (offer.remaining() >= JOIN_FROM && offer.remaining() > (best?.remaining() ?? 0)) {
        best = offer;
      }
    }
    return best;
  }

  /** Wakes the waiting workers (an offer came or went, a folder ended, one was handed back). */
  changed(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const wake of waiting) wake();
  }

  /** Settles at the next change, or when `signal` aborts. */
  next(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#waiting.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
