import type { AccountState, ServiceState } from './adapter.ts';

/** Free slots of Exchange and E-mail Pro are ordered accounts on this placeholder domain. */
export const FREE_SLOT_DOMAIN = 'configureme.me';

/**
 * Unit of `quota` on accounts (GUESS: the schemas do not say; the panel shows quotas in GB).
 * Kept here so that being wrong is one edit. `currentUsage`: see usage.ts.
 */
export const QUOTA_UNIT_BYTES = 1024 ** 3;

const BUSY = new Set([
  'creating',
  'deleting',
  'internalMigration',
  'reopening',
  'suspending',
  'modifying',
  'todo',
  'doing',
  'inMaintenance',
]);

export function serviceState(raw: string): ServiceState {
  if (raw === 'ok') return 'ok';
  if (raw === 'suspended') return 'suspended';
  return BUSY.has(raw) ? 'busy' : 'unknown';
}

export function accountState(raw: string): AccountState {
  return serviceState(raw);
}

export function isFreeSlot(account: { domain: string; configured: boolean }): boolean {
  return account.domain.toLowerCase() === FREE_SLOT_DOMAIN || !account.configured;
}

/** Optional strings: the API sends `null`, the adapters' types use absence. */
export function optional(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}
