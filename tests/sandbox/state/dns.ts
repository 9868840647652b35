// DNS zones of the customer: the domain diagnostics (mxIsValid, spfIsValid, srvIsValid) read the
// published records; `configureMx`/`configureSPF`/`configureAutodiscover` and the zone routes
// write them.

import { type DnsZone, nextId, type SandboxState } from './model.ts';
import { SANDBOX_AUTODISCOVER, SANDBOX_MX, SANDBOX_SPF } from './seed.ts';

export function zoneOf(state: SandboxState, name: string): DnsZone | undefined {
  return state.zones.find((z) => z.name === name.toLowerCase());
}

/** Points a zone's mail records at the sandbox's servers, as OVHcloud does for its own zones
 * when a domain is added with configureMx / configureSPF / configureAutodiscover. */
export function configureMailRecords(
  state: SandboxState,
  name: string,
  what: { mx: boolean; spf: boolean; autodiscover: boolean },
): void {
  const zone = zoneOf(state, name);
  if (zone === undefined) return;
  const keep = zone.records.filter(
    (r) =>
      !(what.mx && r.fieldType === 'MX' && r.subDomain === '') &&
      !(
        what.spf &&
        ['TXT', 'SPF'].includes(r.fieldType) &&
        r.subDomain === '' &&
        r.target.includes('v=spf1')
      ) &&
      !(what.autodiscover && r.fieldType === 'SRV' && r.subDomain === '_autodiscover._tcp'),
  );
  if (what.mx) {
    for (const [i, mx] of SANDBOX_MX.entries()) {
      keep.push({
        id: nextId(state),
        fieldType: 'MX',
        subDomain: '',
        target: `${i + 1} ${mx}.`,
        ttl: 0,
      });
    }
  }
  if (what.spf) {
    keep.push({
      id: nextId(state),
      fieldType: 'TXT',
      subDomain: '',
      target: `"${SANDBOX_SPF}"`,
      ttl: 0,
    });
  }
  if (what.autodiscover) {
    keep.push({
      id: nextId(state),
      fieldType: 'SRV',
      subDomain: '_autodiscover._tcp',
      target: `0 0 443 ${SANDBOX_AUTODISCOVER}.`,
      ttl: 0,
    });
  }
  zone.records = keep;
  zone.published = keep.map((r) => ({ ...r }));
}
