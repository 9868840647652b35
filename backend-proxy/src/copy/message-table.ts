// A folder's message index as columns (issue 10's memory goal): what the verification holds of
// both sides of a 100,000-message folder. As objects (MessageMeta, its Message-ID string, its
// dedupe key string, a list per key) that was ~75 MiB live at the verification's peak; here it is
// typed arrays, the Message-IDs' bytes in one buffer and a hash table of indexes, ~100 bytes a
// message. Keys are compared exactly (bytes, date, size), never by their hash alone.

import type { MessageMeta } from './message-index.ts';

/** One side's messages in UID order, each by its position (0 … length - 1). */
export class MessageTable {
  #length = 0;
  #uid: Uint32Array;
  #size: Float64Array;
  #date: Float64Array;
  /** Index into #flagSets; one shared list per distinct flag set. */
  #flags: Uint32Array;
  /** Message-ID bytes (UTF-8, which gives back any header text) of message i: #idEnd[i-1] … #idEnd[i]. */
  #idEnd: Uint32Array;
  #hasId: Uint8Array;
  #ids: Buffer;
  #idBytes = 0;
  readonly #flagSets: Array<readonly string[]> = [];
  readonly #flagSetIds = new Map<string, number>();
  /** Content keys (`h:…`) of messages without Message-ID, once hashed; few in a usual folder. */
  readonly #contentKeys = new Map<number, string>();

  constructor(capacity = 16) {
    const n = Math.max(1, capacity);
    this.#uid = new Uint32Array(n);
    this.#size = new Float64Array(n);
    this.#date = new Float64Array(n);
    this.#flags = new Uint32Array(n);
    this.#idEnd = new Uint32Array(n);
    this.#hasId = new Uint8Array(n);
    this.#ids = Buffer.allocUnsafe(n * 48);
  }

  get length(): number {
    return this.#length;
  }

  push(meta: MessageMeta): void {
    const i = this.#length;
    if (i === this.#uid.length) this.#grow(i * 2);
    this.#uid[i] = meta.uid;
    this.#size[i] = meta.size;
    this.#date[i] = meta.internalDate;
    this.#flags[i] = this.#flagSetId(meta.flags);
    const id = meta.messageId;
    if (id !== undefined) {
      this.#hasId[i] = 1;
      // At most 3 bytes a UTF-16 code unit.
      if (this.#idBytes + id.length * 3 > this.#ids.length) {
        const bigger = Buffer.allocUnsafe(
          Math.max(this.#ids.length * 2, this.#idBytes + id.length * 3),
        );
        this.#ids.copy(bigger, 0, 0, this.#idBytes);
        this.#ids = bigger;
      }
      this.#idBytes += this.#ids.write(id, this.#idBytes, 'utf8');
    }
    this.#idEnd[i] = this.#idBytes;
    this.#length = i + 1;
  }

  uid(i: number): number {
    return this.#uid[i] as number;
  }

  size(i: number): number {
    return this.#size[i] as number;
  }

  internalDate(i: number): number {
    return this.#date[i] as number;
  }

  /** Shared and frozen, as the message index's. */
  flags(i: number): string[] {
    return this.#flagSets[this.#flags[i] as number] as string[];
  }

  messageId(i: number): string | undefined {
    if (!this.#hasId[i]) return undefined;
    return this.#ids.toString('utf8', this.#idStart(i), this.#idEnd[i]);
  }

  /** Message i as the copy's MessageMeta (a new object each time). */
  meta(i: number): MessageMeta {
    return {
      uid: this.uid(i),
      size: this.size(i),
      internalDate: this.internalDate(i),
      flags: this.flags(i),
      messageId: this.messageId(i),
    };
  }

  /** The same messages in UID order (a server may answer a FETCH in another order). */
  sortedByUid(): MessageTable {
    const order = Array.from({ length: this.#length }, (_, i) => i).sort(
      (a, b) => this.uid(a) - this.uid(b),
    );
    const sorted = new MessageTable(this.#length);
    for (const i of order) {
      sorted.push(this.meta(i));
      const key = this.#contentKeys.get(i);
      if (key !== undefined) sorted.setContentKey(sorted.length - 1, key);
    }
    return sorted;
  }

  /** Sum of the sizes. */
  bytes(): number {
    let total = 0;
    for (let i = 0; i < this.#length; i++) total += this.#size[i] as number;
    return total;
  }

  /** Positions of the messages without Message-ID (their key is their content's hash). */
  unnamed(): number[] {
    const found: number[] = [];
    for (let i = 0; i < this.#length; i++) if (!this.#hasId[i]) found.push(i);
    return found;
  }

  setContentKey(i: number, key: string): void {
    this.#contentKeys.set(i, key);
  }

  /** Whether message i has a dedupe key: a Message-ID, or a content key set. */
  keyed(i: number): boolean {
    return this.#hasId[i] === 1 || this.#contentKeys.has(i);
  }

  /** A hash of message i's dedupe key (32 bits; equal keys, equal hashes). */
  keyHash(i: number): number {
    let h = 0x811c9dc5;
    if (this.#hasId[i]) {
      const ids = this.#ids;
      for (let at = this.#idStart(i), end = this.#idEnd[i] as number; at < end; at++) {
        h = Math.imul(h ^ (ids[at] as number), 0x01000193);
      }
      h = Math.imul(h ^ ((this.#date[i] as number) % 0x100000000), 0x01000193);
      h = Math.imul(h ^ ((this.#size[i] as number) % 0x100000000), 0x01000193);
    } else {
      const key = this.#contentKeys.get(i) ?? '';
      for (let at = 0; at < key.length; at++) h = Math.imul(h ^ key.charCodeAt(at), 0x01000193);
    }
    return h >>> 0;
  }

  /**
   * Whether message i here and message j of `other` have the same dedupe key (as `metaKey` or
   * `contentKey` would write it): same Message-ID bytes, date and size, or the same content key.
   * A message without any key equals none.
   */
  sameKey(i: number, other: MessageTable, j: number): boolean {
    if (this.#hasId[i] !== other.#hasId[j]) return false;
    if (!this.#hasId[i]) {
      const key = this.#contentKeys.get(i);
      return key !== undefined && key === other.#contentKeys.get(j);
    }
    if (this.#date[i] !== other.#date[j] || this.#size[i] !== other.#size[j]) return false;
    const start = this.#idStart(i);
    const end = this.#idEnd[i] as number;
    const otherStart = other.#idStart(j);
    const otherEnd = other.#idEnd[j] as number;
    if (end - start !== otherEnd - otherStart) return false;
    return this.#ids.compare(other.#ids, otherStart, otherEnd, start, end) === 0;
  }

  #idStart(i: number): number {
    return i === 0 ? 0 : (this.#idEnd[i - 1] as number);
  }

  #flagSetId(flags: readonly string[]): number {
    const text = flags.join(' ');
    const known = this.#flagSetIds.get(text);
    if (known !== undefined) return known;
    const id = this.#flagSets.length;
    this.#flagSets.push(Object.isFrozen(flags) ? flags : Object.freeze([...flags]));
    this.#flagSetIds.set(text, id);
    return id;
  }

  #grow(capacity: number): void {
    const grown = <T extends Uint32Array | Float64Array | Uint8Array>(
      old: T,
      make: (n: number) => T,
    ) => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.#uid = grown(this.#uid, (n) => new Uint32Array(n));
    this.#size = grown(this.#size, (n) => new Float64Array(n));
    this.#date = grown(this.#date, (n) => new Float64Array(n));
    this.#flags = grown(this.#flags, (n) => new Uint32Array(n));
    this.#idEnd = grown(this.#idEnd, (n) => new Uint32Array(n));
    this.#hasId = grown(this.#hasId, (n) => new Uint8Array(n));
  }
}

/**
 * The messages of a table grouped by dedupe key: a hash table of positions (chained through one
 * array), each group's members in position order. Messages without a key are in no group.
 */
export class KeyGroups {
  readonly table: MessageTable;
  readonly #mask: number;
  /** Head position + 1 per bucket (0: empty). */
  readonly #buckets: Int32Array;
  /** Next position + 1 in the same bucket. */
  readonly #next: Int32Array;

  constructor(table: MessageTable) {
    this.table = table;
    let size = 16;
    while (size < table.length * 2) size *= 2;
    this.#mask = size - 1;
    this.#buckets = new Int32Array(size);
    this.#next = new Int32Array(Math.max(1, table.length));
    // From the last to the first, each in front: a bucket's chain runs in position order.
    for (let i = table.length - 1; i >= 0; i--) {
      if (!table.keyed(i)) continue;
      const bucket = table.keyHash(i) & this.#mask;
      this.#next[i] = this.#buckets[bucket] as number;
      this.#buckets[bucket] = i + 1;
    }
  }

  /** Positions here whose key is that of message j of `other`, in position order. */
  *matching(other: MessageTable, j: number): Generator<number> {
    if (!other.keyed(j)) return;
    let at = this.#buckets[other.keyHash(j) & this.#mask] as number;
    while (at !== 0) {
      const i = at - 1;
      if (this.table.sameKey(i, other, j)) yield i;
      at = this.#next[i] as number;
    }
  }
}
