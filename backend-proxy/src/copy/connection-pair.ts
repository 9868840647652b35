import type { ImapFlow } from 'imapflow';
import type { ImapEndpoint } from '../../../lib/proxy-contract/index.ts';
import { closeImap } from '../imap/connect.ts';
import type { ImapConnector } from '../imap/connector.ts';

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
  readonly #connector: ImapConnector;
  #current: Connections | undefined;

  constructor(source: ImapEndpoint, destination: ImapEndpoint, connector: ImapConnector) {
    this.#source = source;
    this.#destination = destination;
    this.#connector = connector;
  }

  #opening: Promise<Connections> | undefined;
  /** The connections whose folder lists imapflow holds (read once per login). */
  #listed: Connections | undefined;
  #listing: Promise<Connections> | undefined;

  /**
   * Both connections, logged in, each having read the folder list once: imapflow LISTs a folder
   * before its first SELECT unless a LIST of all has been read on that connection, so one LIST
   * each now saves one round trip per folder and side.
   */
  async open(): Promise<Connections> {
    const current = await this.login();
    if (this.#listed === current) return current;
    this.#listing ??= Promise.all([current.source.list(), current.destination.list()])
      .then(
        () => {
          this.#listed = current;
          return current;
        },
        async (error: unknown) => {
          if (this.#current === current) await this.close();
          throw error;
        },
      )
      .finally(() => {
        this.#listing = undefined;
      });
    return this.#listing;
  }

  /** Both connections, logged in at the same time; concurrent callers share one opening. */
  login(): Promise<Connections> {
    const current = this.#current;
    if (current?.source.usable && current.destination.usable) return Promise.resolve(current);
    this.#opening ??= this.#open().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  /** Both folder lists were read on these connections by other means (the job's planning). */
  markListed(connections: Connections): void {
    if (this.#current === connections) this.#listed = connections;
  }

  async #open(): Promise<Connections> {
    await this.close();
    const [source, destination] = await Promise.allSettled([
      this.#connector.open(this.#source, 'source'),
      this.#connector.open(this.#destination, 'destination'),
    ]);
    if (source.status === 'fulfilled' && destination.status === 'fulfilled') {
      const current = { source: source.value, destination: destination.value };
      this.#current = current;
      return current;
    }
    await Promise.all([
      source.status === 'fulfilled' ? closeImap(source.value) : undefined,
      destination.status === 'fulfilled' ? closeImap(destination.value) : undefined,
    ]);
    // The source's failure first, as before: it is the one logged in first.
    throw source.status === 'rejected'
      ? source.reason
      : (destination as PromiseRejectedResult).reason;
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
