// Pipelined APPEND on one authenticated IMAP connection of our own (issue 10): several APPENDs in
// flight, LITERAL+ (RFC 7888) so no message waits for the server's "+", MULTIAPPEND (RFC 3502)
// to store a batch in one command, APPENDUID (RFC 4315) per message, per-message refusals mapped
// to the proxy's error codes, throttling honoured, bytes in flight bounded, bodies streamed.
// Why not imapflow's own connection: INTERNALS.md ("The APPEND path").

import { TRANSIENT_CODES } from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';
import { classifyImapError, withServerText } from './errors.ts';
import type { ImapLink } from './link.ts';
import {
  expandUidSet,
  flagListArgument,
  internalDateArgument,
  mailboxArgument,
  type StatusLine,
} from './wire.ts';

/** A message body held whole, or streamed: exactly `size` bytes, as they must be stored. */
export type AppendBody = Uint8Array | { size: number; chunks: AsyncIterable<Uint8Array> };

export interface AppendMessage {
  body: AppendBody;
  /** System flags and keywords (`\Recent` is left out). */
  flags?: readonly string[];
  internalDate?: Date;
}

/**
 * What became of one message. `refused`: the server said NO/BAD, nothing stored. `not_sent`:
 * never fully written (the connection ended first, or the proxy refused it), nothing stored.
 * `unknown`: written, but the connection ended before the answer: it may be stored, so only a
 * dedupe against the destination (the copy's message index) may decide to send it again.
 */
export type AppendOutcome =
  | { status: 'appended'; uid: number | undefined; uidValidity: string | undefined }
  | { status: 'refused' | 'not_sent' | 'unknown'; error: ProxyFailure };

export interface AppendPipelineOptions {
  /** Destination mailbox, decoded (`Projets/Été 2024`), in the server's delimiter. */
  mailbox: string;
  /** The server's capabilities after login, upper-cased. */
  capabilities: ReadonlySet<string>;
  /** For error sentences. */
  host: string;
  /** Source folder name, for error details. */
  folder?: string;
  /** APPEND commands on the wire awaiting their answer at most; halved when throttled.
   * @default 32 */
  maxInFlight?: number;
  /** Bytes accepted and not yet answered, above which `whenRoom()` waits. @default 16 MiB */
  maxPendingBytes?: number;
  /** Messages accepted and not yet answered, above which `whenRoom()` waits. @default 512 */
  maxPendingMessages?: number;
  /** Use LITERAL+ / LITERAL- when offered. @default true */
  literalPlus?: boolean;
  /** Batch messages into MULTIAPPEND commands when offered; `false` never does.
   * @default { maxMessages: 32, maxBytes: 2 MiB } */
  multiappend?: { maxMessages: number; maxBytes: number } | false;
  /** Throttling replies: attempts per message, and the wait when the server names none.
   * @default { maxAttempts: 8, backoffMs: 1000, maxBackoffMs: 30000 } */
  throttle?: { maxAttempts: number; backoffMs: number; maxBackoffMs: number };
  /** Told of each throttling reply (the engine lowers its connection count). */
  onThrottled?: () => void;
  /** Aborting drops the connection: written messages become `unknown`, the rest `not_sent`. */
  signal?: AbortSignal;
}

interface Entry {
  message: AppendMessage;
  size: number;
  attempts: number;
  /** After a refused MULTIAPPEND: sent alone, to learn which message the server refuses. */
  alone: boolean;
  resolve(outcome: AppendOutcome): void;
}

interface Command {
  tag: string;
  entries: Entry[];
  /** The final CRLF is written: from here the server may have stored the messages. */
  complete: boolean;
  /** The tagged answer came (possibly while it was still being written). */
  answered: boolean;
}

const DEFAULTS = {
  maxInFlight: 32,
  maxPendingBytes: 16 * 1024 * 1024,
  maxPendingMessages: 512,
  multiappend: { maxMessages: 32, maxBytes: 2 * 1024 * 1024 },
  throttle: { maxAttempts: 8, backoffMs: 1000, maxBackoffMs: 30_000 },
};

export class AppendPipeline {
  readonly #link: ImapLink;
  readonly #mailbox: string;
  readonly #host: string;
  readonly #folder: string | undefined;
  readonly #literalPlus: boolean;
  readonly #literalMinus: boolean;
  readonly #multi: { maxMessages: number; maxBytes: number } | false;
  readonly #appendLimit: number | undefined;
  readonly #maxInFlight: number;
  readonly #maxPendingBytes: number;
  readonly #maxPendingMessages: number;
  readonly #throttle: { maxAttempts: number; backoffMs: number; maxBackoffMs: number };
  readonly #onThrottled: (() => void) | undefined;

  readonly #queue: Entry[] = [];
  readonly #inFlight = new Map<string, Command>();
  #writing = false;
  #continuation: { tag: string; go(): void; stop(): void } | undefined;
  #tagCounter = 0;
  #window: number;
  #successes = 0;
  #pausedUntil = 0;
  #pauseTimer: NodeJS.Timeout | undefined;
  #pendingBytes = 0;
  #pendingMessages = 0;
  #waiters: Array<() => void> = [];
  #failure: ProxyFailure | undefined;
  #byeText: string | undefined;
  #forgetSignal: (() => void) | undefined;

  constructor(link: ImapLink, options: AppendPipelineOptions) {
    this.#link = link;
    this.#mailbox = mailboxArgument(options.mailbox);
    this.#host = options.host;
    this.#folder = options.folder;
    const caps = options.capabilities;
    const literals = options.literalPlus ?? true;
    this.#literalPlus = literals && caps.has('LITERAL+');
    this.#literalMinus = literals && caps.has('LITERAL-');
    const multi = options.multiappend ?? DEFAULTS.multiappend;
    this.#multi = multi && caps.has('MULTIAPPEND') ? multi : false;
    const limit = [...caps].find((c) => c.startsWith('APPENDLIMIT='));
    this.#appendLimit = limit ? Number(limit.slice('APPENDLIMIT='.length)) || undefined : undefined;
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULTS.maxInFlight);
    this.#window = this.#maxInFlight;
    this.#maxPendingBytes = options.maxPendingBytes ?? DEFAULTS.maxPendingBytes;
    this.#maxPendingMessages = options.maxPendingMessages ?? DEFAULTS.maxPendingMessages;
    this.#throttle = options.throttle ?? DEFAULTS.throttle;
    this.#onThrottled = options.onThrottled;
    link.setHandler({
      response: (line) => this.#onResponse(line),
      closed: (error) => this.#onClosed(error),
    });
    const signal = options.signal;
    if (signal) {
      const onAbort = () => this.#link.destroy(new ProxyFailure('cancelled'));
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.#forgetSignal = () => signal.removeEventListener('abort', onAbort);
      }
    }
  }

  /** What the pipeline uses, for logs and tests. */
  get mode(): { literalPlus: boolean; multiappend: boolean; window: number } {
    return {
      literalPlus: this.#literalPlus,
      multiappend: this.#multi !== false,
      window: this.#window,
    };
  }

  /** Set once the connection is gone: every later append is `not_sent` with it. */
  get failure(): ProxyFailure | undefined {
    return this.#failure;
  }

  /**
   * Queues one message; resolves with its outcome, never rejects. Producers should `await
   * whenRoom()` before each call so memory stays bounded.
   */
  append(message: AppendMessage): Promise<AppendOutcome> {
    const size = message.body instanceof Uint8Array ? message.body.length : message.body.size;
    if (this.#failure) return Promise.resolve({ status: 'not_sent', error: this.#failure });
    if (this.#appendLimit !== undefined && size > this.#appendLimit) {
      return Promise.resolve({
        status: 'refused',
        error: this.#fail(
          'message_too_large',
          `This message (${size} bytes) is larger than the destination accepts (APPENDLIMIT ${this.#appendLimit}).`,
        ),
      });
    }
    try {
      flagListArgument(message.flags ?? []);
    } catch (error) {
      return Promise.resolve({
        status: 'refused',
        error: this.#fail('message_failed', (error as Error).message),
      });
    }
    return new Promise<AppendOutcome>((resolve) => {
      this.#pendingBytes += size;
      this.#pendingMessages += 1;
      this.#queue.push({ message, size, attempts: 0, alone: false, resolve });
      this.#pump();
    });
  }

  /** Resolves when another message may be queued without passing the byte or count bound. */
  whenRoom(): Promise<void> {
    if (this.#hasRoom()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Resolves once every queued message has its outcome. */
  async idle(): Promise<void> {
    while (this.#pendingMessages > 0) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  #hasRoom(): boolean {
    return (
      this.#failure !== undefined ||
      (this.#pendingBytes < this.#maxPendingBytes &&
        this.#pendingMessages < this.#maxPendingMessages)
    );
  }

  #settle(entry: Entry, outcome: AppendOutcome): void {
    this.#pendingBytes -= entry.size;
    this.#pendingMessages -= 1;
    entry.resolve(outcome);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  #pump(): void {
    if (this.#writing || this.#failure || this.#queue.length === 0) return;
    const wait = this.#pausedUntil - Date.now();
    if (wait > 0) {
      this.#pauseTimer ??= setTimeout(() => {
        this.#pauseTimer = undefined;
        this.#pump();
      }, wait);
      return;
    }
    if (this.#inFlight.size >= this.#window) return;
    const entries = this.#nextBatch();
    const command: Command = {
      tag: `P${++this.#tagCounter}`,
      entries,
      complete: false,
      answered: false,
    };
    this.#inFlight.set(command.tag, command);
    this.#writing = true;
    this.#write(command)
      .catch((error: unknown) => this.#link.destroy(error))
      .finally(() => {
        this.#writing = false;
        this.#pump();
      });
  }

  /** One message, or as many as fit one MULTIAPPEND. */
  #nextBatch(): Entry[] {
    const first = this.#queue.shift() as Entry;
    const multi = this.#multi;
    if (!multi || first.alone || first.size >= multi.maxBytes) return [first];
    const batch = [first];
    let bytes = first.size;
    while (batch.length < multi.maxMessages) {
      const next = this.#queue[0];
      if (!next || next.alone || bytes + next.size > multi.maxBytes) break;
      batch.push(this.#queue.shift() as Entry);
      bytes += next.size;
    }
    return batch;
  }

  async #write(command: Command): Promise<void> {
    const link = this.#link;
    let text = `${command.tag} APPEND ${this.#mailbox}`;
    for (const entry of command.entries) {
      const { message, size } = entry;
      const plus = this.#literalPlus || (this.#literalMinus && size <= 4096);
      text += ` ${flagListArgument(message.flags ?? [])}`;
      if (message.internalDate) text += ` ${internalDateArgument(message.internalDate)}`;
      text += ` {${size}${plus ? '+' : ''}}\r\n`;
      await link.write(text);
      text = '';
      if (!plus && !(await this.#continued(command))) return;
      await this.#writeBody(message.body, size);
    }
    await link.write('\r\n');
    command.complete = true;
  }

  /** Waits for the server's "+" to a synchronizing literal; false when it answered instead. */
  #continued(command: Command): Promise<boolean> {
    if (command.answered) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.#continuation = {
        tag: command.tag,
        go: () => resolve(true),
        stop: () => resolve(false),
      };
    });
  }

  async #writeBody(body: AppendBody, size: number): Promise<void> {
    if (body instanceof Uint8Array) {
      await this.#link.write(body);
      return;
    }
    let written = 0;
    for await (const chunk of body.chunks) {
      written += chunk.length;
      // A literal's length is announced up front: a body that runs long or short would make
      // the server read our next command as message bytes. Nothing can be saved but the link.
      if (written > size) break;
      await this.#link.write(chunk);
    }
    if (written !== size) {
      throw this.#fail(
        'message_failed',
        `A message body was ${written > size ? 'longer' : 'shorter'} than its announced ${size} bytes.`,
      );
    }
  }

  #onResponse(line: StatusLine): void {
    if (line.tag === '+') {
      const waiting = this.#continuation;
      this.#continuation = undefined;
      waiting?.go();
      return;
    }
    if (line.tag === '*') {
      if (line.status === 'BYE') this.#byeText = line.text;
      return;
    }
    const command = this.#inFlight.get(line.tag);
    if (!command) return;
    this.#inFlight.delete(line.tag);
    command.answered = true;
    // An answer before the command's last byte. Refusing a synchronizing literal instead of
    // sending "+" is fine (we never send it); so is a NO during a non-synchronizing one: Dovecot
    // refuses an oversize message as soon as it sees the size and skips the literal's bytes as
    // they come, so we finish writing it. Anything else (OK, BAD) means the server stopped
    // reading mid-literal and would take our next bytes for commands: drop the link.
    const midLiteral =
      !command.complete && this.#continuation?.tag !== command.tag && line.status !== 'NO';
    if (this.#continuation?.tag === command.tag) {
      const waiting = this.#continuation;
      this.#continuation = undefined;
      waiting.stop();
    }
    if (line.status === 'OK' && !midLiteral) this.#onAppended(command, line);
    else this.#onRefused(command, line);
    if (midLiteral) {
      this.#link.destroy(
        this.#fail(
          'protocol_error',
          `The destination server ${this.#host} answered an APPEND before it was complete.`,
        ),
      );
      return;
    }
    this.#pump();
  }

  #onAppended(command: Command, line: StatusLine): void {
    let uidValidity: string | undefined;
    let uids: number[] | undefined;
    if (line.code === 'APPENDUID') {
      const [validity, set] = line.codeArguments.split(' ');
      uids = set ? expandUidSet(set) : undefined;
      if (uids && uids.length === command.entries.length) uidValidity = validity;
      else uids = undefined;
    }
    command.entries.forEach((entry, i) => {
      this.#settle(entry, { status: 'appended', uid: uids?.[i], uidValidity });
    });
    // Additive increase back to the configured window after a throttle halved it.
    if (this.#window < this.#maxInFlight && ++this.#successes >= this.#window) {
      this.#successes = 0;
      this.#window += 1;
    }
  }

  #onRefused(command: Command, line: StatusLine): void {
    const error = this.#refusal(line);
    if (error.code === 'throttled') {
      const asked = /Suggested Backoff Time:\s*(\d+)\s*milliseconds/i.exec(line.text)?.[1];
      const backoff = Math.min(
        this.#throttle.maxBackoffMs,
        asked === undefined ? this.#throttle.backoffMs : Number(asked),
      );
      this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + backoff);
      this.#window = Math.max(1, Math.floor(this.#window / 2));
      this.#successes = 0;
      this.#onThrottled?.();
      const again: Entry[] = [];
      for (const entry of command.entries) {
        entry.attempts += 1;
        if (entry.attempts >= this.#throttle.maxAttempts) {
          this.#settle(entry, { status: 'refused', error });
        } else {
          again.push(entry);
        }
      }
      this.#queue.unshift(...again);
      return;
    }
    if (command.entries.length > 1) {
      // MULTIAPPEND is all or nothing: nothing was stored. Each goes again alone, so only the
      // message the server refuses is refused.
      for (const entry of command.entries) entry.alone = true;
      this.#queue.unshift(...command.entries);
      return;
    }
    for (const entry of command.entries) this.#settle(entry, { status: 'refused', error });
  }

  /** A NO/BAD as one of the proxy's codes: RFC 5530 codes first, then the shared classifier. */
  #refusal(line: StatusLine): ProxyFailure {
    const text = line.text.slice(0, 300);
    const details = { serverText: text, ...(this.#folder ? { folder: this.#folder } : {}) };
    const where = `destination server ${this.#host}`;
    if (line.code === 'LIMIT' || line.code === 'TOOBIG') {
      return new ProxyFailure('message_too_large', `The ${where} refused a message as too large.`, {
        details,
      });
    }
    const classified = classifyImapError(
      { serverResponseCode: line.code, responseText: line.text, responseStatus: line.status },
      { side: 'destination', host: this.#host, ...(this.#folder ? { folder: this.#folder } : {}) },
    );
    if (classified.code !== 'protocol_error') return classified;
    return new ProxyFailure(
      'message_failed',
      withServerText(`The ${where} refused a message`, text),
      { details },
    );
  }

  #onClosed(error: unknown): void {
    if (this.#failure) return;
    clearTimeout(this.#pauseTimer);
    this.#forgetSignal?.();
    const failure =
      error instanceof ProxyFailure
        ? error
        : classifyImapError(error ?? { code: 'EConnectionClosed', message: 'connection closed' }, {
            side: 'destination',
            host: this.#host,
            ...(this.#folder ? { folder: this.#folder } : {}),
          });
    // A BYE's text says more than the socket's end (Exchange closes after too many errors).
    this.#failure =
      this.#byeText && TRANSIENT_CODES.has(failure.code)
        ? new ProxyFailure('connection_lost', failure.message, {
            cause: failure,
            details: { ...failure.details, serverText: this.#byeText.slice(0, 300) },
          })
        : failure;
    const lost = this.#failure;
    this.#continuation?.stop();
    this.#continuation = undefined;
    for (const command of this.#inFlight.values()) {
      for (const entry of command.entries) {
        this.#settle(entry, { status: command.complete ? 'unknown' : 'not_sent', error: lost });
      }
    }
    this.#inFlight.clear();
    for (const entry of this.#queue.splice(0)) {
      this.#settle(entry, { status: 'not_sent', error: lost });
    }
  }

  #fail(code: ProxyFailure['code'], message: string): ProxyFailure {
    return new ProxyFailure(code, message, {
      details: this.#folder ? { folder: this.#folder } : {},
    });
  }
}
