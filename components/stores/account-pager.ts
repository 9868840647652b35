/**
 * The source picker's account details (usage, state), read page by page: the addresses come in
 * one request (services.ts), the details of what the picker shows in one batch GET more. So a
 * 500-account service shows at once and costs a request per page looked at, not a full listing
 * (which queued behind the API's fair-use limit for half a minute).
 */
import { signal } from '@preact/signals';
import type { AccountInfo, PlatformAdapter, ServiceRef } from '../../lib/platforms/index.ts';

/** Accounts the picker shows before "Show more". */
export const PAGE_SIZE = 25;

export function createAccountPager(adapterOf: (ref: ServiceRef) => PlatformAdapter) {
  const details = signal<ReadonlyMap<string, AccountInfo>>(new Map());
  /** Why the last page's details could not be read (the addresses still show). */
  const failed = signal<unknown>(undefined);
  let ref: ServiceRef | undefined;
  let controller = new AbortController();
  const inFlight = new Set<string>();
  /** Asked for, and not in the answer: gone meanwhile (never asked again). */
  const gone = new Set<string>();

  const keyOf = (r: ServiceRef | undefined) =>
    r ? `${r.kind}:${r.organization ?? ''}:${r.service}` : '';

  /** Forgets the details read so far (another source service). */
  function reset(next: ServiceRef | undefined) {
    controller.abort();
    controller = new AbortController();
    ref = next;
    details.value = new Map();
    failed.value = undefined;
    inFlight.clear();
    gone.clear();
  }

  /** Reads the details of those of `addresses` (accounts of `of`) not read nor being read yet. */
  function want(of: ServiceRef | undefined, addresses: readonly string[]) {
    if (keyOf(of) !== keyOf(ref)) reset(of);
    const current = ref;
    if (!current) return;
    const missing = [...new Set(addresses)].filter(
      (address) => !details.value.has(address) && !inFlight.has(address) && !gone.has(address),
    );
    if (missing.length === 0) return;
    for (const address of missing) inFlight.add(address);
    const { signal: abort } = controller;
    void adapterOf(current)
      .getAccounts(current, missing, { signal: abort })
      .then((found) => {
        if (abort.aborted) return;
        const next = new Map(details.value);
        for (const account of found) next.set(account.address, account);
        for (const address of missing) if (!next.has(address)) gone.add(address);
        details.value = next;
        failed.value = undefined;
      })
      .catch((error: unknown) => {
        if (!abort.aborted) failed.value = error;
      })
      .finally(() => {
        for (const address of missing) inFlight.delete(address);
      });
  }

  return {
    details,
    failed,
    reset,
    want,
    /** Tries the details that failed again. */
    retry(addresses: readonly string[]) {
      failed.value = undefined;
      want(ref, addresses);
    },
    dispose() {
      controller.abort();
    },
  };
}

export type AccountPager = ReturnType<typeof createAccountPager>;
