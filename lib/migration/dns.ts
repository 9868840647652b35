/**
 * After the move (guide §1, last step): the destination's DNS diagnosis, and, where the domain's
 * zone is hosted at OVHcloud, the record changes that make MX, SPF and autodiscover match what
 * the destination expects. Nothing is written without an explicit confirmation.
 */
import { z } from 'zod';
import { isOvhApiError, type OvhClient, ovhPath, zone } from '../ovh-api/index.ts';
import type { DnsDiagnosis } from '../platforms/index.ts';
import { MigrationError } from './errors.ts';

export interface DnsRecordChange {
  kind: 'mx' | 'spf' | 'autodiscover';
  /** Records to delete (ids in the zone), with their current target for display. */
  remove: Array<{ id: number; target: string }>;
  add: Array<{ fieldType: 'MX' | 'TXT' | 'SRV'; subDomain: string; target: string }>;
  /** One plain sentence for the confirmation dialog. */
  description: string;
}

export interface DnsFix {
  domain: string;
  /** The zone is hosted at OVHcloud in this account: the changes can be applied. */
  hosted: boolean;
  changes: DnsRecordChange[];
}

/** OVHcloud's MX priorities: mx0 1, mx1 5, mx2 50, mx3 100, mx4 200 (reference §4). */
const MX_PRIORITIES = [1, 5, 50, 100, 200];
const IDS = z.array(z.number());
const NOTHING = z.unknown();

export async function planDnsFix(
  client: OvhClient,
  domain: string,
  dns: DnsDiagnosis,
  options: { signal?: AbortSignal } = {},
): Promise<DnsFix> {
  const base = ovhPath`/domain/zone/${domain}`;
  const request = options.signal ? { signal: options.signal } : {};
  let hosted = true;
  const records = async (fieldType: string, subDomain: string) => {
    const ids = await client.get(`${base}/record`, IDS, {
      ...request,
      query: { fieldType, subDomain },
    });
    return Promise.all(
      ids.map((id) => client.get(`${base}/record/${id}`, zone.ZoneRecordSchema, request)),
    );
  };
  try {
    await client.get(base, zone.ZoneSchema, request);
  } catch (error) {
    if (isOvhApiError(error) && error.code === 'not_found') hosted = false;
    else throw error;
  }
  const changes: DnsRecordChange[] = [];
  if (!hosted) return { domain, hosted, changes };

  if (dns.mxValid === false && dns.expectedMx.length > 0) {
    const current = await records('MX', '');
    changes.push({
      kind: 'mx',
      remove: current.map((r) => ({ id: r.id, target: r.target })),
      add: dns.expectedMx.map((host, i) => ({
        fieldType: 'MX',
        subDomain: '',
        target: `${MX_PRIORITIES[i] ?? 10 * (i + 1)} ${host.replace(/\.$/, '')}.`,
      })),
      description: `Point the MX records of ${domain} to ${dns.expectedMx.join(', ')}.`,
    });
  }
  if (dns.spfValid === false && dns.expectedSpf) {
    const current = (await records('TXT', '')).filter((r) =>
      r.target.replace(/^"/, '').startsWith('v=spf1'),
    );
    changes.push({
      kind: 'spf',
      remove: current.map((r) => ({ id: r.id, target: r.target })),
      add: [{ fieldType: 'TXT', subDomain: '', target: `"${dns.expectedSpf}"` }],
      description: `Set the SPF record of ${domain} to ${dns.expectedSpf}.`,
    });
  }
  if (dns.srvValid === false && dns.expectedAutodiscoverSrv) {
    // Expected as a full line: `_autodiscover._tcp.<domain>. IN SRV 0 0 443 <host>.`
    const target = /SRV\s+(.*)$/.exec(dns.expectedAutodiscoverSrv)?.[1]?.trim();
    if (target) {
      const current = await records('SRV', '_autodiscover._tcp');
      changes.push({
        kind: 'autodiscover',
        remove: current.map((r) => ({ id: r.id, target: r.target })),
        add: [{ fieldType: 'SRV', subDomain: '_autodiscover._tcp', target }],
        description: `Set the autodiscover record of ${domain} to ${target}.`,
      });
    }
  }
  return { domain, hosted, changes };
}

/** Applies the changes, then publishes the zone. DNS takes 4 to 24 hours to propagate. */
export async function applyDnsFix(
  client: OvhClient,
  fix: DnsFix,
  options: { confirm: boolean; signal?: AbortSignal },
): Promise<void> {
  if (!options.confirm) {
    throw new MigrationError(
      'invalid_state',
      'Changing DNS records needs an explicit confirmation.',
    );
  }
  if (!fix.hosted || fix.changes.length === 0) return;
  const base = ovhPath`/domain/zone/${fix.domain}`;
  const request = options.signal ? { signal: options.signal } : {};
  for (const change of fix.changes) {
    for (const record of change.remove) {
      await client.delete(`${base}/record/${record.id}`, NOTHING, request);
    }
    for (const record of change.add) {
      await client.post(`${base}/record`, { ...record, ttl: 0 }, zone.ZoneRecordSchema, request);
    }
  }
  await client.post(`${base}/refresh`, {}, NOTHING, request);
}
