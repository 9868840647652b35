/**
 * The one message protocol between the extension's pages (content script, options page) and its
 * background service worker, which alone talks to the companion proxy (Chromium's Local Network
 * Access check keeps a page's content script away from 127.0.0.1).
 *
 * Typed end to end by `ProtocolMap`; every reply is an `Outcome`: a value, or a plain
 * `{ code, message }` error (errors would lose their fields if thrown across messaging).
 * The background validates each request with the proxy contract's zod schemas.
 */
import { browser } from 'wxt/browser';
import type { z } from 'zod';
import type {
  CreateJobRequestSchema,
  CredentialsTestRequestSchema,
  CredentialsTestResponse,
  ErrorCode,
  JobReport,
  JobView,
  ProxyError,
  ResumeJobRequest,
} from './proxy-contract/index.ts';
import type { ProxyPairing } from './storage.ts';

/**
 * Where the proxy listens unless told otherwise (`ovh-migrate-proxy --port`). Always the
 * address 127.0.0.1, never `localhost`: the manifest only grants `http://127.0.0.1/*`.
 */
export const DEFAULT_PROXY_URL = 'http://127.0.0.1:7464';

export const PROXY_STATES = [
  /** No pairing stored yet. */
  'not_configured',
  /** Nothing answers at the paired address: the proxy is not running (or on another port). */
  'unreachable',
  /** The proxy answers but refuses the token (401): pair again. */
  'unpaired',
  /** Something answers, but not a proxy speaking our API version. */
  'incompatible',
  'ready',
] as const;
export type ProxyState = (typeof PROXY_STATES)[number];

/** Codes a reply can fail with: the proxy contract's, plus the bridge's own. */
export type BridgeErrorCode =
  | ErrorCode
  /** No pairing stored: open the options page. */
  | 'not_configured'
  /** The proxy could not be reached (not running, wrong port). */
  | 'unreachable'
  /** The proxy refused the token. */
  | 'unpaired'
  /** The proxy's answer did not match the contract (another version, or not our proxy). */
  | 'incompatible'
  /** The proxy did not answer in time. */
  | 'timeout';

/** An error as it crosses messaging: the proxy's own fields (folder, uid...) are kept. */
export type BridgeError = Omit<ProxyError, 'code'> & { code: BridgeErrorCode };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export interface ProxyStatus {
  state: ProxyState;
  /** The paired address, or the one that was tried. */
  url: string;
  /** The proxy's version, when it answered. */
  version?: string;
  /** Why the state is not `ready`, when there is more to say. */
  error?: BridgeError;
}

interface JobRef {
  id: string;
}

/** Every message: what it carries (`data`) and what a successful reply holds (`result`). */
export interface ProtocolMap {
  'proxy.status': { data: undefined; result: ProxyStatus };
  /** Checks `/v1/health` with this address and token; stores them only when it answers. */
  'proxy.pair': { data: ProxyPairing; result: ProxyStatus };
  'proxy.testCredentials': {
    data: z.input<typeof CredentialsTestRequestSchema>;
    result: CredentialsTestResponse;
  };
  'proxy.createJob': { data: z.input<typeof CreateJobRequestSchema>; result: JobView };
  'proxy.getJob': { data: JobRef; result: JobView };
  'proxy.resumeJob': { data: JobRef & ResumeJobRequest; result: JobView };
  'proxy.cancelJob': { data: JobRef; result: JobView };
  'proxy.getReport': { data: JobRef; result: JobReport };
}

export type MessageType = keyof ProtocolMap;
export type MessageData<K extends MessageType> = ProtocolMap[K]['data'];
export type MessageResult<K extends MessageType> = ProtocolMap[K]['result'];

/** What travels through `runtime.sendMessage`; the tag keeps other listeners' messages apart. */
export interface Envelope<K extends MessageType = MessageType> {
  protocol: typeof PROTOCOL;
  type: K;
  data: MessageData<K>;
}

const PROTOCOL = 'ovh-migrate/1';

/** The background's side: one handler per message, each returning an Outcome. */
export type MessageHandlers = {
  [K in MessageType]: (data: MessageData<K>) => Promise<Outcome<MessageResult<K>>>;
};

type DataArgs<K extends MessageType> =
  MessageData<K> extends undefined ? [] : [data: MessageData<K>];

export function toEnvelope<K extends MessageType>(type: K, data: MessageData<K>): Envelope<K> {
  return { protocol: PROTOCOL, type, data };
}

/** Sends a message to the background; never throws (a transport failure is an `internal` error). */
export async function sendMessage<K extends MessageType>(
  type: K,
  ...args: DataArgs<K>
): Promise<Outcome<MessageResult<K>>> {
  try {
    const reply: unknown = await browser.runtime.sendMessage(
      toEnvelope(type, args[0] as MessageData<K>),
    );
    if (isOutcome(reply)) return reply as Outcome<MessageResult<K>>;
    return failure('internal', `The extension's background gave no answer to ${type}.`);
  } catch (error) {
    return failure('internal', `The extension's background could not be reached: ${error}`);
  }
}

/**
 * Registers the handlers with `runtime.onMessage` (one listener for the whole protocol);
 * returns a function that removes it. A handler that throws answers `internal`.
 */
export function onMessages(handlers: MessageHandlers): () => void {
  const listener = (
    message: unknown,
    _sender: unknown,
    sendResponse: (reply: Outcome<unknown>) => void,
  ): true | undefined => {
    if (!isEnvelope(message)) return undefined;
    const handle = handlers[message.type] as (data: unknown) => Promise<Outcome<unknown>>;
    handle(message.data)
      .catch((error: unknown) => failure('internal', `${message.type} failed: ${error}`))
      .then(sendResponse);
    // `sendResponse` after an await: Chrome only keeps the channel open when told so.
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

export function failure(code: BridgeErrorCode, message: string): { ok: false; error: BridgeError } {
  return { ok: false, error: { code, message } };
}

/** Every message type, spelled out once more so that the compiler checks none is missing. */
const MESSAGE_TYPES: Readonly<Record<MessageType, true>> = {
  'proxy.status': true,
  'proxy.pair': true,
  'proxy.testCredentials': true,
  'proxy.createJob': true,
  'proxy.getJob': true,
  'proxy.resumeJob': true,
  'proxy.cancelJob': true,
  'proxy.getReport': true,
};

function isEnvelope(message: unknown): message is Envelope {
  if (typeof message !== 'object' || message === null) return false;
  const { protocol, type } = message as Record<string, unknown>;
  return protocol === PROTOCOL && typeof type === 'string' && Object.hasOwn(MESSAGE_TYPES, type);
}

function isOutcome(reply: unknown): reply is Outcome<unknown> {
  return (
    typeof reply === 'object' &&
    reply !== null &&
    typeof (reply as Outcome<unknown>).ok === 'boolean'
  );
}
