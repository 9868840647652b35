// Every pair of the guide end to end (issue 4, tests): the destination mailbox equals the source's
// (special folders mapped as the proxy reports), the source renamed and intact, the domain
// non-authoritative on both platforms, aliases recreated.

import { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import {
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  planMigration,
} from '../../lib/migration/index.ts';
import type { PlatformAdapter, ServiceRef } from '../../lib/platforms/index.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { sandboxAdapters, sandboxClient } from '../platforms/helpers.ts';
import type { Sandbox } from '../sandbox/index.ts';
import {
  EX1,
  EX2,
  httpCopyClient,
  MXPLAN,
  PRO1,
  snapshotEndpoint,
  useSandboxProxy,
} from './helpers.ts';

const { sandbox, proxy } = useSandboxProxy();

const PRO2: ServiceRef = { kind: 'email_pro', service: 'emailpro-ab12345-2' };
const HOST = {
  exchange: 'ex5.mail.sandbox.test',
  email_pro: 'pro1.mail.sandbox.test',
  mxplan: 'ssl0.sandbox.test',
} as const;
const RELAY = 'mx1.mail.sandbox.test';

function hostOf(ref: ServiceRef): string {
  if (ref.kind === 'mxplan_legacy') return HOST.mxplan;
  return HOST[ref.kind];
}

type Adapters = ReturnType<typeof sandboxAdapters>;

interface Case {
  name: string;
  source: ServiceRef;
  destination: ServiceRef;
  address: string;
  password: string;
  /** Builds the source account when the seed has none that fits. */
  setup?: (adapters: Adapters) => Promise<void>;
}

/** Appends a few messages over IMAP, in INBOX and a subfolder. */
async function seedMail(sb: Sandbox, host: string, user: string, password: string) {
  const login = sb.imapLogin(host, user, password);
  const client = new ImapFlow({
    host: login.host,
    port: login.port,
    secure: true,
    servername: login.servername,
    tls: { ca: login.ca },
    auth: { user, pass: password },
    logger: false,
  });
  await client.connect();
  try {
    await client.mailboxCreate('Dossiers').catch(() => undefined);
    for (const [folder, n] of [
      ['INBOX', 1],
      ['INBOX', 2],
      ['Dossiers', 3],
    ] as const) {
      const message = [
        'From: client@example.test',
        `To: ${user}`,
        `Subject: [${user}] message ${n}`,
        `Message-ID: <seed-${n}-${user}>`,
        'Date: Mon, 3 Nov 2025 10:00:00 +0100',
        '',
        `Body ${n}`,
        '',
      ].join('\r\n');
      await client.append(folder, message, n === 2 ? ['\\Seen'] : []);
    }
  } finally {
    await client.logout();
  }
}

/** An account on a legacy MX Plan's domain, on `ref` (the legacy platform has no domain object). */
function accountOnLegacyDomain(ref: ServiceRef) {
  return async (adapters: Adapters) => {
    const domain = 'fleuriste-bernard.test';
    const adapter: PlatformAdapter = adapters[ref.kind];
    await adapter.addDomain(ref, { name: domain, type: 'nonAuthoritative', mxRelay: RELAY });
    const [slot] = await adapter.listFreeSlots(ref);
    if (!slot) throw new Error('no free slot');
    const address = await adapter.configureSlot(ref, slot.address, { login: 'livraisons', domain });
    await adapter.changePassword(ref, address, 'Livr-Sandbox-2025!');
    await seedMail(sandbox(), hostOf(ref), address, 'Livr-Sandbox-2025!');
  };
}

/** An account on MX Plan's domain (cabinet-leroy.test) on `ref`, both platforms non-authoritative. */
function accountOnMxPlanDomain(ref: ServiceRef) {
  return async (adapters: Adapters) => {
    const domain = 'cabinet-leroy.test';
    await adapters.mxplan.changeDomain(MXPLAN, domain, {
      type: 'nonAuthoritative',
      mxRelay: RELAY,
    });
    const adapter: PlatformAdapter = adapters[ref.kind];
    await adapter.addDomain(ref, { name: domain, type: 'nonAuthoritative', mxRelay: RELAY });
    const [slot] = await adapter.listFreeSlots(ref);
    if (!slot) throw new Error('no free slot');
    const address = await adapter.configureSlot(ref, slot.address, {
      login: 'martin',
      domain,
      displayName: 'Martin',
    });
    await adapter.changePassword(ref, address, 'Mn-Sandbox-2025!');
    await seedMail(sandbox(), hostOf(ref), address, 'Mn-Sandbox-2025!');
  };
}

const CASES: Case[] = [
  {
    // Jean has two aliases, and both services share one host: the aliases move off the source.
    name: 'Exchange → Exchange',
    source: EX1,
    destination: EX2,
    address: 'jean.dupont@dupont-avocats.test',
    password: 'Jd-Sandbox-2025!',
  },
  {
    name: 'E-mail Pro → Exchange',
    source: PRO1,
    destination: EX1,
    address: 'claire@boulangerie-petit.test',
    password: 'Cp-Sandbox-2025!',
  },
  {
    name: 'E-mail Pro → E-mail Pro',
    source: PRO1,
    destination: PRO2,
    address: 'commandes@boulangerie-petit.test',
    password: 'Cmd-Sandbox-2025!',
  },
  {
    name: 'Exchange → MX Plan',
    source: EX1,
    destination: MXPLAN,
    address: 'martin@cabinet-leroy.test',
    password: 'Mn-Sandbox-2025!',
    setup: accountOnMxPlanDomain(EX1),
  },
  {
    name: 'E-mail Pro → MX Plan',
    source: PRO1,
    destination: MXPLAN,
    address: 'martin@cabinet-leroy.test',
    password: 'Mn-Sandbox-2025!',
    setup: accountOnMxPlanDomain(PRO1),
  },
  {
    name: 'Exchange → legacy MX Plan (account created, no slot)',
    source: EX1,
    destination: { kind: 'mxplan_legacy', service: 'fleuriste-bernard.test' },
    address: 'livraisons@fleuriste-bernard.test',
    password: 'Livr-Sandbox-2025!',
    setup: accountOnLegacyDomain(EX1),
  },
  {
    name: 'MX Plan → E-mail Pro',
    source: MXPLAN,
    destination: PRO1,
    address: 'sophie@cabinet-leroy.test',
    password: 'Sl-Sandbox-2025!',
  },
];

describe.each(CASES)('$name', (c) => {
  it('moves the address with its mail; the API ends in the guide’s end state', async () => {
    await sandbox().reset();
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    await c.setup?.(adapters);
    const sourceHost = hostOf(c.source);
    const destinationHost = hostOf(c.destination);
    const before = await snapshotMailbox(
      snapshotEndpoint(sandbox(), sourceHost, c.address, c.password),
    );
    expect(before.messageCount).toBeGreaterThan(0);
    const aliases = await adapters[c.source.kind].listAliases(c.source, c.address);

    const copy = httpCopyClient(proxy().url, proxy().token);
    const { plan, passwords } = await planMigration(
      {
        source: { service: c.source, address: c.address },
        destination: { service: c.destination },
        sourcePassword: { mode: 'keep', password: c.password },
      },
      { adapters, copy },
    );
    expect(plan.checks.filter((x) => x.status === 'fail')).toEqual([]);
    const state = await createMigrationRunner({
      runId: c.name,
      adapters,
      copy,
      store: createMemoryRunStore(),
      secrets: createMemorySecretStore(),
      pollMs: 30,
    }).start(plan, passwords);
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('completed');

    // Folders as the proxy mapped them (special folders by SPECIAL-USE).
    const folderMap = new Map(state.report?.copy?.folders.map((f) => [f.source, f.destination]));
    const destination = await snapshotMailbox(
      snapshotEndpoint(sandbox(), destinationHost, c.address, passwords.destination),
    );
    expect(compareSnapshots(before, destination, folderMap, { extraFolders: false })).toEqual([]);
    const renamed = await snapshotMailbox(
      snapshotEndpoint(sandbox(), sourceHost, plan.provisional.address, c.password),
    );
    expect(compareSnapshots(before, renamed)).toEqual([]);

    const [login, domain] = c.address.split('@') as [string, string];
    expect(plan.provisional.address).toBe(`${login}01@${domain}`);
    for (const [adapter, ref] of [
      [adapters[c.source.kind], c.source],
      [adapters[c.destination.kind], c.destination],
    ] as const) {
      // The legacy MX Plan has no domain object: its domain is the service.
      if (ref.kind === 'mxplan_legacy') continue;
      expect(await adapter.getDomain(ref, domain)).toMatchObject({
        type: 'nonAuthoritative',
        state: 'ok',
      });
    }
    expect(await adapters[c.destination.kind].getAccount(c.destination, c.address)).toMatchObject({
      configured: true,
      freeSlot: false,
    });
    expect(
      (await adapters[c.destination.kind].listAliases(c.destination, c.address)).sort(),
    ).toEqual(aliases.sort());
    // An address has one owner: what moved is gone from the renamed source.
    const left = await adapters[c.source.kind].listAliases(c.source, plan.provisional.address);
    for (const alias of aliases) {
      if (c.source.kind === c.destination.kind && sourceHost === destinationHost) {
        expect(left).not.toContain(alias);
      }
    }
  });
});
