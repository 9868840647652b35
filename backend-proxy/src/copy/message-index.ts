import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { uidSet } from '../imap/wire.ts';
import { MessageTable } from './message-table.ts';

/** What is known of one message without downloading it. */
export interface MessageMeta {
  uid: number;
  size: number;
  /** INTERNALDATE in whole seconds since the epoch (IMAP has no finer precision). */
  internalDate: number;
  flags: string[];
  /** Message-ID as written in the header (angle brackets and case kept), when there is one. */
  messageId: string | undefined;
}

const HEADER_FIELDS = ['message-id', 'x-ms-exchange-parent-message-id'];

/**
 * Reads UID, size, date, flags and Message-ID of every message in the selected mailbox in one
 * FETCH. The copy's dedupe rests on it: a message whose Message-ID, date and size match one on
 * the destination is already there (imapsync's rule, without its reliance on `Received`).
 */
export async function readMessageIndex(client: ImapFlow): Promise<MessageMeta[]> {
  const result: MessageMeta[] = [];
  await eachIndexed(client, (meta) => {
    result.push(meta);
  });
  return result.sort((a, b) => a.uid - b.uid);
}

/**
 * The same index as a compact table (see message-table.ts), in UID order, keeping only the
 * messages `keep` accepts: what the verification holds of each side.
 */
export async function readMessageTable(
  client: ImapFlow,
  keep: (meta: MessageMeta) => boolean = () => true,
): Promise<MessageTable> {
  const mailbox = client.mailbox;
  const table = new MessageTable(mailbox ? mailbox.exists : 0);
  let last = -1;
  let ordered = true;
  await eachIndexed(client, (meta) => {
    if (!keep(meta)) return;
    if (meta.uid <= last) ordered = false;
    last = meta.uid;
    table.push(meta);
  });
  return ordered ? table : table.sortedByUid();
}

/** One FETCH of every message's UID, size, date, flags and Message-ID headers. */
async function eachIndexed(client: ImapFlow, each: (meta: MessageMeta) => void): Promise<void> {
  const mailbox = client.mailbox;
  if (!mailbox || mailbox.exists === 0) return;
  for await (const message of client.fetch(
    '1:*',
    { uid: true, size: true, internalDate: true, flags: true, headers: HEADER_FIELDS },
    { uid: false },
  )) {
    each({
      uid: message.uid,
      size: message.size ?? 0,
      internalDate: toSeconds(message.internalDate),
      flags: cleanFlags(message.flags),
      messageId: parseMessageId(message.headers),
    });
  }
}

function toSeconds(value: Date | string | undefined): number {
  if (value === undefined) return 0;
  const date = typeof value === 'string' ? new Date(value) : value;
  return Math.floor(date.getTime() / 1000);
}

/**
 * Flag lists by their joined text: a folder's 100,000 messages carry a handful of distinct flag
 * sets, so each message's list is one of a few shared arrays instead of its own (frozen: a
 * caller that wants another list makes a new one). Bounded: past SHARED_FLAG_SETS distinct sets
 * (a mailbox of many keywords), lists are no longer remembered.
 */
const sharedFlags = new Map<string, readonly string[]>();
const SHARED_FLAG_SETS = 4096;

/** `\Recent` is the server's own business and can never be set by a client. */
export function cleanFlags(flags: Set<string> | undefined): string[] {
  const list = [...(flags ?? [])].filter((flag) => flag.toLowerCase() !== '\\recent').sort();
  const text = list.join(' ');
  const shared = sharedFlags.get(text);
  if (shared) return shared as string[];
  Object.freeze(list);
  if (sharedFlags.size < SHARED_FLAG_SETS) sharedFlags.set(text, list);
  return list;
}

/**
 * The Message-ID from a HEADER.FIELDS fetch. Exchange may rewrite Message-ID on the way in and
 * keep the original in X-MS-Exchange-Parent-Message-Id (reference §6): that one wins.
 */
export function parseMessageId(headers: Buffer | undefined): string | undefined {
  if (!headers) return undefined;
  const text = headers.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  let messageId: string | undefined;
  let parent: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    const value = match[2].trim();
    if (!value) continue;
    const name = match[1].toLowerCase();
    if (name === 'message-id' && messageId === undefined) messageId = value;
    if (name === 'x-ms-exchange-parent-message-id' && parent === undefined) parent = value;
  }
  return parent ?? messageId;
}

/** The dedupe key when the Message-ID is known; `undefined` means "hash the content". */
export function metaKey(meta: MessageMeta): string | undefined {
  if (meta.messageId === undefined) return undefined;
  return `m:${meta.messageId}|${meta.internalDate}|${meta.size}`;
}

/** The dedupe key of a message without Message-ID: its content, date and size. */
export function contentKey(meta: MessageMeta, raw: Buffer): string {
  const hash = createHash('sha256').update(raw).digest('base64url');
  return `h:${hash}|${meta.internalDate}|${meta.size}`;
}

/**
 * Destination messages by dedupe key. Two identical messages on the source must end as two on the
 * destination, so each source message takes (consumes) one matching destination message.
 */
export class DestinationIndex {
  readonly #byKey = new Map<string, MessageMeta[]>();

  add(key: string, meta: MessageMeta): void {
    const list = this.#byKey.get(key);
    if (list) list.push(meta);
    else this.#byKey.set(key, [meta]);
  }

  /** Takes one destination message with this key; `undefined` when none is left. */
  take(key: string): MessageMeta | undefined {
    const list = this.#byKey.get(key);
    const meta = list?.shift();
    if (list && list.length === 0) this.#byKey.delete(key);
    return meta;
  }
}

/** Downloads the given messages (UIDs) of the selected mailbox, exactly as stored. */
export async function downloadMessages(
  client: ImapFlow,
  uids: number[],
): Promise<Map<number, Buffer>> {
  const found = new Map<number, Buffer>();
  if (uids.length === 0) return found;
  for await (const message of client.fetch(
    uidSet(uids),
    { uid: true, source: true },
    { uid: true },
  )) {
    if (message.source) found.set(message.uid, message.source);
  }
  return found;
}

/**
 * A download batch: bounded in count and bytes, so a 25 MB message does not ride with 255 more.
 * Each batch is a round trip on the source connection: 256 (not 64) made a 420-message folder
 * 2 FETCHes, not 7, over a 30 ms link.
 */
const BATCH_MESSAGES = 256;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * One downloaded batch, in UID order; `raw` is missing for a message the server no longer has,
 * and for one `large` (at least STREAM_BYTES): that one comes alone and is left to the caller,
 * to stream (`readInChunks`) or to download whole.
 */
export type DownloadedBatch = Array<{
  meta: MessageMeta;
  raw: Buffer | undefined;
  large?: boolean;
}>;

/** Messages this large are streamed in chunks of STREAM_CHUNK_BYTES, never held whole. */
export const STREAM_BYTES = 8 * 1024 * 1024;
const STREAM_CHUNK_BYTES = 2 * 1024 * 1024;

/**
 * One message's bytes in partial fetches (`BODY.PEEK[]<offset.length>`), in order. It yields
 * what the server has; a caller that announced `size` must check the total.
 */
export async function* readInChunks(
  client: ImapFlow,
  uid: number,
  size: number,
): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < size; offset += STREAM_CHUNK_BYTES) {
    const maxLength = Math.min(STREAM_CHUNK_BYTES, size - offset);
    const message = await client.fetchOne(
      String(uid),
      { uid: true, source: { start: offset, maxLength } },
      { uid: true },
    );
    const chunk = message ? message.source : undefined;
    if (!chunk || chunk.length === 0) return;
    yield chunk;
    if (chunk.length < maxLength) return;
  }
}

/**
 * The messages of one folder still to copy, taken a batch at a time (bounded by count and bytes,
 * a contiguous run of UIDs) by whichever connection is ready for one: the folder's own, and those
 * of idle workers helping with it (folder-split.ts). Closed, it hands out nothing more.
 */
export class PendingQueue {
  readonly #metas: readonly MessageMeta[];
  #next = 0;
  #closed = false;

  constructor(metas: readonly MessageMeta[]) {
    this.#metas = metas;
  }

  /** Messages not taken yet. */
  get remaining(): number {
    return this.#closed ? 0 : this.#metas.length - this.#next;
  }

  close(): void {
    this.#closed = true;
  }

  /** The next batch, or undefined when none is left. */
  take(): MessageMeta[] | undefined {
    const metas = this.#metas;
    const start = this.#next;
    if (this.#closed || start >= metas.length) return undefined;
    let end = start;
    let bytes = 0;
    while (end < metas.length && end - start < BATCH_MESSAGES) {
      const size = metas[end]?.size ?? 0;
      if (end > start && bytes + size > BATCH_BYTES) break;
      bytes += size;
      end += 1;
    }
    this.#next = end;
    return metas.slice(start, end);
  }
}

/** Downloads messages in batches bounded by count and bytes (the next one is taken on demand). */
export async function* downloadBatches(
  client: ImapFlow,
  metas: readonly MessageMeta[] | PendingQueue,
  signal: AbortSignal,
): AsyncGenerator<DownloadedBatch> {
  const queue = metas instanceof PendingQueue ? metas : new PendingQueue(metas);
  for (;;) {
    signal.throwIfAborted();
    const batch = queue.take();
    if (!batch) return;
    const only = batch.length === 1 ? batch[0] : undefined;
    if (only && only.size >= STREAM_BYTES) {
      yield [{ meta: only, raw: undefined, large: true }];
      continue;
    }
    const raws = await downloadMessages(
      client,
      batch.map((m) => m.uid),
    );
    yield batch.map((meta) => ({ meta, raw: raws.get(meta.uid) }));
  }
}

/** A batch item's bytes, a `large` one downloaded whole; undefined when the server has it no more. */
export async function wholeBody(
  client: ImapFlow,
  item: DownloadedBatch[number],
): Promise<Buffer | undefined> {
  return item.large
    ? (await downloadMessages(client, [item.meta.uid])).get(item.meta.uid)
    : item.raw;
}

/**
 * Downloads messages in batches bounded by count and bytes and hands each to `each` in UID
 * order; `missing` gets those the server no longer has.
 */
export async function forEachDownloaded(
  client: ImapFlow,
  metas: readonly MessageMeta[],
  signal: AbortSignal,
  each: (meta: MessageMeta, raw: Buffer) => void | Promise<void>,
  missing?: (meta: MessageMeta) => void,
): Promise<void> {
  for await (const batch of downloadBatches(client, metas, signal)) {
    for (const item of batch) {
      const whole = await wholeBody(client, item);
      if (whole) await each(item.meta, whole);
      else missing?.(item.meta);
    }
  }
}
