// What the API shows of services, accounts, domains and tasks: one rich record per object, from
// which the API layer keeps the properties of each family's own model.

import type { SandboxContext } from '../../context.ts';
import {
  type Alias,
  addressOf,
  type PlatformAccount,
  type PlatformDomain,
  type PlatformService,
  type PlatformTask,
  type Protocols,
  type SandboxState,
} from '../../state/model.ts';
import { SANDBOX_AUTODISCOVER, SANDBOX_MX, SANDBOX_SPF } from '../../state/seed.ts';

const SPAM_AND_VIRUS = {
  checkDKIM: true,
  checkSPF: true,
  deleteSpam: false,
  deleteVirus: true,
  putInJunk: true,
  tagSpam: true,
  tagVirus: false,
};

/** `currentUsage` units the sandbox can send (option `usageUnit`; MB is our guess). */
export const USAGE_UNIT_BYTES = { MB: 1024 * 1024, KB: 1024 } as const;

/** Without Dovecot, a configured account is said to hold this much plus its attachment. */
const ESTIMATED_MAIL_BYTES = 60_000;

export function usageBytes(
  sandbox: SandboxContext,
  svc: PlatformService,
  account: PlatformAccount,
): number {
  if (!account.configured) return 0;
  return (
    sandbox.mail.usageBytes(svc.hostname, addressOf(account)) ??
    ESTIMATED_MAIL_BYTES + account.attachmentBytes
  );
}

export function iamOf(urnKind: string, name: string, displayName: string | null) {
  return {
    displayName,
    id: '6f6b2b7e-2d2a-4b8c-9d1e-0a0b0c0d0e0f',
    tags: null,
    urn: `urn:v1:eu:resource:${urnKind}:${name}`,
  };
}

export function serviceView(svc: PlatformService): Record<string, unknown> {
  return {
    adfsChangePassword: false,
    complexityEnabled: svc.complexityEnabled,
    displayName: svc.displayName,
    domain: svc.domain,
    hostname: svc.hostname,
    iam: iamOf(
      svc.kind === 'exchange'
        ? 'emailExchange'
        : svc.kind === 'emailpro'
          ? 'emailPro'
          : 'emailMxplan',
      svc.name,
      svc.displayName,
    ),
    isZimbra: false,
    lastUpdateDate: svc.creationDate,
    lockoutDuration: 30,
    lockoutObservationWindow: 30,
    lockoutThreshold: 0,
    maxPasswordAge: 0,
    maxReceiveSize: svc.maxReceiveSize,
    maxSendSize: svc.maxSendSize,
    minPasswordAge: 0,
    minPasswordLength: svc.minPasswordLength,
    offer: svc.offer,
    passwordHistoryCount: 0,
    spamAndVirusConfiguration: SPAM_AND_VIRUS,
    sslExpirationDate: null,
    state: 'ok',
    taskPendingId: 0,
    webUrl: `https://${svc.hostname}/owa`,
  };
}

export function serverView(svc: PlatformService): Record<string, unknown> {
  return {
    commercialVersion: '2019',
    currentDiskUsage: null,
    diskSize: null,
    individual2010: false,
    ip: svc.serverIp,
    ipV6: null,
    isAValid: true,
    isAaaaValid: false,
    isPtrV6Valid: false,
    isPtrValid: true,
    owaMfa: false,
    state: 'ok',
    taskPendingId: 0,
    version: 15,
  };
}

export function accountView(
  sandbox: SandboxContext,
  svc: PlatformService,
  account: PlatformAccount,
): Record<string, unknown> {
  const bytes = usageBytes(sandbox, svc, account);
  return {
    SAMAccountName: account.configured ? account.login : null,
    accountLicense: account.accountLicense,
    configured: account.configured,
    creationDate: account.creationDate,
    currentUsage: account.configured
      ? Math.ceil(
          bytes / USAGE_UNIT_BYTES[sandbox.faults.current.usageUnit ?? sandbox.options.usageUnit],
        )
      : 0,
    displayName: account.displayName,
    domain: account.domain,
    firstName: account.firstName,
    hiddenFromGAL: account.hiddenFromGAL,
    id: account.id,
    initial: account.initial,
    lastName: account.lastName,
    lastUpdateDate: account.lastUpdateDate,
    litigation: false,
    login: account.login,
    numberOfAliases: account.aliases.length,
    outlookLicense: false,
    owaLimited: false,
    passwordLastUpdate: account.passwordLastUpdate,
    primaryEmailAddress: addressOf(account),
    quota: account.quotaGb,
    renewPeriod: 'monthly',
    spamAndVirusConfiguration: SPAM_AND_VIRUS,
    spamDetected: false,
    state: account.state,
    storeCopyOfEmail: false,
    taskPendingId: account.taskPendingId,
  };
}

export function aliasView(alias: Alias): Record<string, unknown> {
  return { alias: alias.alias, creationDate: alias.creationDate, taskPendingId: 0 };
}

export function taskView(task: PlatformTask): Record<string, unknown> {
  return {
    finishDate: task.finishDate,
    function: task.function,
    id: task.id,
    status: task.status,
    todoDate: task.todoDate,
  };
}

export function protocolView(protocol: Protocols, created: string): Record<string, unknown> {
  return {
    ...protocol,
    activeSyncPolicy: 'allow',
    creationDate: created,
    lastUpdate: null,
    taskPendingId: 0,
  };
}

/** The domain's DNS as resolvers see it (published records of the customer's zone). */
export function dnsOf(state: SandboxState, name: string) {
  const records = state.zones.find((z) => z.name === name)?.published ?? [];
  const at = (type: string, sub: string) =>
    records.filter((r) => r.fieldType === type && r.subDomain === sub).map((r) => r.target);
  const mx = at('MX', '').map((t) => t.replace(/^\d+\s+/, '').replace(/\.$/, ''));
  const spf = [...at('TXT', ''), ...at('SPF', '')]
    .map((t) => t.replace(/^"|"$/g, ''))
    .filter((t) => t.startsWith('v=spf1'));
  const srv = at('SRV', '_autodiscover._tcp');
  return {
    mxRecord: mx,
    mxIsValid: mx.length > 0 && mx.every((m) => SANDBOX_MX.includes(m)),
    spfRecord: spf,
    spfIsValid: spf.some((s) => s.includes('include:mx.sandbox.test')),
    srvRecord: srv,
    srvIsValid: srv.some((s) => s.includes(SANDBOX_AUTODISCOVER)),
  };
}

export function domainView(state: SandboxState, domain: PlatformDomain): Record<string, unknown> {
  return {
    cnameToCheck: domain.cnameToCheck,
    dkimDiagnostics: { errorCode: null, message: null, state: 'disabled' },
    domainAliases: [],
    domainValidated: domain.domainValidated,
    expectedAutodiscoverSRV: `_autodiscover._tcp.${domain.name}. IN SRV 0 0 443 ${SANDBOX_AUTODISCOVER}.`,
    expectedMX: SANDBOX_MX,
    expectedSPF: SANDBOX_SPF,
    isAliasDomain: false,
    main: domain.main,
    mxRelay: domain.mxRelay,
    name: domain.name,
    organization2010: null,
    sbrDefault: null,
    sendConnectorIdDefault: null,
    state: domain.state,
    taskPendingId: domain.taskPendingId,
    type: domain.type,
    ...dnsOf(state, domain.name),
  };
}
