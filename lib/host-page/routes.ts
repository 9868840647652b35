/**
 * The control panel's e-mail routes, in one table (issue 9, "Where it appears"). The container
 * copies the product page's route into the top frame's hash, so the hash alone says which
 * service the person is looking at. Each entry carries example URLs, and
 * tests/unit/host-page/routes.test.ts runs every one of them: a route the panel changes shows up
 * as a failing example, not as a panel that silently preselects nothing.
 *
 * Facts: /work/shared/reference/control-panel.md, "Hosts, frames, routes". The account is
 * usually NOT in the URL (Exchange `/account/{email}` redirects to `/account`): it is only
 * preselected when a sub-page keeps it.
 */
import type { ServiceRef } from '../platforms/index.ts';

/** What the page shows: a service, and the account when the URL names one. */
export interface PageService {
  service: ServiceRef;
  /** Full address of the account the page is about, when the URL has it. */
  account?: string;
}

export interface RouteExample {
  url: string;
  /** What detection must give for it; `undefined`: not a service page. */
  expect: PageService | undefined;
}

export interface RouteEntry {
  /** Which control-panel app: the first route segment after the optional `web/` prefix. */
  app: string;
  /** Reads the segments after `app` (decoded); undefined when they do not name a service. */
  match(segments: readonly string[]): PageService | undefined;
  examples: readonly RouteExample[];
}

/** Route words that sit where an id would and are not one. */
const NOT_AN_ID: ReadonlySet<string> = new Set(['order', 'onboarding', 'new', '']);

const isId = (segment: string | undefined): segment is string =>
  segment !== undefined && !NOT_AN_ID.has(segment.toLowerCase());

/** `…/account/{email}/…`: the address when the segment is one (not `update`, `add`…). */
function accountAfter(
  segments: readonly string[],
  index: number,
  word: string,
): string | undefined {
  if (segments[index] !== word) return undefined;
  const value = segments[index + 1];
  return value?.includes('@') ? value.toLowerCase() : undefined;
}

function withAccount(service: ServiceRef, account: string | undefined): PageService {
  return account === undefined ? { service } : { service, account };
}

const EU = 'https://www.ovh.com/manager/';
const EU_NEW = 'https://manager.eu.ovhcloud.com/';
const CA = 'https://ca.ovh.com/manager/';
const CA_NEW = 'https://manager.ca.ovhcloud.com/';

export const ROUTES: readonly RouteEntry[] = [
  {
    // #/web/exchange/{organization}/{service}[/account[/{email}/…]]
    app: 'exchange',
    match([organization, service, ...rest]) {
      if (!isId(organization) || !isId(service)) return undefined;
      return withAccount(
        { kind: 'exchange', organization, service },
        accountAfter(rest, 0, 'account'),
      );
    },
    examples: [
      {
        url: `${EU}#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account`,
        expect: {
          service: {
            kind: 'exchange',
            organization: 'hosted-ab12345-1',
            service: 'hosted-ab12345-1',
          },
        },
      },
      {
        url: `${EU_NEW}#/web/exchange/private-zz1-1/exchange-zz1-1`,
        expect: {
          service: { kind: 'exchange', organization: 'private-zz1-1', service: 'exchange-zz1-1' },
        },
      },
      {
        url: `${EU}#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account/jean.dupont%40dupont-avocats.test/alias`,
        expect: {
          service: {
            kind: 'exchange',
            organization: 'hosted-ab12345-1',
            service: 'hosted-ab12345-1',
          },
          account: 'jean.dupont@dupont-avocats.test',
        },
      },
      {
        // "Modify" passes the account outside the URL: only the service is known.
        url: `${CA}#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account/update`,
        expect: {
          service: {
            kind: 'exchange',
            organization: 'hosted-ab12345-1',
            service: 'hosted-ab12345-1',
          },
        },
      },
      { url: `${EU}#/web/exchange/order`, expect: undefined },
      { url: `${EU}#/web/exchange/onboarding`, expect: undefined },
      { url: `${EU}#/web/exchange/hosted-ab12345-1/order`, expect: undefined },
    ],
  },
  {
    // #/web/email_pro/{service}[/account[/{email}/…]]
    app: 'email_pro',
    match([service, ...rest]) {
      if (!isId(service)) return undefined;
      return withAccount({ kind: 'email_pro', service }, accountAfter(rest, 0, 'account'));
    },
    examples: [
      {
        url: `${EU}#/web/email_pro/emailpro-ab12345-1`,
        expect: { service: { kind: 'email_pro', service: 'emailpro-ab12345-1' } },
      },
      {
        url: `${CA_NEW}#/email_pro/emailpro-ab12345-1/account`,
        expect: { service: { kind: 'email_pro', service: 'emailpro-ab12345-1' } },
      },
      {
        url: `${EU}#/web/email_pro/emailpro-ab12345-1/account/claire@boulangerie-petit.test/alias`,
        expect: {
          service: { kind: 'email_pro', service: 'emailpro-ab12345-1' },
          account: 'claire@boulangerie-petit.test',
        },
      },
      { url: `${EU}#/web/email_pro/onboarding`, expect: undefined },
    ],
  },
  {
    // New MX Plan: #/web/email_mxplan/{service}[/account[/{email}/…]]
    app: 'email_mxplan',
    match([service, ...rest]) {
      if (!isId(service)) return undefined;
      return withAccount({ kind: 'mxplan', service }, accountAfter(rest, 0, 'account'));
    },
    examples: [
      {
        url: `${EU}#/web/email_mxplan/mxplan-ab12345-1`,
        expect: { service: { kind: 'mxplan', service: 'mxplan-ab12345-1' } },
      },
      {
        url: `${CA}#/web/email_mxplan/mxplan-ab12345-1/account/sophie%40cabinet-leroy.test/alias`,
        expect: {
          service: { kind: 'mxplan', service: 'mxplan-ab12345-1' },
          account: 'sophie@cabinet-leroy.test',
        },
      },
    ],
  },
  {
    // Legacy MX Plan: #/web/email_domain/{domain}[/email[/{accountName}/…]]. Its dashboard
    // redirects to email_mxplan when the domain was moved: the final URL wins (re-detected on
    // every location change).
    app: 'email_domain',
    match([domain, ...rest]) {
      if (!isId(domain) || !domain.includes('.')) return undefined;
      const service: ServiceRef = { kind: 'mxplan_legacy', service: domain.toLowerCase() };
      const name = rest[0] === 'email' ? rest[1] : undefined;
      if (name === undefined || !isId(name)) return { service };
      const login = name.includes('@') ? name.split('@')[0] : name;
      return { service, account: `${login}@${domain}`.toLowerCase() };
    },
    examples: [
      {
        url: `${EU}#/web/email_domain/fleuriste-bernard.test`,
        expect: { service: { kind: 'mxplan_legacy', service: 'fleuriste-bernard.test' } },
      },
      {
        url: `${EU}#/web/email_domain/fleuriste-bernard.test/email`,
        expect: { service: { kind: 'mxplan_legacy', service: 'fleuriste-bernard.test' } },
      },
      {
        url: `${EU}#/web/email_domain/fleuriste-bernard.test/email/contact/migrate`,
        expect: {
          service: { kind: 'mxplan_legacy', service: 'fleuriste-bernard.test' },
          account: 'contact@fleuriste-bernard.test',
        },
      },
      {
        // Older links: /configuration/ prefix, stripped.
        url: `${EU}#/configuration/email_domain/garage-durand.test`,
        expect: { service: { kind: 'mxplan_legacy', service: 'garage-durand.test' } },
      },
      { url: `${EU}#/web/email_domain/order`, expect: undefined },
    ],
  },
];

/** Pages that are not about one service: the panel then offers every service. */
export const OTHER_EXAMPLES: readonly RouteExample[] = [
  { url: `${EU}#/web`, expect: undefined },
  { url: `${EU}`, expect: undefined },
  { url: `${EU_NEW}#/web/domain/dupont-avocats.test/zone`, expect: undefined },
  { url: `${EU}#/hub`, expect: undefined },
];
