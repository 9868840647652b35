/** What the adapters show of the API's accounts and domains. */
import type { AccountInfo, DomainInfo } from './adapter.ts';
import type { AccountLike, DomainLike } from './family-types.ts';
import { accountState, isFreeSlot, optional, QUOTA_UNIT_BYTES, serviceState } from './normalize.ts';

export function toAccount(account: AccountLike): AccountInfo {
  return {
    address: account.primaryEmailAddress,
    login: account.login,
    domain: account.domain,
    ...withOptional('displayName', account.displayName),
    ...withOptional('firstName', account.firstName),
    ...withOptional('lastName', account.lastName),
    configured: account.configured,
    freeSlot: isFreeSlot(account),
    state: accountState(account.state),
    rawState: account.state,
    quotaBytes: Math.round(account.quota * QUOTA_UNIT_BYTES),
    ...(account.currentUsage === null ? {} : { apiUsage: account.currentUsage }),
    taskPending: Boolean(account.taskPendingId),
    ...(account.taskPendingId ? { pendingTaskId: account.taskPendingId } : {}),
  };
}

export function toDomain(domain: DomainLike): DomainInfo {
  return {
    name: domain.name,
    type: domain.type,
    ...withOptional('mxRelay', domain.mxRelay),
    state:
      domain.state === 'ok' ? 'ok' : serviceState(domain.state) === 'busy' ? 'busy' : 'unknown',
    rawState: domain.state,
    ...withOptional('cnameToCheck', domain.cnameToCheck),
    dns: {
      expectedMx: domain.expectedMX,
      mxValid: domain.mxIsValid,
      ...(domain.mxRecord ? { actualMx: domain.mxRecord } : {}),
      ...(domain.expectedSPF === undefined ? {} : { expectedSpf: domain.expectedSPF }),
      ...(domain.spfIsValid === undefined ? {} : { spfValid: domain.spfIsValid }),
      ...(domain.spfRecord ? { actualSpf: domain.spfRecord } : {}),
      ...(domain.expectedAutodiscoverSRV === undefined
        ? {}
        : { expectedAutodiscoverSrv: domain.expectedAutodiscoverSRV }),
      srvValid: domain.srvIsValid,
      ...(domain.srvRecord ? { actualSrv: domain.srvRecord } : {}),
    },
  };
}

function withOptional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  const present = optional(value);
  return (present === undefined ? {} : { [key]: present }) as { [P in K]?: string };
}
