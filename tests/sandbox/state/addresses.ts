// One owner per address across the customer's platforms (issue 7): an address or alias lives on
// one platform at a time, as the real mail routing needs (a non-authoritative domain relays what
// it does not hold to the platform that does). Renames, slot configurations, aliases and legacy
// accounts are refused (409) on an address another platform already holds.

import {
  addressOf,
  type LegacyAccount,
  type LegacyDomain,
  type PlatformAccount,
  type PlatformService,
  type SandboxState,
} from './model.ts';

export type AddressOwner =
  | { kind: 'account' | 'alias'; svc: PlatformService; account: PlatformAccount }
  | { kind: 'legacy'; domain: LegacyDomain; account: LegacyAccount };

export function ownerOf(state: SandboxState, address: string): AddressOwner | undefined {
  const wanted = address.toLowerCase();
  for (const svc of state.platforms) {
    for (const account of svc.accounts) {
      if (!account.configured) continue;
      if (addressOf(account).toLowerCase() === wanted) return { kind: 'account', svc, account };
      if (account.aliases.some((a) => a.alias.toLowerCase() === wanted)) {
        return { kind: 'alias', svc, account };
      }
    }
  }
  for (const domain of state.legacy) {
    for (const account of domain.accounts) {
      if (`${account.accountName}@${domain.domain}`.toLowerCase() === wanted) {
        return { kind: 'legacy', domain, account };
      }
    }
  }
  return undefined;
}

export function addressTaken(state: SandboxState, address: string): boolean {
  return ownerOf(state, address) !== undefined;
}
