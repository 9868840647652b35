import { z } from 'zod';
import { type OvhClient, pro } from '../ovh-api/index.ts';
import type { PlatformAdapter } from './adapter.ts';
import { createFamilyAdapter } from './family.ts';
import type { ResolvedPolling } from './polling.ts';

const NAMES = z.array(z.string());

/** E-mail Pro: `/email/pro/{service}`, Exchange's model without per-account protocols. */
export function createEmailProAdapter(
  client: OvhClient,
  polling: ResolvedPolling,
): PlatformAdapter {
  return createFamilyAdapter(
    client,
    {
      kind: 'email_pro',
      product: 'E-mail Pro',
      capabilities: {
        rename: true,
        slots: true,
        createAccount: false,
        manageDomains: true,
        aliases: true,
        protocols: false,
        reset: true,
      },
      async listServices(api, options) {
        const services = await api.get(
          '/email/pro',
          NAMES,
          options?.signal ? { signal: options.signal } : {},
        );
        return services.map((service) => ({ kind: 'email_pro' as const, service }));
      },
      base: (ref) => `/email/pro/${encodeURIComponent(ref.service)}`,
      passwordMaxLength: 30,
      accountTasks: 'tasks',
      schemas: {
        service: pro.ServiceNativeSchema,
        account: pro.AccountNativeSchema,
        domain: pro.DomainNativeSchema,
        task: pro.TaskSchema,
      },
    },
    polling,
  );
}
