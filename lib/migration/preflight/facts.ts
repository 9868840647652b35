/**
 * Everything the preflight checks look at, read once from the API and the proxy. A read that
 * fails is kept as its error, so the check about it can say so instead of the plan throwing.
 * Reads are few and targeted (issue 7, "planning economy"): GETs on the addresses that matter and
 * the free slots only, never a whole service's account list.
 */
import { isOvhApiError } from '../../ovh-api/index.ts';
import {
  type AccountInfo,
  ASSUMED_USAGE_UNIT,
  type DomainInfo,
  inferUsageUnit,
  isPlatformError,
  type PlatformAdapter,
  type PlatformKind,
  type ServiceInfo,
  type UsageUnit,
  usageToBytes,
} from '../../platforms/index.ts';
import type { HealthResponse, MailboxSummary } from '../../proxy-contract/index.ts';
import type { CopyClient } from '../copy-client.ts';
import { type PasswordIdentity, passwordProblems } from '../passwords.ts';
import type { MailboxSize, PlanInput, PlanOptions } from '../plan-types.ts';

export type Read<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface PreflightFacts {
  input: PlanInput;
  options: PlanOptions;
  sourceAdapter: PlatformAdapter;
  destinationAdapter: PlatformAdapter;
  sourceService: Read<ServiceInfo>;
  destinationService: Read<ServiceInfo>;
  /** Undefined value: no such account. */
  sourceAccount: Read<AccountInfo | undefined>;
  /** The original address on the destination (undefined value: free, as it must be). */
  destinationAccount: Read<AccountInfo | undefined>;
  /** The destination's unconfigured slots (empty where accounts are created instead). */
  freeSlots: Read<AccountInfo[]>;
  sourceDomain: Read<DomainInfo | undefined>;
  destinationDomain: Read<DomainInfo | undefined>;
  imapAllowed: Read<boolean | undefined>;
  aliases: Read<string[]>;
  proxy: Read<HealthResponse>;
  /** The source mailbox measured over IMAP by the proxy; undefined value: not measurable. */
  mailbox: Read<MailboxSummary | undefined>;
  /** The size every size check uses, and where it comes from. */
  size: MailboxSize;
  /** The source's login and domain, from the address. */
  login: string;
  domain: string;
  /** The first free `<login>NN` (or the one asked for) and whether it is taken. */
  provisionalLogin: string;
  provisionalTaken: Read<boolean>;
  /** The slot picked (or asked for), when there is one. */
  slot?: AccountInfo;
  /** Byte limit of the guide for the destination platform, when it has one. */
  sizeLimit?: number;
  /** What the destination's policy finds wrong with a given destination password. */
  destinationPasswordProblems: string[];
  sourcePasswordProblems: string[];
  /** What each password must not contain (its account's names). */
  identities: { source: PasswordIdentity; destination: PasswordIdentity };
}

export const DEFAULT_LIMITS: Partial<Record<PlatformKind, number>> = {
  email_pro: 10 * 1024 ** 3,
  mxplan: 5 * 1024 ** 3,
  mxplan_legacy: 5 * 1024 ** 3,
};

/** Provisional names tried, `<login>01` … `<login>NN`, one GET each until a free one. */
const MAX_PROVISIONAL_CANDIDATES = 20;

async function read<T>(fn: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

export function isNotFound(error: unknown): boolean {
  return (
    (isOvhApiError(error) && error.code === 'not_found') ||
    (isPlatformError(error) && error.code === 'account_not_found')
  );
}

/** An account, or undefined when the platform says there is none. */
export async function findAccount(
  adapter: PlatformAdapter,
  ...args: Parameters<PlatformAdapter['getAccount']>
): Promise<AccountInfo | undefined> {
  try {
    return await adapter.getAccount(...args);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function gatherFacts(
  input: PlanInput,
  options: PlanOptions,
  adapters: Record<PlatformKind, PlatformAdapter>,
  copy: CopyClient,
  signal?: AbortSignal,
): Promise<PreflightFacts> {
  const src = adapters[input.source.service.kind];
  const dst = adapters[input.destination.service.kind];
  const op = signal ? { signal } : {};
  const address = input.source.address.toLowerCase();
  const [login = '', domain = ''] = address.split('@');
  const sourceRef = input.source.service;
  const destinationRef = input.destination.service;

  const [
    sourceService,
    destinationService,
    sourceAccount,
    destinationAccount,
    freeSlots,
    sourceDomain,
    destinationDomain,
    imapAllowed,
    aliases,
    proxy,
    provisional,
  ] = await Promise.all([
    read(() => src.getService(sourceRef, op)),
    read(() => dst.getService(destinationRef, op)),
    read(() => findAccount(src, sourceRef, address, op)),
    read(() => findAccount(dst, destinationRef, address, op)),
    read(async () => (dst.capabilities.slots ? dst.listFreeSlots(destinationRef, op) : [])),
    read(() => src.getDomain(sourceRef, domain, op)),
    read(() => dst.getDomain(destinationRef, domain, op)),
    read(() => src.isImapAllowed(sourceRef, address, op)),
    read(async () => (src.capabilities.aliases ? src.listAliases(sourceRef, address, op) : [])),
    read(() => copy.health(op)),
    provisionalName(src, input, login, domain, op),
  ]);

  const mailbox = await read(async () => {
    const password =
      input.sourcePassword.mode === 'keep' ? input.sourcePassword.password : undefined;
    // No login attempt where IMAP is off: it would only fail (and count towards a lockout).
    const imapOff = imapAllowed.ok && imapAllowed.value === false;
    if (!proxy.ok || !sourceService.ok || password === undefined || imapOff) return undefined;
    const endpoint = src.imapEndpoint(sourceService.value, address);
    const answer = await copy.testCredentials({ source: { ...endpoint, password } }, op);
    return answer.source;
  });
  const size = sizeOf(sourceAccount.ok ? sourceAccount.value : undefined, mailbox);

  const usage = size.bytes ?? 0;
  const slots = freeSlots.ok ? freeSlots.value : [];
  const slot =
    input.destination.slot === undefined
      ? (slots.find((s) => s.quotaBytes === undefined || s.quotaBytes >= usage) ?? slots[0])
      : await findAccount(dst, destinationRef, input.destination.slot, op).catch(() => undefined);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const sizeLimit = limits[destinationRef.kind];

  const identities = passwordIdentities(
    login,
    provisional.login,
    sourceAccount.ok ? sourceAccount.value : undefined,
  );
  const destinationPasswordProblems =
    input.destinationPassword !== undefined && destinationService.ok
      ? passwordProblems(
          destinationService.value.passwordPolicy,
          input.destinationPassword,
          identities.destination,
        )
      : [];
  const newSource = input.sourcePassword.mode === 'set' ? input.sourcePassword.password : undefined;
  const sourcePasswordProblems =
    newSource !== undefined && sourceService.ok
      ? passwordProblems(sourceService.value.passwordPolicy, newSource, identities.source)
      : [];

  return {
    input,
    options,
    sourceAdapter: src,
    destinationAdapter: dst,
    sourceService,
    destinationService,
    sourceAccount,
    destinationAccount,
    freeSlots,
    sourceDomain,
    destinationDomain,
    imapAllowed,
    aliases,
    proxy,
    mailbox,
    size,
    login,
    domain,
    provisionalLogin: provisional.login,
    provisionalTaken: provisional.taken,
    ...(slot ? { slot } : {}),
    ...(sizeLimit === undefined ? {} : { sizeLimit }),
    destinationPasswordProblems,
    sourcePasswordProblems,
    identities,
  };
}

/**
 * Whom each password is for. The destination account takes the original login and the source's
 * names; the renamed source has the provisional login, and may keep the original as its
 * SAMAccountName.
 */
function passwordIdentities(
  login: string,
  provisionalLogin: string,
  account: AccountInfo | undefined,
): { source: PasswordIdentity; destination: PasswordIdentity } {
  const names = [account?.displayName, account?.firstName, account?.lastName];
  return {
    destination: { logins: [login], names },
    source: { logins: [login, provisionalLogin], names },
  };
}

/**
 * The provisional name asked for, else the first free `<login>NN`: one GET per candidate (a 404
 * means free) instead of listing the whole source service.
 */
async function provisionalName(
  src: PlatformAdapter,
  input: PlanInput,
  login: string,
  domain: string,
  op: { signal?: AbortSignal },
): Promise<{ login: string; taken: Read<boolean> }> {
  const ref = input.source.service;
  const taken = (candidate: string) =>
    findAccount(src, ref, `${candidate}@${domain}`, op).then((a) => a !== undefined);
  if (input.provisionalLogin !== undefined) {
    return {
      login: input.provisionalLogin,
      taken: await read(() => taken(input.provisionalLogin ?? '')),
    };
  }
  if (!src.capabilities.rename) return { login: `${login}01`, taken: { ok: true, value: false } };
  for (let n = 1; n <= MAX_PROVISIONAL_CANDIDATES; n++) {
    const candidate = `${login}${String(n).padStart(2, '0')}`;
    const result = await read(() => taken(candidate));
    if (!result.ok || !result.value) return { login: candidate, taken: result };
  }
  const last = `${login}${String(MAX_PROVISIONAL_CANDIDATES).padStart(2, '0')}`;
  return { login: last, taken: { ok: true, value: true } };
}

/**
 * The measured size decides; the API's figure is a hint whose unit is inferred from the
 * measurement (usage.ts), or assumed when nothing was measured.
 */
function sizeOf(
  account: AccountInfo | undefined,
  mailbox: Read<MailboxSummary | undefined>,
): MailboxSize {
  const measured = mailbox.ok && mailbox.value?.ok ? mailbox.value : undefined;
  const apiUsage = account?.apiUsage;
  if (measured !== undefined) {
    const unit: UsageUnit | undefined =
      apiUsage === undefined ? undefined : inferUsageUnit(apiUsage, measured.bytes);
    return {
      basis: 'imap',
      bytes: measured.bytes,
      messages: measured.messages,
      ...(apiUsage === undefined ? {} : { apiUsage }),
      ...(unit === undefined ? {} : { apiUnit: unit }),
    };
  }
  if (apiUsage !== undefined) {
    return {
      basis: 'api',
      bytes: usageToBytes(apiUsage, ASSUMED_USAGE_UNIT),
      apiUsage,
      apiUnit: ASSUMED_USAGE_UNIT,
    };
  }
  return { basis: 'unknown' };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
