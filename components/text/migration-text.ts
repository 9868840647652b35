/**
 * lib/migration's message keys in the panel's language: step titles and descriptions,
 * preflight sentences and their actions, and every error code with what to do next.
 */
import type { MessageKey } from '../../lib/i18n/en.ts';
import type { Formatters } from '../../lib/i18n/format.ts';
import type { Params, Translator } from '../../lib/i18n/translate.ts';
import type {
  MigrationErrorJSON,
  MigrationPlan,
  PlannedStep,
  PreflightCheck,
  StepId,
} from '../../lib/migration/index.ts';
import { ERROR_CODES, type ErrorCode } from '../../lib/proxy-contract/index.ts';

const PRODUCTS = {
  exchange: 'Exchange',
  email_pro: 'E-mail Pro',
  mxplan: 'MX Plan',
  mxplan_legacy: 'MX Plan',
} as const;

export const productName = (kind: keyof typeof PRODUCTS) => PRODUCTS[kind];

const UNIT_BYTES: Record<string, number> = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** Params whose values lib/migration wrote in English: words (`items`, `side`), sizes ("1.0 MB"). */
function translateParams(tr: Translator, params: Params, fmt?: Formatters): Params {
  const out: Params = { ...params };
  for (const [name, value] of Object.entries(params)) {
    const size = typeof value === 'string' ? /^(\d+(?:\.\d+)?) (KB|MB|GB)$/.exec(value) : null;
    if (size && fmt) out[name] = fmt.bytes(Number(size[1]) * (UNIT_BYTES[size[2] ?? ''] ?? 1));
  }
  if (typeof params.items === 'string') {
    out.items = params.items
      .split(', ')
      .map((word) => tr.lookup(`word.${word}`) ?? word)
      .join(', ');
  }
  if (typeof params.side === 'string') out.side = tr.lookup(`word.${params.side}`) ?? params.side;
  return out;
}

export function stepTitle(tr: Translator, id: StepId): string {
  return tr.lookup(`step.${id}.title`) ?? id;
}

export function stepDescription(tr: Translator, step: PlannedStep | undefined): string {
  if (!step) return '';
  return tr.lookup(step.key, translateParams(tr, step.params)) ?? step.description;
}

export function checkText(
  tr: Translator,
  check: PreflightCheck,
  fmt?: Formatters,
): { text: string; action?: string } {
  const params = translateParams(tr, check.params, fmt);
  const text = tr.lookup(check.key, params) ?? check.message;
  const action =
    check.action === undefined
      ? undefined
      : (tr.lookup(`${check.key}.action`, params) ?? check.action);
  return action === undefined ? { text } : { text, action };
}

const isProxyCode = (code: string | undefined): code is ErrorCode =>
  code !== undefined && (ERROR_CODES as readonly string[]).includes(code);

/** An error in plain words: what happened, and the next action. Never a stack trace. */
export function errorText(
  tr: Translator,
  error: MigrationErrorJSON,
  plan?: MigrationPlan,
): { title: string; action: string; detail?: string } {
  const params: Params = {
    step:
      error.step && error.step !== 'rollback'
        ? stepTitle(tr, error.step as StepId)
        : (error.step ?? ''),
    address: plan?.source.address ?? '',
  };
  const cause = error.causeCode;
  // The proxy's own codes say more than copy_failed (a full mailbox, a refused password).
  if ((error.code === 'copy_failed' || error.code === 'copy_incomplete') && isProxyCode(cause)) {
    const title = tr.lookup(`proxyError.${cause}`, params);
    if (title) return { title, action: tr.t(`error.${error.code}.action`, params) };
  }
  if (cause === 'not_granted') {
    return {
      title: tr.t('error.iam.title', params),
      action: tr.t('error.iam.action', params),
      ...(error.causeMessage ? { detail: error.causeMessage } : {}),
    };
  }
  if (
    cause === 'low_privilege_session' ||
    cause === 'service_expired' ||
    cause === 'rate_limited'
  ) {
    return { title: tr.t(`error.${cause}`, params), action: tr.t(`error.${cause}.action`, params) };
  }
  const title = tr.lookup(`error.${error.code}`, params) ?? tr.t('error.unknown', params);
  const action =
    tr.lookup(`error.${error.code}.action`, params) ?? tr.t('error.unknown.action', params);
  const detail = error.causeMessage ?? error.message;
  return { title, action, ...(detail ? { detail } : {}) };
}

export type { MessageKey };
