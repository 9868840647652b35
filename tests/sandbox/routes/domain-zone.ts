// DNS zones (/domain/zone/{zoneName}/record...), for the MX/SPF/autodiscover correction after a
// migration. Edits change the zone; resolvers (and so the domain diagnostics) see them after
// POST .../refresh, as with OVHcloud's DNS.

import { objectNotFound } from '../http/api-error.ts';
import { zoneOf } from '../state/dns.ts';
import { type DnsRecord, type DnsZone, nextId } from '../state/model.ts';
import { addRoute, type HandlerRequest, pathText, type Routes } from './handler.ts';
import { iamOf } from './platform/views.ts';

const Z = '/domain/zone/{zoneName}';

function zone(request: HandlerRequest): DnsZone {
  const name = pathText(request, 'zoneName');
  const found = zoneOf(request.sandbox.state, name);
  if (found === undefined) throw objectNotFound('zoneName', name);
  return found;
}

function record(request: HandlerRequest): { zone: DnsZone; record: DnsRecord } {
  const z = zone(request);
  const found = z.records.find((r) => r.id === request.path.id);
  if (found === undefined) throw objectNotFound('id', String(request.path.id));
  return { zone: z, record: found };
}

const recordView = (z: DnsZone, r: DnsRecord) => ({ ...r, zone: z.name });

export function domainZoneRoutes(routes: Routes): void {
  addRoute(routes, 'GET', '/domain/zone', (request) =>
    request.sandbox.state.zones.map((z) => z.name),
  );
  addRoute(routes, 'GET', Z, (request) => {
    const z = zone(request);
    return {
      dnssecSupported: true,
      hasDnsAnycast: false,
      iam: iamOf('dnsZone', z.name, z.name),
      lastUpdate: null,
      name: z.name,
      nameServers: ['dns1.sandbox.test', 'ns1.sandbox.test'],
    };
  });
  addRoute(routes, 'GET', `${Z}/record`, (request) => {
    const { fieldType, subDomain } = request.query;
    return zone(request)
      .records.filter((r) => fieldType === undefined || r.fieldType === fieldType)
      .filter((r) => subDomain === undefined || r.subDomain === subDomain)
      .map((r) => r.id);
  });
  addRoute(routes, 'POST', `${Z}/record`, (request) => {
    const z = zone(request);
    const body = request.body;
    const created: DnsRecord = {
      id: nextId(request.sandbox.state),
      fieldType: String(body.fieldType),
      subDomain: typeof body.subDomain === 'string' ? body.subDomain : '',
      target: String(body.target),
      ttl: typeof body.ttl === 'number' ? body.ttl : 0,
    };
    z.records.push(created);
    return recordView(z, created);
  });
  addRoute(routes, 'GET', `${Z}/record/{id}`, (request) => {
    const found = record(request);
    return recordView(found.zone, found.record);
  });
  addRoute(routes, 'PUT', `${Z}/record/{id}`, (request) => {
    const { record: r } = record(request);
    const body = request.body;
    if (typeof body.subDomain === 'string') r.subDomain = body.subDomain;
    if (typeof body.target === 'string') r.target = body.target;
    if (typeof body.ttl === 'number') r.ttl = body.ttl;
    return undefined;
  });
  addRoute(routes, 'DELETE', `${Z}/record/{id}`, (request) => {
    const found = record(request);
    found.zone.records = found.zone.records.filter((r) => r !== found.record);
    return undefined;
  });
  addRoute(routes, 'POST', `${Z}/refresh`, (request) => {
    const z = zone(request);
    z.published = z.records.map((r) => ({ ...r }));
    return undefined;
  });
}
