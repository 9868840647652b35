import type { MessageSpec, ParamsOf } from '../messages.ts';
import { fillTemplate, placeholdersOf } from '../messages.ts';
import type { CheckId, CheckStatus, PreflightCheck } from '../plan-types.ts';

/** One outcome of a check: its status, its English sentence, and what to do about it. */
export interface CheckMessageSpec<P extends string = string> extends MessageSpec<P> {
  readonly check: CheckId;
  readonly status: CheckStatus;
}

interface OutcomeText {
  status: CheckStatus;
  en: string;
  action?: string;
}

type OutcomeParams<O extends OutcomeText> =
  | ParamsOf<O['en']>
  | (O['action'] extends string ? ParamsOf<O['action']> : never);

/** The outcomes of check `id`, keyed by outcome: `preflight.<id>.<outcome>`. */
export function checkMessages<const M extends Record<string, OutcomeText>>(
  id: CheckId,
  outcomes: M,
): { readonly [K in keyof M]: CheckMessageSpec<OutcomeParams<M[K]>> } {
  const out: Record<string, CheckMessageSpec> = {};
  for (const [outcome, text] of Object.entries(outcomes)) {
    out[outcome] = {
      key: `preflight.${id}.${outcome}`,
      check: id,
      status: text.status,
      en: text.en,
      params: placeholdersOf(text.en, text.action),
      ...(text.action === undefined ? {} : { action: text.action }),
    };
  }
  return out as { readonly [K in keyof M]: CheckMessageSpec<OutcomeParams<M[K]>> };
}

/** A check's result from one of its outcomes. */
export function outcome<P extends string>(
  spec: CheckMessageSpec<P>,
  params: Record<P, string | number>,
): PreflightCheck {
  const values: Record<string, string | number> = { ...params };
  return {
    id: spec.check,
    status: spec.status,
    key: spec.key,
    params: values,
    message: fillTemplate(spec.en, values),
    ...(spec.action === undefined ? {} : { action: fillTemplate(spec.action, values) }),
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
