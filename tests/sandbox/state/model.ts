// The sandbox's world in plain typed objects: what a fictional customer owns on the three
// "hosted" platforms (Hosted Exchange, E-mail Pro, new MX Plan), on legacy MX Plan, and in DNS.
// Routes read and change these; seed.ts builds the starting point.

/** Hosted Exchange, E-mail Pro and the new MX Plan share one account/domain/task model. */
export type PlatformKind = 'exchange' | 'emailpro' | 'mxplan';

export type TaskStatus = 'todo' | 'doing' | 'done' | 'error' | 'cancelled';

/** The states both ObjectStateEnums share (Exchange's has no `unknown`, E-mail Pro's no
 * `internalMigration`): there is no "modifying", so a rename keeps `ok` plus `taskPendingId`. */
export type ObjectState = 'creating' | 'deleting' | 'ok' | 'suspended';

export interface Protocols {
  IMAP: boolean;
  POP: boolean;
  webMail: boolean;
  activeSync: boolean;
}

export interface Alias {
  alias: string;
  creationDate: string;
}

export interface PlatformAccount {
  /** Stable across renames: tasks and Dovecot follow the account by it. */
  id: number;
  login: string;
  domain: string;
  configured: boolean;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  initial: string | null;
  /** `null` for a free slot. */
  password: string | null;
  /** In GB (inferred unit). */
  quotaGb: number;
  state: ObjectState;
  /** 0 when nothing is pending. */
  taskPendingId: number;
  creationDate: string | null;
  passwordLastUpdate: string | null;
  lastUpdateDate: string | null;
  hiddenFromGAL: boolean;
  /** Exchange only. */
  accountLicense: 'basic' | 'standard' | 'enterprise';
  protocol: Protocols;
  aliases: Alias[];
  /** Until then (epoch ms) changePassword answers 404 for this address: OVHcloud takes a moment
   * to know a renamed or newly configured address (the panel retries 10 times, 1 s apart). */
  unknownUntil: number;
  /** The seed adds a message with an attachment this big (0: none), so usages differ. */
  attachmentBytes: number;
  /** Exchange: the account's PST export request (routes/platform/pst-export.ts). */
  pstExport?: PstExport;
}

export interface PstExport {
  creationDate: string;
  percentComplete: number;
  /** 0 when nothing is pending. */
  taskPendingId: number;
  /** Once `generatePstUrl` is done. */
  url?: { url: string; expiration: string };
}

export interface PlatformDomain {
  name: string;
  type: 'authoritative' | 'nonAuthoritative';
  mxRelay: string | null;
  state: ObjectState;
  taskPendingId: number;
  /** Set when the domain is not in the customer's account: a CNAME proves ownership. */
  cnameToCheck: string | null;
  domainValidated: boolean;
  /** Exchange: the organization's main domain. */
  main: boolean;
}

export interface PlatformTask {
  id: number;
  function: string;
  status: TaskStatus;
  todoDate: string;
  finishDate: string | null;
  /** Account tasks are listed under the account too. */
  accountId: number | undefined;
}

export interface PlatformService {
  kind: PlatformKind;
  /** Exchange organization; the service name for the other two. */
  organization: string;
  name: string;
  displayName: string;
  /** The sandbox IMAP host (never a real OVHcloud name). */
  hostname: string;
  offer: string;
  /** The service's own domain (the first one it was delivered with). */
  domain: string;
  minPasswordLength: number;
  complexityEnabled: boolean;
  maxSendSize: number;
  maxReceiveSize: number;
  creationDate: string;
  serverIp: string;
  protocol: Protocols;
  domains: PlatformDomain[];
  accounts: PlatformAccount[];
  tasks: PlatformTask[];
}

export interface LegacyAccount {
  accountName: string;
  password: string;
  description: string;
  /** Bytes, one of the domain's allowedAccountSize. */
  size: number;
  isBlocked: boolean;
  attachmentBytes: number;
}

export type TaskPopAction =
  | 'addAccount'
  | 'changeAccount'
  | 'changePassword'
  | 'deleteAccount'
  | 'migration';

/** Legacy MX Plan tasks have no status: they are pending while listed. */
export interface TaskPop {
  id: number;
  action: TaskPopAction;
  name: string;
  date: string;
}

export interface LegacyDomain {
  domain: string;
  offer: string;
  creationDate: string;
  allowedAccountSize: number[];
  maxAccounts: number;
  accounts: LegacyAccount[];
  tasks: TaskPop[];
  /** Accounts whose move to another platform was started (POST .../migrate). */
  migrating: string[];
}

export interface DnsRecord {
  id: number;
  fieldType: string;
  subDomain: string;
  target: string;
  ttl: number;
}

export interface DnsZone {
  name: string;
  records: DnsRecord[];
  /** Records change in the zone at once, but resolvers only see them after a refresh. */
  published: DnsRecord[];
}

export interface SandboxState {
  platforms: PlatformService[];
  legacy: LegacyDomain[];
  zones: DnsZone[];
  nextId: number;
}

export function nextId(state: SandboxState): number {
  state.nextId += 1;
  return state.nextId;
}

export function addressOf(account: Pick<PlatformAccount, 'login' | 'domain'>): string {
  return `${account.login}@${account.domain}`;
}

export const FREE_SLOT_DOMAIN = 'configureme.me';
