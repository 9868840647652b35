// A destination connection of our own for the pipelined APPEND path: connects along the route the
// connector decided (connector.ts: host policy, TLS settings, `--resolve`), logs in, selects the target
// folder (Dovecot appends much faster into a selected folder) and hands the socket to an
// AppendPipeline. Passwords only ever go to the socket, never to a log or an error.

import net from 'node:net';
import tls from 'node:tls';
import type { ImapEndpoint } from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';
import { AppendPipeline, type AppendPipelineOptions } from './append-pipeline.ts';
import type { ImapRoute } from './connector.ts';
import { classifyImapError } from './errors.ts';
import { ImapLink } from './link.ts';
import { mailboxArgument, parseCapabilities, quoted, type StatusLine } from './wire.ts';

export interface AppendSessionOptions
  extends Omit<AppendPipelineOptions, 'capabilities' | 'host' | 'mailbox'> {
  /** Destination folder, decoded; selected before the first APPEND. */
  mailbox: string;
  /** Settles once the folder exists: the session logs in meanwhile and selects it only then (a
   * rejection closes the session and is thrown). @default already there */
  ready?: Promise<unknown> | undefined;
  /** Capabilities to ignore (tests of the fallbacks), e.g. `['LITERAL+', 'MULTIAPPEND']`. */
  withoutCapabilities?: readonly string[];
  /** @default { connectMs: 30000, greetingMs: 20000, socketMs: 120000 } */
  timeouts?: { connectMs: number; greetingMs: number; socketMs: number };
}

export interface AppendSession {
  readonly pipeline: AppendPipeline;
  readonly capabilities: ReadonlySet<string>;
  /** UIDVALIDITY of the selected destination folder. */
  readonly uidValidity: string | undefined;
  /** Waits for every queued message, logs out and closes. Never throws. */
  close(): Promise<void>;
  /** Drops the connection now (cancel): unanswered messages become `unknown`. */
  destroy(): void;
}

const TIMEOUTS = { connectMs: 30_000, greetingMs: 20_000, socketMs: 120_000 };

/**
 * Opens, logs in and selects along `route` (use ImapConnector.openAppendSession, which applies
 * the policy); throws a ProxyFailure (auth_failed, tls_failed, ...) on failure.
 */
export async function openAppendSession(
  endpoint: ImapEndpoint,
  route: ImapRoute,
  options: AppendSessionOptions,
): Promise<AppendSession> {
  const side = { side: 'destination' as const, host: endpoint.host };
  const { link, setup, capabilities } = await logIn(endpoint, route, options.timeouts);
  try {
    for (const dropped of options.withoutCapabilities ?? [])
      capabilities.delete(dropped.toUpperCase());
    await options.ready;
    const selected = await setup.run(`SELECT ${mailboxArgument(options.mailbox)}`);
    const uidValidity = selected.untagged
      .find((line) => line.code === 'UIDVALIDITY')
      ?.codeArguments.trim();
    const pipeline = new AppendPipeline(link, {
      ...options,
      capabilities,
      host: endpoint.host,
    });
    return {
      pipeline,
      capabilities,
      uidValidity,
      async close() {
        await pipeline.idle();
        await logOut(link);
      },
      destroy() {
        link.destroy(new ProxyFailure('cancelled'));
      },
    };
  } catch (error) {
    link.destroy(error);
    throw error instanceof ProxyFailure ? error : classifyImapError(error, side);
  }
}

/** A logged-in destination connection that sends a list of commands at once (folder set-up). */
export interface CommandSession {
  /**
   * Sends every command in one write, without waiting between them (the server runs them in
   * order): one promise per command for its tagged answer (a NO or BAD is an answer, not a
   * rejection). They reject with a ProxyFailure when the connection goes before they are
   * answered. One call at a time.
   */
  sendAll(commands: readonly string[]): Array<Promise<StatusLine>>;
  /** Logs out and closes. Never throws. */
  close(): Promise<void>;
}

/** Opens and logs in along `route` (use ImapConnector.openCommandSession). */
export async function openCommandSession(
  endpoint: ImapEndpoint,
  route: ImapRoute,
  timeouts?: AppendSessionOptions['timeouts'],
): Promise<CommandSession> {
  const { link, setup } = await logIn(endpoint, route, timeouts);
  return {
    sendAll: (commands) => setup.sendAll(commands),
    close: () => logOut(link),
  };
}

/** Connects (TLS or STARTTLS as the endpoint says) and logs in; the link is the caller's. */
async function logIn(
  endpoint: ImapEndpoint,
  route: ImapRoute,
  timeouts: AppendSessionOptions['timeouts'] = TIMEOUTS,
): Promise<{ link: ImapLink; setup: SetupChannel; capabilities: Set<string> }> {
  const side = { side: 'destination' as const, host: endpoint.host };
  const address = route.address;
  const tlsOptions = route.tls;

  let socket: net.Socket;
  try {
    socket = await connectSocket(
      address,
      endpoint.tls === 'implicit' ? tlsOptions : undefined,
      timeouts.connectMs,
    );
  } catch (error) {
    throw classifyImapError(error, side);
  }
  socket.setNoDelay(true);
  const link = new ImapLink(socket);
  socket.setTimeout(timeouts.socketMs, () =>
    link.destroy(classifyImapError({ code: 'ETIMEOUT' }, side)),
  );
  const setup = new SetupChannel(link, side);
  try {
    const greeting = await setup.greeting(timeouts.greetingMs);
    let capabilities = greeting.capabilities;
    if (endpoint.tls === 'starttls') {
      capabilities ??= await setup.capability();
      if (!capabilities.has('STARTTLS')) {
        throw new ProxyFailure(
          'tls_failed',
          `The destination server ${endpoint.host} does not offer STARTTLS.`,
        );
      }
      await setup.run('STARTTLS');
      const secure = await upgradeSocket(link.socket, tlsOptions, timeouts.connectMs);
      link.upgrade(secure);
      // Capabilities from before TLS must not be trusted (RFC 3501 §6.2.1).
      capabilities = await setup.capability();
    }
    capabilities ??= await setup.capability();
    if (!greeting.preauth) {
      capabilities = (await setup.login(endpoint, capabilities)) ?? (await setup.capability());
    }
    return { link, setup, capabilities };
  } catch (error) {
    link.destroy(error);
    throw error instanceof ProxyFailure ? error : classifyImapError(error, side);
  }
}

/** LOGOUT as courtesy (a server that does not answer in time is simply left), then closes. */
async function logOut(link: ImapLink): Promise<void> {
  if (!link.closed) {
    await Promise.race([
      link.write('Z LOGOUT\r\n').catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
    link.socket.end();
    await Promise.race([
      new Promise((resolve) => link.socket.once('close', resolve)),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  }
  link.destroy();
}

function connectSocket(
  address: { host: string; port: number },
  secure: tls.ConnectionOptions | undefined,
  timeoutMs: number,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = secure
      ? tls.connect({ ...address, ...secure })
      : net.connect({ host: address.host, port: address.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error('connection timed out'), { code: 'CONNECT_TIMEOUT' }));
    }, timeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('error', onError);
  });
}

function upgradeSocket(
  plain: net.Socket,
  options: tls.ConnectionOptions,
  timeoutMs: number,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ ...options, socket: plain });
    const timer = setTimeout(() => {
      secure.destroy();
      reject(Object.assign(new Error('TLS upgrade timed out'), { code: 'UPGRADE_TIMEOUT' }));
    }, timeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.off('error', onError);
      resolve(secure);
    });
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    secure.once('error', onError);
  });
}

interface Completed {
  tagged: StatusLine;
  untagged: StatusLine[];
}

/** One command at a time, before the pipeline takes the link over. */
class SetupChannel {
  readonly #link: ImapLink;
  readonly #side: { side: 'destination'; host: string };
  #tag = 0;
  #untagged: StatusLine[] = [];
  #waiting: ((line: StatusLine) => void) | undefined;
  #continuation: (() => void) | undefined;
  #closed: ((error: unknown) => void) | undefined;

  constructor(link: ImapLink, side: { side: 'destination'; host: string }) {
    this.#link = link;
    this.#side = side;
    link.setHandler({
      response: (line) => {
        if (line.tag === '+') return this.#continuation?.();
        if (line.tag === '*' && line.status !== 'BYE') {
          this.#untagged.push(line);
          if (this.#waiting && this.#tag === 0) this.#waiting(line);
          return;
        }
        this.#waiting?.(line);
      },
      closed: (error) => this.#closed?.(error),
    });
  }

  /** The server's first line: `* OK`, `* PREAUTH` or `* BYE`. */
  async greeting(
    timeoutMs: number,
  ): Promise<{ capabilities: Set<string> | undefined; preauth: boolean }> {
    const line = this.#untagged.shift() ?? (await this.#next(timeoutMs, 'GREETING_TIMEOUT'));
    if (line.status === 'BYE' || (line.status !== 'OK' && line.status !== 'PREAUTH')) {
      throw classifyImapError(
        { responseText: line.text, code: 'ClosedAfterConnectText' },
        this.#side,
      );
    }
    this.#untagged = [];
    return {
      capabilities: line.code === 'CAPABILITY' ? parseCapabilities(line.codeArguments) : undefined,
      preauth: line.status === 'PREAUTH',
    };
  }

  async capability(): Promise<Set<string>> {
    const { tagged, untagged } = await this.run('CAPABILITY');
    const listed = untagged.find((line) => line.status === 'CAPABILITY');
    if (listed) return parseCapabilities(listed.text);
    if (tagged.code === 'CAPABILITY') return parseCapabilities(tagged.codeArguments);
    return new Set();
  }

  /** AUTHENTICATE PLAIN when offered (one round trip with SASL-IR), LOGIN otherwise. */
  async login(endpoint: ImapEndpoint, capabilities: Set<string>): Promise<Set<string> | undefined> {
    const plain = Buffer.from(`\u0000${endpoint.user}\u0000${endpoint.password}`, 'utf8').toString(
      'base64',
    );
    let done: Completed;
    try {
      if (capabilities.has('AUTH=PLAIN') && capabilities.has('SASL-IR')) {
        done = await this.run(`AUTHENTICATE PLAIN ${plain}`);
      } else if (capabilities.has('AUTH=PLAIN')) {
        done = await this.run('AUTHENTICATE PLAIN', [plain]);
      } else if (!capabilities.has('LOGINDISABLED')) {
        const user = quoted(endpoint.user);
        const pass = quoted(endpoint.password);
        if (user !== undefined && pass !== undefined) {
          done = await this.run(`LOGIN ${user} ${pass}`);
        } else {
          // 8-bit user or password: synchronizing literals, each after the server's "+".
          const userBytes = Buffer.from(endpoint.user, 'utf8');
          const passBytes = Buffer.from(endpoint.password, 'utf8');
          done = await this.run(`LOGIN {${userBytes.length}}`, [
            Buffer.concat([userBytes, Buffer.from(` {${passBytes.length}}\r\n`)]),
            passBytes,
          ]);
        }
      } else {
        throw new ProxyFailure(
          'tls_failed',
          `The destination server ${endpoint.host} only accepts a password over TLS.`,
        );
      }
    } catch (error) {
      if (error instanceof ProxyFailure && error.code === 'protocol_error') {
        throw classifyImapError(
          { authenticationFailed: true, responseText: error.details.serverText },
          this.#side,
        );
      }
      throw error;
    }
    return done.tagged.code === 'CAPABILITY'
      ? parseCapabilities(done.tagged.codeArguments)
      : undefined;
  }

  /**
   * Sends one command (and, for each continuation the server asks for, the next of `then`,
   * followed by CRLF after the last); resolves on its tagged OK, throws on NO/BAD/closing.
   */
  async run(command: string, then: Array<string | Buffer> = []): Promise<Completed> {
    const tag = `S${++this.#tag}`;
    this.#untagged = [];
    const rest = [...then];
    const answer = new Promise<StatusLine>((resolve, reject) => {
      this.#waiting = (line) => {
        if (line.tag === tag) resolve(line);
      };
      this.#closed = (error) => reject(error ?? new Error('connection closed'));
      this.#continuation = () => {
        const next = rest.shift();
        if (next === undefined) return;
        const last = rest.length === 0;
        void this.#link
          .write(last ? Buffer.concat([Buffer.from(next), Buffer.from('\r\n')]) : next)
          .catch(reject);
      };
    });
    await this.#link.write(`${tag} ${command}\r\n`);
    let tagged: StatusLine;
    try {
      tagged = await answer;
    } catch (error) {
      throw classifyImapError(error ?? { code: 'EConnectionClosed' }, this.#side);
    } finally {
      this.#waiting = undefined;
      this.#continuation = undefined;
      this.#closed = undefined;
    }
    if (tagged.status !== 'OK') {
      const name = command.split(' ')[0] ?? command;
      throw classifyImapError(
        {
          serverResponseCode: tagged.code,
          responseText: tagged.text,
          responseStatus: tagged.status,
          message: `${name} failed`,
        },
        this.#side,
      );
    }
    return { tagged, untagged: this.#untagged };
  }

  /** See CommandSession.sendAll. */
  sendAll(commands: readonly string[]): Array<Promise<StatusLine>> {
    const waiting = new Map<
      string,
      { resolve: (line: StatusLine) => void; reject: (error: unknown) => void }
    >();
    const answers = commands.map((command) => {
      const tag = `S${++this.#tag}`;
      return {
        line: `${tag} ${command}\r\n`,
        answer: new Promise<StatusLine>((resolve, reject) => waiting.set(tag, { resolve, reject })),
      };
    });
    const fail = (error: unknown) => {
      const failure = classifyImapError(error ?? { code: 'EConnectionClosed' }, this.#side);
      for (const { reject } of waiting.values()) reject(failure);
      waiting.clear();
    };
    this.#waiting = (line) => {
      const entry = waiting.get(line.tag);
      if (!entry) return;
      waiting.delete(line.tag);
      entry.resolve(line);
    };
    this.#closed = fail;
    this.#continuation = undefined;
    if (answers.length > 0) this.#link.write(answers.map((a) => a.line).join('')).catch(fail);
    return answers.map((a) => a.answer);
  }

  #next(timeoutMs: number, code: string): Promise<StatusLine> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(Object.assign(new Error('no greeting'), { code }));
      }, timeoutMs);
      this.#waiting = (line) => {
        clearTimeout(timer);
        this.#waiting = undefined;
        resolve(line);
      };
      this.#closed = (error) => {
        clearTimeout(timer);
        reject(
          error ??
            Object.assign(new Error('closed before greeting'), { code: 'ClosedAfterConnectText' }),
        );
      };
    });
  }
}
