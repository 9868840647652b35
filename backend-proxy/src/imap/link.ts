// One IMAP socket of our own, split into responses: what the APPEND session logs in over and the
// pipeline then writes to. Whoever holds it sets the handler that gets each response.

import type { Socket } from 'node:net';
import { ResponseReader } from './response-reader.ts';
import { parseStatusLine, type StatusLine } from './wire.ts';

export interface LinkHandler {
  response(line: StatusLine): void;
  /** The socket is gone; `error` says why (undefined for an orderly end). */
  closed(error: unknown): void;
}

export class ImapLink {
  #socket: Socket;
  #reader: ResponseReader;
  #handler: LinkHandler | undefined;
  #closed = false;
  #closeError: unknown;
  #drainWaiters: Array<() => void> = [];
  #detach: () => void;

  constructor(socket: Socket) {
    this.#socket = socket;
    this.#reader = this.#newReader();
    this.#detach = this.#attach(socket);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Why the link closed, once it has. */
  get closeError(): unknown {
    return this.#closeError;
  }

  get socket(): Socket {
    return this.#socket;
  }

  setHandler(handler: LinkHandler): void {
    this.#handler = handler;
    if (this.#closed) handler.closed(this.#closeError);
  }

  /** Writes bytes; resolves at once, or after 'drain' when the socket's buffer is full. */
  async write(data: Uint8Array | string): Promise<void> {
    if (this.#closed) throw this.#closeError ?? new Error('connection closed');
    if (this.#socket.write(data)) return;
    await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
    if (this.#closed) throw this.#closeError ?? new Error('connection closed');
  }

  /** Swaps the plain socket for its TLS upgrade (STARTTLS); the reader starts afresh. */
  upgrade(socket: Socket): void {
    this.#detach();
    this.#socket = socket;
    this.#reader = this.#newReader();
    this.#detach = this.#attach(socket);
  }

  /** Drops the connection at once; the handler hears `error`. */
  destroy(error?: unknown): void {
    this.#close(error);
    this.#socket.destroy();
  }

  #newReader(): ResponseReader {
    return new ResponseReader((line) => this.#handler?.response(parseStatusLine(line)));
  }

  #attach(socket: Socket): () => void {
    const onData = (chunk: Buffer) => {
      try {
        this.#reader.push(chunk);
      } catch (error) {
        this.destroy(error);
      }
    };
    const onError = (error: Error) => this.#close(error);
    const onClose = () => this.#close(undefined);
    const onDrain = () => {
      const waiters = this.#drainWaiters;
      this.#drainWaiters = [];
      for (const resolve of waiters) resolve();
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.on('drain', onDrain);
    return () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off('drain', onDrain);
    };
  }

  #close(error: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#closeError = error;
    for (const resolve of this.#drainWaiters) resolve();
    this.#drainWaiters = [];
    this.#handler?.closed(error);
  }
}
