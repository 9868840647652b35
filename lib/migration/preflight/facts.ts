/**
 * Everything the preflight checks look at, read once from the API and the proxy. A read that
 * fails is kept as its error, so the check about it can say so instead of the plan throwing.
 */
import { isOvhApiError } from '../../ovh-api/index.ts';
import {
  type AccountInfo,
  type DomainInfo,
  isPlatformError,
  type PlatformAdapter,
  type PlatformKind,
  type ServiceInfo,
} from '../../platforms/index.ts';
import type { HealthResponse } from '../../proxy-contract/index.ts';
import type { CopyClient } from '../copy-client.ts';
import type { PlanInput, PlanOptions } from '../plan-types.ts';

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
  sourceAccounts: Read<AccountInfo[]>;
  destinationAccounts: Read<AccountInfo[]>;
  sourceDomain: Read<DomainInfo | undefined>;
  destinationDomain: Read<DomainInfo | undefined>;
  imapAllowed: Read<boolean | undefined>;
  aliases: Read<string[]>;
  proxy: Read<HealthResponse>;
  /** The source's login and domain, from the address. */
  login: string;
  domain: string;
  /** The first free `<login>NN` (or the one asked for) and whether it is taken. */
  provisionalLogin: string;
  provisionalTaken: boolean;
  /** The slot picked (or asked for), when there is one. */
  slot?: AccountInfo;
  /** Byte limit of the guide for the destination platform, when it has one. */
  sizeLimit?: number;
}

export const DEFAULT_LIMITS: Partial<Record<PlatformKind, number>> = {
  email_pro: 10 * 1024 ** 3,
  mxplan: 5 * 1024 ** 3,
  mxplan_legacy: 5 * 1024 ** 3,
};

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
    sourceAccounts,
    destinationAccounts,
    sourceDomain,
    destinationDomain,
    imapAllowed,
    aliases,
    proxy,
  ] = await Promise.all([
    read(() => src.getService(sourceRef, op)),
    read(() => dst.getService(destinationRef, op)),
    read(() => findAccount(src, sourceRef, address, op)),
    read(() => src.listAccounts(sourceRef, op)),
    read(() => dst.listAccounts(destinationRef, op)),
    read(() => src.getDomain(sourceRef, domain, op)),
    read(() => dst.getDomain(destinationRef, domain, op)),
    read(() => src.isImapAllowed(sourceRef, address, op)),
    read(async () => (src.capabilities.aliases ? src.listAliases(sourceRef, address, op) : [])),
    read(() => copy.health(op)),
  ]);

  const taken = new Set(
    sourceAccounts.ok ? sourceAccounts.value.map((a) => a.address.toLowerCase()) : [],
  );
  let provisionalLogin = input.provisionalLogin ?? '';
  if (input.provisionalLogin === undefined) {
    for (let n = 1; n < 100; n++) {
      const candidate = `${login}${String(n).padStart(2, '0')}`;
      if (!taken.has(`${candidate}@${domain}`)) {
        provisionalLogin = candidate;
        break;
      }
    }
  }
  const provisionalTaken = taken.has(`${provisionalLogin}@${domain}`);

  const usage = sourceAccount.ok ? (sourceAccount.value?.usageBytes ?? 0) : 0;
  const freeSlots = destinationAccounts.ok
    ? destinationAccounts.value.filter((a) => a.freeSlot)
    : [];
  const slot =
    input.destination.slot === undefined
      ? (freeSlots.find((s) => s.quotaBytes === undefined || s.quotaBytes >= usage) ?? freeSlots[0])
      : destinationAccounts.ok
        ? destinationAccounts.value.find(
            (a) => a.address.toLowerCase() === input.destination.slot?.toLowerCase(),
          )
        : undefined;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const sizeLimit = limits[destinationRef.kind];

  return {
    input,
    options,
    sourceAdapter: src,
    destinationAdapter: dst,
    sourceService,
    destinationService,
    sourceAccount,
    sourceAccounts,
    destinationAccounts,
    sourceDomain,
    destinationDomain,
    imapAllowed,
    aliases,
    proxy,
    login,
    domain,
    provisionalLogin,
    provisionalTaken,
    ...(slot ? { slot } : {}),
    ...(sizeLimit === undefined ? {} : { sizeLimit }),
  };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
