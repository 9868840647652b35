/**
 * The one message protocol of the extension: between its pages (content script, options page)
 * and its background service worker, which alone talks to the companion proxy (Chromium's Local
 * Network Access check keeps a page's content script away from 127.0.0.1) and alone holds the
 * passwords; and from the background to a control-panel tab's content script (`panel.open`).
 *
 * Typed end to end by `ProtocolMap`; every reply is an `Outcome`: a value, or a plain
 * `{ code, message }` error (errors would lose their fields if thrown across messaging).
 * The background validates each request with zod, and no error message it sends back can
 * contain a password or token of the request (`redactSecrets`).
 */
import { browser } from 'wxt/browser';
import type { z } from 'zod';
import './browser/zod-jitless.ts';
import type { SecretKey } from './migration/stores.ts';
import type {
  CreateJobRequestSchema,
  CredentialsTestRequestSchema,
  CredentialsTestResponse,
  DeleteJobResponse,
  ErrorCode,
  JobReport,
  JobView,
  MessageLogEntry,
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

/** The bridge's own codes: no usable proxy answered (start it, or pair it). */
export const BRIDGE_ERROR_CODES = [
  /** No pairing stored: pair (the panel's proxy banner, or the options page). */
  'not_configured',
  /** The proxy could not be reached (not running, wrong port). */
  'unreachable',
  /** The proxy refused the token. */
  'unpaired',
  /** The proxy's answer did not match the contract (another version, or not our proxy). */
  'incompatible',
  /** The proxy did not answer in time. */
  'timeout',
] as const;

/** Codes a reply can fail with: the proxy contract's, plus the bridge's own. */
export type BridgeErrorCode = ErrorCode | (typeof BRIDGE_ERROR_CODES)[number];

/** An error as it crosses messaging: the proxy's own fields (folder, uid...) are kept. */
export type BridgeError = Omit<ProxyError, 'code'> & { code: BridgeErrorCode };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/**
 * A reply from a tab's content script. `no_receiver`: nothing in the tab listens (not a
 * control-panel page, or one opened before the extension was installed or updated).
 */
export type TabOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: 'no_receiver' | 'internal'; message: string } };

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

/** A job's per-message log: one entry per source message, what the copy did with it. */
export interface MessageLog {
  jobId: string;
  messages: MessageLogEntry[];
}

/**
 * The same log as the proxy writes it for a spreadsheet: RFC 4180, CRLF, a header line of
 * `MESSAGE_LOG_CSV_COLUMNS`, cells that would run as formulas prefixed with `'`.
 */
export interface MessageLogCsv {
  jobId: string;
  csv: string;
}

/** What `pairing.discover` found at an address (the default one unless told). */
export interface PairingDiscovery {
  /** Whether an ovh-migrate-proxy speaking our API answers there. */
  found: boolean;
  url: string;
  version?: string;
  /** A pairing request is already waiting for its code in that proxy. */
  pending?: boolean;
  /** Why nothing usable was found (unreachable, incompatible...). */
  error?: BridgeError;
}

/** A pairing request the proxy accepted: its terminal now shows the code. */
export interface PairingStarted {
  url: string;
  requestId: string;
  expiresAt: string;
  codeLength: number;
  attemptsLeft: number;
}

/** Which password of which run (`lib/migration` SecretStore). */
export interface SecretRef {
  runId: string;
  key: SecretKey;
}

/** A browser notification the content script asks for (it knows the language and the run). */
export interface NotifyRequest {
  /** Short: "Copy finished". */
  title: string;
  /** One or two sentences: which account, what happened, what to do next. */
  message: string;
  /** Whether the notification stays until the person dismisses it (a failure should). */
  requireInteraction?: boolean;
}

/**
 * Every message: what it carries (`data`), what a successful reply holds (`result`), and where
 * it goes (`MESSAGE_TARGETS`). Results that carry nothing are `null` (it survives every
 * browser's structured cloning; `undefined` does not always).
 */
export interface ProtocolMap {
  // To the background.
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
  /** The per-message log of a job (the report's `?messages=true`), checked entry by entry. */
  'proxy.getMessageLog': { data: JobRef; result: MessageLog };
  /** The per-message log as CSV text (the report's `?format=csv`), for a download. */
  'proxy.getMessageLogCsv': { data: JobRef; result: MessageLogCsv };
  /**
   * Removes an ended job and its checkpoints from the proxy (`conflict` while it is queued,
   * running or paused). The mailboxes are not touched.
   */
  'proxy.deleteJob': { data: JobRef; result: DeleteJobResponse };
  /** Looks for a proxy (no token needed) at `url`, else at the default address. */
  'pairing.discover': { data: { url?: string }; result: PairingDiscovery };
  /** Asks that proxy to pair: it shows a code in its terminal. */
  'pairing.start': { data: { url: string }; result: PairingStarted };
  /** The code the person typed; on success the pairing is stored and the status is `ready`. */
  'pairing.confirm': {
    data: { url: string; requestId: string; code: string };
    result: ProxyStatus;
  };
  'pairing.cancel': { data: { url: string; requestId: string }; result: null };
  /**
   * A run's password, or null when the browser session no longer has it (browser restarted):
   * the runner then asks for it again (`needs_passwords`).
   */
  'secrets.get': { data: SecretRef; result: string | null };
  /** Keeps a run's password for this browser session only (background memory / storage.session). */
  'secrets.set': { data: SecretRef & { password: string }; result: null };
  /** Forgets every password of a run (after it completed or was rolled back). */
  'secrets.clear': { data: { runId: string }; result: null };
  /** Shows a browser notification; clicking it brings the sending tab to the front. */
  notify: { data: NotifyRequest; result: { notificationId: string } };
  // To a control-panel tab's content script.
  /** The toolbar button was pressed on this tab: open the "Migrate platform" panel. */
  'panel.open': { data: undefined; result: null };
}

export type MessageType = keyof ProtocolMap;
export type MessageData<K extends MessageType> = ProtocolMap[K]['data'];
export type MessageResult<K extends MessageType> = ProtocolMap[K]['result'];

/**
 * Where each message goes, spelled out once more so that the compiler checks none is missing:
 * `background` (sent with `sendMessage`, answered by `onMessages` in the background) or `tab`
 * (sent by the background with `sendTabMessage`, answered by `onTabMessages` in the content
 * script).
 */
export const MESSAGE_TARGETS = {
  'proxy.status': 'background',
  'proxy.pair': 'background',
  'proxy.testCredentials': 'background',
  'proxy.createJob': 'background',
  'proxy.getJob': 'background',
  'proxy.resumeJob': 'background',
  'proxy.cancelJob': 'background',
  'proxy.getReport': 'background',
  'proxy.getMessageLog': 'background',
  'proxy.getMessageLogCsv': 'background',
  'proxy.deleteJob': 'background',
  'pairing.discover': 'background',
  'pairing.start': 'background',
  'pairing.confirm': 'background',
  'pairing.cancel': 'background',
  'secrets.get': 'background',
  'secrets.set': 'background',
  'secrets.clear': 'background',
  notify: 'background',
  'panel.open': 'tab',
} as const satisfies Record<MessageType, 'background' | 'tab'>;

type MessagesTo<T extends 'background' | 'tab'> = {
  [K in MessageType]: (typeof MESSAGE_TARGETS)[K] extends T ? K : never;
}[MessageType];
export type BackgroundMessageType = MessagesTo<'background'>;
export type TabMessageType = MessagesTo<'tab'>;
export type ProxyMessageType = Extract<BackgroundMessageType, `proxy.${string}`>;
/** One-step pairing (entrypoints/background/pairing.ts answers them). */
export type PairingMessageType = Extract<BackgroundMessageType, `pairing.${string}`>;

/** What travels through `runtime.sendMessage`; the tag keeps other listeners' messages apart. */
export interface Envelope<K extends MessageType = MessageType> {
  protocol: typeof PROTOCOL;
  type: K;
  data: MessageData<K>;
}

const PROTOCOL = 'ovh-migrate/1';

/** Who sent a message (the part of `runtime.MessageSender` the handlers use). */
export interface MessageSender {
  /** Set when a content script sent it. */
  tab?: { id?: number; windowId?: number };
  url?: string;
}

export type MessageHandler<K extends MessageType> = (
  data: MessageData<K>,
  /** Always given by `onMessages`; tests may leave it out. */
  sender?: MessageSender,
) => Promise<Outcome<MessageResult<K>>>;

/** One handler per message of `K`, each returning an Outcome (never throwing, ideally). */
export type Handlers<K extends MessageType> = { [P in K]: MessageHandler<P> };

/** Everything the background answers: the union of its modules' handlers. */
export type MessageHandlers = Handlers<BackgroundMessageType>;
export type TabMessageHandlers = Handlers<TabMessageType>;

type DataArgs<K extends MessageType> =
  MessageData<K> extends undefined ? [] : [data: MessageData<K>];

export function toEnvelope<K extends MessageType>(type: K, data: MessageData<K>): Envelope<K> {
  return { protocol: PROTOCOL, type, data };
}

/** Sends a message to the background; never throws (a transport failure is an `internal` error). */
export async function sendMessage<K extends BackgroundMessageType>(
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
    return failure(
      'internal',
      `The extension's background could not be reached: ${describe(error)}`,
    );
  }
}

/**
 * Sends a message to the content script of a tab (from the background); never throws. A tab
 * without our content script answers `no_receiver`; one whose listener took the message but gave
 * no Outcome back answers `internal` (it was there: the message arrived).
 */
export async function sendTabMessage<K extends TabMessageType>(
  tabId: number,
  type: K,
  ...args: DataArgs<K>
): Promise<TabOutcome<MessageResult<K>>> {
  let reply: unknown;
  try {
    reply = await browser.tabs.sendMessage(tabId, toEnvelope(type, args[0] as MessageData<K>));
  } catch (error) {
    // Chrome and Firefox: "Could not establish connection. Receiving end does not exist.": no
    // content script of ours runs in that tab.
    return {
      ok: false,
      error: {
        code: 'no_receiver',
        message: `Nothing in tab ${tabId} listens for ${type}: ${describe(error)}`,
      },
    };
  }
  if (isOutcome(reply)) return reply as TabOutcome<MessageResult<K>>;
  return {
    ok: false,
    error: { code: 'internal', message: `Tab ${tabId} took ${type} but did not answer it.` },
  };
}

/**
 * Registers the background's handlers with `runtime.onMessage` (one listener for the whole
 * protocol); returns a function that removes it.
 */
export function onMessages(handlers: MessageHandlers): () => void {
  return listen(handlers as AnyHandlers);
}

/** Registers a content script's handlers for the messages the background sends to its tab. */
export function onTabMessages(handlers: TabMessageHandlers): () => void {
  return listen(handlers as AnyHandlers);
}

type AnyHandlers = Partial<
  Record<MessageType, (data: unknown, sender: MessageSender) => Promise<Outcome<unknown>>>
>;

/**
 * One `runtime.onMessage` listener answering the message types in `handlers` and leaving every
 * other message to other listeners. A handler that throws answers `internal`. Every failure's
 * text goes through `redactSecrets` with the request's own secrets, so no error (a zod issue, a
 * thrown exception, a proxy's answer) can carry a password or token back to the page.
 */
function listen(handlers: AnyHandlers): () => void {
  const listener = (
    message: unknown,
    sender: MessageSender,
    sendResponse: (reply: Outcome<unknown>) => void,
  ): true | undefined => {
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.type)) return undefined;
    const handle = handlers[message.type];
    let reply: Promise<Outcome<unknown>>;
    try {
      if (!handle) throw new Error('no handler');
      reply = handle(message.data, sender ?? {});
    } catch (error) {
      reply = Promise.reject(error);
    }
    reply
      .catch((error: unknown) => failure('internal', `${message.type} failed: ${describe(error)}`))
      .then((outcome) => sendResponse(redactOutcome(outcome, message.data)));
    // `sendResponse` after an await: Chrome only keeps the channel open when told so.
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

export function failure(code: BridgeErrorCode, message: string): { ok: false; error: BridgeError } {
  return { ok: false, error: { code, message } };
}

function isEnvelope(message: unknown): message is Envelope {
  if (typeof message !== 'object' || message === null) return false;
  const { protocol, type } = message as Record<string, unknown>;
  return protocol === PROTOCOL && typeof type === 'string' && Object.hasOwn(MESSAGE_TARGETS, type);
}

function isOutcome(reply: unknown): reply is Outcome<unknown> {
  return (
    typeof reply === 'object' &&
    reply !== null &&
    typeof (reply as Outcome<unknown>).ok === 'boolean'
  );
}

/** Field names whose string values are secrets wherever they appear in a request. */
const SECRET_FIELD = /pass(word)?|token|secret/i;
/** Below this length a secret is too likely to occur by chance: the whole text is withheld. */
const SHORTEST_REDACTABLE = 4;
const REDACTED = '[hidden]';
const WITHHELD = 'The details of this error are hidden: they could contain a password.';

/** Every string found under a password/token/secret field of `data`, at any depth. */
export function secretsIn(data: unknown, found: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 8 || typeof data !== 'object' || data === null) return found;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' && SECRET_FIELD.test(key) && value.length > 0) found.add(value);
    else secretsIn(value, found, depth + 1);
  }
  return found;
}

/**
 * `text` without any of `secrets`: each one of 4 characters or more is replaced by `[hidden]`;
 * if a shorter one occurs, the whole text is withheld (replacing "ab" everywhere would leave
 * nonsense, and keeping it could show it).
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (!result.includes(secret)) continue;
    if (secret.length < SHORTEST_REDACTABLE) return WITHHELD;
    result = result.replaceAll(secret, REDACTED);
  }
  return result;
}

function redactOutcome(outcome: Outcome<unknown>, request: unknown): Outcome<unknown> {
  if (outcome.ok) return outcome;
  const secrets = secretsIn(request);
  if (secrets.size === 0) return outcome;
  return { ok: false, error: redactDeep(outcome.error, secrets) as BridgeError };
}

function redactDeep(value: unknown, secrets: Set<string>, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets, depth + 1)]),
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
