import type { CheckId, CheckStatus, PreflightCheck } from '../plan-types.ts';

/** Builds a check; `key` is `preflight.<id>.<outcome>` so a UI can translate it. */
export function check(
  id: CheckId,
  status: CheckStatus,
  outcome: string,
  message: string,
  options: { action?: string; params?: Record<string, string | number> } = {},
): PreflightCheck {
  return {
    id,
    status,
    key: `preflight.${id}.${outcome}`,
    params: options.params ?? {},
    message,
    ...(options.action === undefined ? {} : { action: options.action }),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

export const PRODUCT_NAMES = {
  exchange: 'Exchange',
  email_pro: 'E-mail Pro',
  mxplan: 'MX Plan',
  mxplan_legacy: 'MX Plan',
} as const;
