/**
 * One interface over OVHcloud's four e-mail platforms, so the migration planner never branches on
 * the product. Where a platform lacks an operation (legacy MX Plan cannot rename an account) its
 * `capabilities` say so and the method throws `PlatformError('unsupported')`.
 */
import type { WaitInfo } from '../ovh-api/index.ts';
import type { ImapEndpoint } from '../proxy-contract/index.ts';
import type { PstExportLink, PstExportOptions } from './pst-export.ts';

export type PlatformKind = 'exchange' | 'email_pro' | 'mxplan' | 'mxplan_legacy';

/** Identifies one service. Exchange needs the organization too; legacy MX Plan is a domain. */
export interface ServiceRef {
  kind: PlatformKind;
  /** Exchange organization name; absent elsewhere. */
  organization?: string;
  /** Exchange service, E-mail Pro / MX Plan service name, or legacy MX Plan domain. */
  service: string;
}

export type ServiceState = 'ok' | 'busy' | 'suspended' | 'unknown';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** Upper, lower, digit and symbol classes required (3 of 4, Active Directory style). */
  complexity: boolean;
  /** Characters the platform refuses (legacy MX Plan: accents, leading/trailing spaces). */
  forbidden?: RegExp;
}

export interface ServiceInfo {
  ref: ServiceRef;
  displayName: string;
  state: ServiceState;
  /** The raw state string from the API, for messages. */
  rawState: string;
  /** IMAP host of every account of this service. */
  imapHost: string;
  /** Domains attached to the service (legacy MX Plan: its own domain). */
  domains: string[];
  passwordPolicy: PasswordPolicy;
  /** Largest account the offer allows, in bytes, when known. */
  maxAccountBytes?: number;
}

export type AccountState = 'ok' | 'busy' | 'suspended' | 'unknown';

export interface AccountInfo {
  /** Current primary address (a free slot: `xxxx@configureme.me`). */
  address: string;
  login: string;
  domain: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  /** False for an ordered slot nobody configured yet. */
  configured: boolean;
  freeSlot: boolean;
  state: AccountState;
  rawState: string;
  quotaBytes?: number;
  /**
   * The API's `currentUsage`, as sent: its unit is not documented (usage.ts infers it by
   * comparing with a size measured over IMAP). A hint, never a reason to refuse.
   */
  apiUsage?: number;
  /** An API task is pending on this account. */
  taskPending: boolean;
  /** Its id, when the platform says (`taskPendingId`). */
  pendingTaskId?: number;
}

export type DomainType = 'authoritative' | 'nonAuthoritative';

export interface DomainInfo {
  name: string;
  type: DomainType;
  mxRelay?: string;
  state: 'ok' | 'busy' | 'unknown';
  rawState: string;
  /** The domain needs an ownership proof (CNAME) before use. */
  cnameToCheck?: string;
  /** What the destination expects in DNS, and whether DNS agrees (reference §3, §4). */
  dns: DnsDiagnosis;
}

export interface DnsDiagnosis {
  expectedMx: string[];
  actualMx?: string[];
  mxValid?: boolean;
  expectedSpf?: string;
  actualSpf?: string[];
  spfValid?: boolean;
  expectedAutodiscoverSrv?: string;
  actualSrv?: string[];
  srvValid?: boolean;
}

export interface SlotConfiguration {
  login: string;
  domain: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
}

export interface Capabilities {
  /** Accounts can be renamed (login/domain changed) in place. */
  rename: boolean;
  /** Ordered free slots (`@configureme.me`) are configured; else accounts are created. */
  slots: boolean;
  /** Accounts can be created directly (legacy MX Plan `POST .../account`). */
  createAccount: boolean;
  /** Domains can be added to the service and their type changed. */
  manageDomains: boolean;
  aliases: boolean;
  /** Per-account protocol settings (IMAP allowed) can be read. */
  protocols: boolean;
  /** An account can be reset to a free slot. */
  reset: boolean;
}

/** Options every long operation takes. */
export interface OperationOptions {
  signal?: AbortSignal;
  /** Called with the OVHcloud task id once the API created one (for the report). */
  onTask?: (taskId: number) => void;
  /** Called on each look while waiting: which task, since when (the run state shows it). */
  onWait?: (info: WaitInfo) => void;
  /**
   * This change may have been sent before (the run was interrupted): look at the state first,
   * let a pending task end, and send only what is not there. A first attempt skips those reads
   * (the fair-use rate limit counts every request); it still reads back after a failure.
   * @default false
   */
  resumed?: boolean;
}

export interface PlatformAdapter {
  readonly kind: PlatformKind;
  readonly capabilities: Capabilities;
  listServices(options?: OperationOptions): Promise<ServiceRef[]>;
  getService(ref: ServiceRef, options?: OperationOptions): Promise<ServiceInfo>;
  /** Every account with usage and quota, in a handful of requests (batch GETs). */
  listAccounts(ref: ServiceRef, options?: OperationOptions): Promise<AccountInfo[]>;
  getAccount(ref: ServiceRef, address: string, options?: OperationOptions): Promise<AccountInfo>;
  /**
   * Waits until no task is pending on the account at `address` (a change sent before an
   * interruption lands first, whatever its outcome); the account then, or undefined when there
   * is none at that address.
   */
  settleAccount(
    ref: ServiceRef,
    address: string,
    options?: OperationOptions,
  ): Promise<AccountInfo | undefined>;
  listFreeSlots(ref: ServiceRef, options?: OperationOptions): Promise<AccountInfo[]>;
  /**
   * The primary address of every account, free slots (`…@configureme.me`) included, in one
   * request: what a picker shows at once, before any account's details.
   */
  listAccountAddresses(ref: ServiceRef, options?: OperationOptions): Promise<string[]>;
  /**
   * The details of these accounts (usage, quota, state) in batch GETs: one page of a picker. An
   * address gone meanwhile is left out.
   */
  getAccounts(
    ref: ServiceRef,
    addresses: readonly string[],
    options?: OperationOptions,
  ): Promise<AccountInfo[]>;
  /** Where a mail client (and the proxy) reads this account: the service host, 993, TLS. */
  imapEndpoint(service: ServiceInfo, address: string): Omit<ImapEndpoint, 'password'>;
  getDomain(
    ref: ServiceRef,
    name: string,
    options?: OperationOptions,
  ): Promise<DomainInfo | undefined>;
  addDomain(
    ref: ServiceRef,
    domain: { name: string; type: DomainType; mxRelay?: string },
    options?: OperationOptions,
  ): Promise<void>;
  changeDomain(
    ref: ServiceRef,
    name: string,
    change: { type?: DomainType; mxRelay?: string | null },
    options?: OperationOptions,
  ): Promise<void>;
  /** Removes a domain from the service (it must carry no account any more). */
  removeDomain(ref: ServiceRef, name: string, options?: OperationOptions): Promise<void>;
  /**
   * Every write below reads before it acts and after a failure: one already made (or pending)
   * is not sent again, a lost answer is followed by reading the state back, and the OVHcloud
   * task it started is followed until done, failing at once when it ends in error.
   */
  /** Renames in place and waits until the API shows the new address. */
  renameAccount(
    ref: ServiceRef,
    address: string,
    to: { login: string; domain: string },
    options?: OperationOptions,
  ): Promise<string>;
  /** Turns a free slot into `login@domain`; returns the new address once it exists. */
  configureSlot(
    ref: ServiceRef,
    slotAddress: string,
    configuration: SlotConfiguration,
    options?: OperationOptions,
  ): Promise<string>;
  /** Creates an account with its password (legacy MX Plan, where there are no slots). */
  createAccount(
    ref: ServiceRef,
    account: { login: string; password: string; displayName?: string; sizeBytes?: number },
    options?: OperationOptions,
  ): Promise<string>;
  /** Sets a password and waits for its task; retries while a fresh rename is not yet known. */
  changePassword(
    ref: ServiceRef,
    address: string,
    password: string,
    options?: OperationOptions,
  ): Promise<void>;
  listAliases(ref: ServiceRef, address: string, options?: OperationOptions): Promise<string[]>;
  addAlias(
    ref: ServiceRef,
    address: string,
    alias: string,
    options?: OperationOptions,
  ): Promise<void>;
  removeAlias(
    ref: ServiceRef,
    address: string,
    alias: string,
    options?: OperationOptions,
  ): Promise<void>;
  /** Undefined when the platform does not say (then try an IMAP login). */
  isImapAllowed(
    ref: ServiceRef,
    address: string,
    options?: OperationOptions,
  ): Promise<boolean | undefined>;
  /** Resets a used account: the slot becomes free again and its mail is gone. */
  resetAccount(ref: ServiceRef, address: string, options?: OperationOptions): Promise<void>;
  /**
   * Hosted Exchange only (`pst-export.ts`): a download link to a PST of the account, once
   * OVHcloud built it (the export requested, or the one already requested followed; a link still
   * valid reused). No platform imports a PST: it is a copy for the person to keep.
   */
  exportPst?(ref: ServiceRef, address: string, options?: PstExportOptions): Promise<PstExportLink>;
  /** Hosted Exchange only: removes the account's PST export and its link. */
  removePstExport?(ref: ServiceRef, address: string, options?: OperationOptions): Promise<void>;
  /**
   * Legacy MX Plan only (reference §5): why OVHcloud would refuse to move `accountName` into the
   * free slot `slotAddress` of the E-mail Pro / Exchange service `destinationService`, in plain
   * strings; empty when the move may go ahead.
   */
  checkLegacyMove?(
    ref: ServiceRef,
    accountName: string,
    destinationService: string,
    slotAddress: string,
    options?: OperationOptions,
  ): Promise<string[]>;
  /**
   * Legacy MX Plan only: OVHcloud's automatic, irreversible move of the account into the slot,
   * mail included; resolves once its task is done (the source account is then gone).
   */
  legacyMove?(
    ref: ServiceRef,
    accountName: string,
    destinationService: string,
    slotAddress: string,
    password: string,
    options?: OperationOptions,
  ): Promise<void>;
}

export const PLATFORM_ERROR_CODES = [
  'unsupported',
  'account_not_found',
  'domain_not_on_service',
] as const;
export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[number];

/** What an adapter throws besides the API client's own `OvhApiError`s. */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  readonly code: PlatformErrorCode;

  constructor(code: PlatformErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

export function isPlatformError(value: unknown): value is PlatformError {
  return value instanceof Error && value.name === 'PlatformError' && 'code' in value;
}
