import { z } from 'zod';
import { exchange, type OvhClient, ovhPath } from '../ovh-api/index.ts';
import type { PlatformAdapter, ServiceRef } from './adapter.ts';
import { createFamilyAdapter } from './family.ts';
import type { ResolvedPolling } from './polling.ts';

const NAMES = z.array(z.string());

/** Hosted Exchange: `/email/exchange/{organization}/service/{service}` (reference §3). */
export function createExchangeAdapter(
  client: OvhClient,
  polling: ResolvedPolling,
): PlatformAdapter {
  return createFamilyAdapter(
    client,
    {
      kind: 'exchange',
      product: 'Hosted Exchange',
      capabilities: {
        rename: true,
        slots: true,
        createAccount: false,
        manageDomains: true,
        aliases: true,
        protocols: true,
        reset: true,
      },
      async listServices(api, options) {
        const request = options?.signal ? { signal: options.signal } : {};
        const organizations = await api.get('/email/exchange', NAMES, request);
        const refs: ServiceRef[] = [];
        for (const organization of organizations) {
          const services = await api.get(
            ovhPath`/email/exchange/${organization}/service`,
            NAMES,
            request,
          );
          for (const service of services) refs.push({ kind: 'exchange', organization, service });
        }
        return refs;
      },
      base: (ref) =>
        ovhPath`/email/exchange/${ref.organization ?? ref.service}/service/${ref.service}`,
      passwordMaxLength: 128,
      accountTasks: 'tasks',
      pstExport: true,
      schemas: {
        service: exchange.ExchangeServiceSchema,
        account: exchange.AccountSchema,
        domain: exchange.DomainSchema,
        task: exchange.TaskSchema,
        protocol: exchange.ExchangeAccountProtocolSchema,
      },
    },
    polling,
  );
}
