import type { OvhClient } from '../ovh-api/index.ts';
import { sleep } from '../ovh-api/sleep.ts';
import type { PlatformAdapter, PlatformKind } from './adapter.ts';
import { createEmailProAdapter } from './email-pro.ts';
import { createExchangeAdapter } from './exchange.ts';
import { createMxPlanAdapter } from './mx-plan.ts';
import { createLegacyMxPlanAdapter, LEGACY_MX_PLAN_IMAP_HOST } from './mx-plan-legacy.ts';
import { type PollingOptions, resolvePolling } from './polling.ts';

export * from './adapter.ts';
export { FREE_SLOT_DOMAIN } from './normalize.ts';
export type { PollingOptions } from './polling.ts';
export type { PstExportLink, PstExportOptions } from './pst-export.ts';
export {
  expectedMailWindowSeconds,
  TYPICAL_TASK_SECONDS,
  type TypicalDurations,
} from './typical-durations.ts';
export {
  ASSUMED_USAGE_UNIT,
  inferUsageUnit,
  USAGE_UNITS,
  type UsageUnit,
  usageToBytes,
} from './usage.ts';

export interface AdaptersOptions {
  polling?: PollingOptions;
  /**
   * IMAP host of legacy MX Plan accounts (the API does not say it).
   * @default 'ssl0.ovh.net'
   */
  legacyMxPlanImapHost?: string;
}

/** One adapter per platform, sharing the client (and so its rate limit). */
export function createAdapters(
  client: OvhClient,
  options: AdaptersOptions = {},
): Record<PlatformKind, PlatformAdapter> {
  const polling = resolvePolling(options.polling, sleep);
  return {
    exchange: createExchangeAdapter(client, polling),
    email_pro: createEmailProAdapter(client, polling),
    mxplan: createMxPlanAdapter(client, polling),
    mxplan_legacy: createLegacyMxPlanAdapter(
      client,
      polling,
      options.legacyMxPlanImapHost ?? LEGACY_MX_PLAN_IMAP_HOST,
    ),
  };
}
