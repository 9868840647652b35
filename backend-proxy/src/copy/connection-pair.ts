import type { ImapFlow } from 'imapflow';
import type { ImapEndpoint } from '../../../lib/proxy-contract/index.ts';
import { type ConnectOptions, closeImap, openImap } from '../imap/connect.ts';

export interface Connections {
  source: ImapFlow;
  destination: ImapFlow;
}

/**
 * One source and one destination connection, opened on demand and reopened after a failure.
 * Each copy worker owns one pair, so folders copy in parallel without sharing a session (imapflow
 * runs one command at a time per connection).
 */
export class ConnectionPair {
  readonly #source: ImapEndpoint;
  readonly #destination: ImapEndpoint;
  readonly #options: Omit<ConnectOptions, 'side'>;
  #current: Connections | undefined;

  constructor(
    source: ImapEndpoint,
    destination: ImapEndpoint,
    options: Omit<ConnectOptions, 'side'>,
  ) {
    this.#source = source;
    this.#destination = destination;
    this.#options = options;
  }

  async open(): Promise<Connections> {
    const current = this.#current;
    if (current?.source.usable && current.destination.usable) return current;
    await this.close();
    const source = await openImap(this.#source, { ...this.#options, side: 'source' });
    try {
      const destination = await openImap(this.#destination, {
        ...this.#options,
        side: 'destination',
      });
      this.#current = { source, destination };
      return this.#current;
    } catch (error) {
      await closeImap(source);
      throw error;
    }
  }

  async close(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    await Promise.all([closeImap(current?.source), closeImap(current?.destination)]);
  }

  /** Drops both sockets at once (cancel): whatever command is in flight fails now. */
  abort(): void {
    this.#current?.source.close();
    this.#current?.destination.close();
  }
}
