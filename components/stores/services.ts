/**
 * Every e-mail service of the customer, with its accounts: what the source picker and the
 * destination list show. Read from the API (never scraped from the control panel's tables).
 */
import type {
  AccountInfo,
  PlatformAdapter,
  PlatformKind,
  ServiceInfo,
  ServiceRef,
} from '../../lib/platforms/index.ts';

export interface ServiceOption {
  ref: ServiceRef;
  info?: ServiceInfo;
  accounts?: AccountInfo[];
  /** Why the service or its accounts could not be read. */
  error?: unknown;
}

export const KINDS: readonly PlatformKind[] = ['exchange', 'email_pro', 'mxplan', 'mxplan_legacy'];

export const refKey = (ref: ServiceRef) => `${ref.kind}:${ref.organization ?? ''}:${ref.service}`;

export const sameRef = (a: ServiceRef | undefined, b: ServiceRef | undefined) =>
  a !== undefined && b !== undefined && refKey(a) === refKey(b);

export async function listAllServices(
  adapters: Record<PlatformKind, PlatformAdapter>,
  signal?: AbortSignal,
): Promise<ServiceRef[]> {
  const op = signal ? { signal } : {};
  const lists = await Promise.all(KINDS.map((kind) => adapters[kind].listServices(op)));
  return lists.flat();
}

export async function loadService(
  adapter: PlatformAdapter,
  ref: ServiceRef,
  signal?: AbortSignal,
): Promise<ServiceOption> {
  const op = signal ? { signal } : {};
  try {
    const [info, accounts] = await Promise.all([
      adapter.getService(ref, op),
      adapter.listAccounts(ref, op),
    ]);
    return { ref, info, accounts };
  } catch (error) {
    return { ref, error };
  }
}

export const freeSlots = (option: ServiceOption) =>
  option.accounts?.filter((a) => a.freeSlot && a.state === 'ok' && !a.taskPending) ?? [];

export const configuredAccounts = (option: ServiceOption) =>
  option.accounts?.filter((a) => a.configured && !a.freeSlot) ?? [];
