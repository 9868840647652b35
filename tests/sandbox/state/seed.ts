// The fictional customer ab12345-ovh: everything the sandbox starts with, in one place.
// Host names are sandbox names on purpose (never *.mail.ovh.net): the proxy only reaches them
// when told to (--allow-host / --resolve). README.md lists this seed for humans.

import {
  type DnsRecord,
  type DnsZone,
  FREE_SLOT_DOMAIN,
  type LegacyAccount,
  type LegacyDomain,
  type PlatformAccount,
  type PlatformDomain,
  type PlatformKind,
  type PlatformService,
  type Protocols,
  type SandboxState,
} from './model.ts';

export const SANDBOX_HOSTS = {
  exchange: 'ex5.mail.sandbox.test',
  emailpro: 'pro1.mail.sandbox.test',
  mxplan: 'ssl0.sandbox.test',
} as const;

/** What OVHcloud's MX would be, in sandbox names (mx1..mx3.mail.sandbox.test). */
export const SANDBOX_MX = [
  'mx1.mail.sandbox.test',
  'mx2.mail.sandbox.test',
  'mx3.mail.sandbox.test',
];
export const SANDBOX_SPF = 'v=spf1 include:mx.sandbox.test ~all';
export const SANDBOX_AUTODISCOVER = 'autodiscover.mail.sandbox.test';

export interface SeedOptions {
  /** Accounts of the big E-mail Pro service (emailpro-ab12345-2), most of them free slots. */
  bigServiceAccounts: number;
}

const CREATED = '2023-03-14T10:00:00+01:00';
const ALL_PROTOCOLS: Protocols = { IMAP: true, POP: true, webMail: true, activeSync: true };

/** Deterministic pseudo-random slot names like OVHcloud's (`a1b2c3@configureme.me`). */
function slotNames(seed: number): () => string {
  let x = seed >>> 0 || 1;
  const used = new Set<string>();
  return () => {
    for (;;) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const name = (x >>> 0).toString(36).padStart(6, '0').slice(-6);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

export function createSeed(options: SeedOptions): SandboxState {
  const state: SandboxState = { platforms: [], legacy: [], zones: [], nextId: 1000 };
  const id = () => {
    state.nextId += 1;
    return state.nextId;
  };
  const nextSlot = slotNames(0x5eed);

  const account = (
    svc: PlatformService,
    address: string | null,
    extra: Partial<PlatformAccount> = {},
  ): PlatformAccount => {
    const [login, domain] = address === null ? [nextSlot(), FREE_SLOT_DOMAIN] : address.split('@');
    const configured = address !== null;
    const a: PlatformAccount = {
      id: id(),
      login: login as string,
      domain: domain as string,
      configured,
      displayName: null,
      firstName: null,
      lastName: null,
      initial: null,
      password: null,
      quotaGb: svc.kind === 'exchange' ? 50 : svc.kind === 'emailpro' ? 10 : 5,
      state: 'ok',
      taskPendingId: 0,
      creationDate: configured ? CREATED : null,
      passwordLastUpdate: configured ? CREATED : null,
      lastUpdateDate: null,
      hiddenFromGAL: false,
      accountLicense: 'standard',
      protocol: { ...ALL_PROTOCOLS },
      aliases: [],
      unknownUntil: 0,
      attachmentBytes: 0,
      ...extra,
    };
    svc.accounts.push(a);
    return a;
  };
  const person = (
    svc: PlatformService,
    address: string,
    password: string,
    names: [string, string],
    extra: Partial<PlatformAccount> = {},
  ) =>
    account(svc, address, {
      password,
      firstName: names[0],
      lastName: names[1],
      displayName: `${names[0]} ${names[1]}`.trim(),
      ...extra,
    });
  const slots = (svc: PlatformService, count: number) => {
    for (let i = 0; i < count; i++) account(svc, null);
  };
  const domain = (
    name: string,
    type: PlatformDomain['type'],
    extra: Partial<PlatformDomain> = {},
  ): PlatformDomain => ({
    name,
    type,
    mxRelay: null,
    state: 'ok',
    taskPendingId: 0,
    cnameToCheck: null,
    domainValidated: true,
    main: false,
    ...extra,
  });
  const service = (
    kind: PlatformKind,
    name: string,
    fields: Partial<PlatformService> & Pick<PlatformService, 'displayName' | 'domain'>,
  ): PlatformService => {
    const svc: PlatformService = {
      kind,
      organization: name,
      name,
      hostname: SANDBOX_HOSTS[kind],
      offer: kind === 'exchange' ? 'hosted' : kind === 'emailpro' ? 'emailpro' : 'MXPLAN',
      minPasswordLength: 8,
      complexityEnabled: kind !== 'mxplan',
      maxSendSize: kind === 'exchange' ? 150 : 100,
      maxReceiveSize: kind === 'exchange' ? 150 : 100,
      creationDate: CREATED,
      serverIp:
        kind === 'exchange' ? '192.0.2.5' : kind === 'emailpro' ? '192.0.2.11' : '192.0.2.20',
      protocol: { ...ALL_PROTOCOLS },
      domains: [],
      accounts: [],
      tasks: [],
      ...fields,
    };
    state.platforms.push(svc);
    return svc;
  };

  // Hosted Exchange 1: the firm's main platform, the usual migration source.
  const ex1 = service('exchange', 'hosted-ab12345-1', {
    displayName: 'Dupont Avocats',
    domain: 'dupont-avocats.test',
  });
  ex1.domains.push(domain('dupont-avocats.test', 'authoritative', { main: true }));
  person(ex1, 'jean.dupont@dupont-avocats.test', 'Jd-Sandbox-2025!', ['Jean', 'Dupont'], {
    aliases: [
      { alias: 'jdupont@dupont-avocats.test', creationDate: CREATED },
      { alias: 'direction@dupont-avocats.test', creationDate: CREATED },
    ],
    attachmentBytes: 2_400_000,
  });
  person(ex1, 'marie.martin@dupont-avocats.test', 'Mm-Sandbox-2025!', ['Marie', 'Martin']);
  person(ex1, 'accueil@dupont-avocats.test', 'Acc-Sandbox-2025!', ['Accueil', ''], {
    protocol: { IMAP: false, POP: false, webMail: true, activeSync: true },
  });
  slots(ex1, 3);

  // Hosted Exchange 2: its domain is non-authoritative, relaying to E-mail Pro (mid-migration).
  const ex2 = service('exchange', 'hosted-ab12345-2', {
    displayName: 'Atelier Martin (Exchange)',
    domain: 'atelier-martin.test',
  });
  ex2.domains.push(
    domain('atelier-martin.test', 'nonAuthoritative', { main: true, mxRelay: SANDBOX_MX[0] }),
  );
  person(ex2, 'paul@atelier-martin.test', 'Pm-Sandbox-2025!', ['Paul', 'Martin']);
  slots(ex2, 2);

  // E-mail Pro 1: a second domain authoritative here, the atelier's domain shared with ex2.
  const pro1 = service('emailpro', 'emailpro-ab12345-1', {
    displayName: 'Boulangerie Petit',
    domain: 'boulangerie-petit.test',
    minPasswordLength: 9,
  });
  pro1.domains.push(
    domain('boulangerie-petit.test', 'authoritative'),
    domain('atelier-martin.test', 'nonAuthoritative', { mxRelay: SANDBOX_MX[0] }),
  );
  person(pro1, 'claire@boulangerie-petit.test', 'Cp-Sandbox-2025!', ['Claire', 'Petit'], {
    aliases: [{ alias: 'contact@boulangerie-petit.test', creationDate: CREATED }],
    attachmentBytes: 1_200_000,
  });
  person(pro1, 'commandes@boulangerie-petit.test', 'Cmd-Sandbox-2025!', ['Commandes', '']);
  slots(pro1, 4);

  // E-mail Pro 2: the big one, to measure how many requests a client makes.
  const pro2 = service('emailpro', 'emailpro-ab12345-2', {
    displayName: 'Grand Groupe',
    domain: 'grand-groupe.test',
    complexityEnabled: false,
  });
  pro2.domains.push(domain('grand-groupe.test', 'authoritative'));
  const configuredInBig = Math.min(20, options.bigServiceAccounts);
  for (let i = 1; i <= configuredInBig; i++) {
    const n = String(i).padStart(2, '0');
    person(pro2, `employe${n}@grand-groupe.test`, `Gg-Sandbox-${n}!`, ['Employé', n]);
  }
  slots(pro2, options.bigServiceAccounts - configuredInBig);

  // New MX Plan (E-mail-Pro-like API).
  const mx = service('mxplan', 'mxplan-ab12345-1', {
    displayName: 'Cabinet Leroy',
    domain: 'cabinet-leroy.test',
    complexityEnabled: false,
  });
  mx.domains.push(domain('cabinet-leroy.test', 'authoritative'));
  person(mx, 'sophie@cabinet-leroy.test', 'Sl-Sandbox-2025!', ['Sophie', 'Leroy']);
  slots(mx, 2);

  // Legacy MX Plan (Roundcube era): accounts by name, no slots, no renames.
  const legacyAccount = (accountName: string, password: string, description: string) =>
    ({
      accountName,
      password,
      description,
      size: 5_000_000_000,
      isBlocked: false,
      attachmentBytes: 0,
    }) satisfies LegacyAccount;
  const legacy = (domainName: string, maxAccounts: number, accounts: LegacyAccount[]) =>
    state.legacy.push({
      domain: domainName,
      offer: 'MXPLAN',
      creationDate: CREATED,
      allowedAccountSize: [2_500_000_000, 5_000_000_000],
      maxAccounts,
      accounts,
      tasks: [],
      migrating: [],
    } satisfies LegacyDomain);
  legacy('fleuriste-bernard.test', 5, [
    legacyAccount('contact', 'Fb-Sandbox-2025', 'Boutique'),
    legacyAccount('bernard', 'Bb-Sandbox-2025', 'Gérant'),
  ]);
  legacy('garage-durand.test', 10, [legacyAccount('atelier', 'Gd-Sandbox-2025', 'Atelier')]);

  // DNS zones of the customer's domains (a domain outside them needs a CNAME proof).
  const zone = (name: string, mx: string[], spf: boolean, autodiscover: boolean): DnsZone => {
    const records: DnsRecord[] = [];
    for (const [i, target] of mx.entries()) {
      records.push({
        id: id(),
        fieldType: 'MX',
        subDomain: '',
        target: `${i + 1} ${target}.`,
        ttl: 0,
      });
    }
    if (spf) {
      records.push({
        id: id(),
        fieldType: 'TXT',
        subDomain: '',
        target: `"${SANDBOX_SPF}"`,
        ttl: 0,
      });
    }
    if (autodiscover) {
      records.push({
        id: id(),
        fieldType: 'SRV',
        subDomain: '_autodiscover._tcp',
        target: `0 0 443 ${SANDBOX_AUTODISCOVER}.`,
        ttl: 0,
      });
    }
    return { name, records, published: records.map((r) => ({ ...r })) };
  };
  state.zones.push(
    zone('dupont-avocats.test', SANDBOX_MX, true, true),
    zone('atelier-martin.test', SANDBOX_MX, true, false),
    zone('boulangerie-petit.test', SANDBOX_MX, true, true),
    zone('grand-groupe.test', SANDBOX_MX, false, false),
    // MX pointing elsewhere: the diagnostic must say so.
    zone('cabinet-leroy.test', ['mx.autre-hebergeur.test'], false, false),
    zone('fleuriste-bernard.test', SANDBOX_MX, true, false),
    zone('garage-durand.test', SANDBOX_MX, true, false),
  );

  return state;
}
