/**
 * Every e-mail service of the customer, as the source picker and the destination list show them.
 * Read from the API (never scraped from the control panel's tables) in the order a person needs:
 * the services, then each one's account addresses (one request each: free slots are the
 * `…@configureme.me` ones), then their details. Account details come page by page (wizard
 * store), so a 500-account service costs two requests before it shows, not a listing of all.
 */
import {
  type AccountInfo,
  FREE_SLOT_DOMAIN,
  type PlatformAdapter,
  type PlatformKind,
  type ServiceInfo,
  type ServiceRef,
} from '../../lib/platforms/index.ts';

export interface ServiceOption {
  ref: ServiceRef;
  /** The primary address of every account, free slots included (one request). */
  addresses?: string[];
  /** Name, state, domains, password policy (read after every service's addresses). */
  info?: ServiceInfo;
  /** Why the addresses could not be read. */
  error?: unknown;
}

export const KINDS: readonly PlatformKind[] = ['exchange', 'email_pro', 'mxplan', 'mxplan_legacy'];

export const refKey = (ref: ServiceRef) => `${ref.kind}:${ref.organization ?? ''}:${ref.service}`;

export const sameRef = (a: ServiceRef | undefined, b: ServiceRef | undefined) =>
  a !== undefined && b !== undefined && refKey(a) === refKey(b);

export const isFreeSlotAddress = (address: string) =>
  address.toLowerCase().endsWith(`@${FREE_SLOT_DOMAIN}`);

export async function listAllServices(
  adapters: Record<PlatformKind, PlatformAdapter>,
  signal?: AbortSignal,
): Promise<ServiceRef[]> {
  const op = signal ? { signal } : {};
  const lists = await Promise.all(KINDS.map((kind) => adapters[kind].listServices(op)));
  return lists.flat();
}

/** Free slots a service has (ordered accounts nobody configured yet), once its addresses are in. */
export const freeSlotCount = (option: ServiceOption): number | undefined =>
  option.addresses?.filter(isFreeSlotAddress).length;

/** The addresses a person can move (configured accounts), once they are in. */
export const configuredAddresses = (option: ServiceOption | undefined): string[] =>
  option?.addresses?.filter((address) => !isFreeSlotAddress(address)) ?? [];

/** An account's details as the picker keeps them, by address. */
export type AccountDetails = ReadonlyMap<string, AccountInfo>;
