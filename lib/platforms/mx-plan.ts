import { z } from 'zod';
import { mxplan, type OvhClient } from '../ovh-api/index.ts';
import type { PlatformAdapter } from './adapter.ts';
import { createFamilyAdapter } from './family.ts';
import { LEGACY_MX_PLAN_IMAP_HOST } from './mx-plan-legacy.ts';
import type { ResolvedPolling } from './polling.ts';

const NAMES = z.array(z.string());

/**
 * The new MX Plan: `/email/mxplan/{service}`, an E-mail-Pro-like model whose domain is fixed to
 * the service (no domain to add: reference §1, phase 1) and whose account tasks live under `task`.
 */
export function createMxPlanAdapter(client: OvhClient, polling: ResolvedPolling): PlatformAdapter {
  return createFamilyAdapter(
    client,
    {
      kind: 'mxplan',
      product: 'MX Plan',
      capabilities: {
        rename: true,
        slots: true,
        createAccount: false,
        manageDomains: false,
        aliases: true,
        protocols: false,
        reset: true,
      },
      async listServices(api, options) {
        const services = await api.get(
          '/email/mxplan',
          NAMES,
          options?.signal ? { signal: options.signal } : {},
        );
        return services.map((service) => ({ kind: 'mxplan' as const, service }));
      },
      base: (ref) => `/email/mxplan/${encodeURIComponent(ref.service)}`,
      passwordMaxLength: 30,
      accountTasks: 'task',
      defaultImapHost: LEGACY_MX_PLAN_IMAP_HOST,
      schemas: {
        service: mxplan.ServiceSchema,
        account: mxplan.AccountSchema,
        domain: mxplan.DomainSchema,
        task: mxplan.TaskSchema,
      },
    },
    polling,
  );
}
