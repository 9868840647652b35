/**
 * lib/migration's message keys in the panel's language: step titles and descriptions,
 * preflight sentences and their actions, and every error code with what to do next.
 */
import type { MessageKey } from '../../lib/i18n/en.ts';
import type { Params, Translator } from '../../lib/i18n/translate.ts';
import { BRIDGE_ERROR_CODES } from '../../lib/messaging.ts';
import type {
  MigrationErrorJSON,
  MigrationPlan,
  PlannedStep,
  PreflightCheck,
  RollbackWarning,
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

/** lib/migration writes sizes as "10.0 GB" (binary units, one decimal): keep the figure, say it in the language. */
const SIZE = /^(\d+(?:\.\d+)?) (B|KB|MB|GB)$/;
const UNIT_WORDS = {
  en: { B: 'bytes', KB: 'KB', MB: 'MB', GB: 'GB' },
  fr: { B: 'octets', KB: 'Ko', MB: 'Mo', GB: 'Go' },
} as const;
type SizeUnit = keyof (typeof UNIT_WORDS)['en'];

/** lib/migration's password problems (passwords.ts), by what they say. */
const PASSWORD_PROBLEMS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => [MessageKey, Params]]> = [
  [
    /^it must have at least (\d+) characters$/,
    (m) => ['password.problem.min', { min: m[1] ?? '' }],
  ],
  [/^it must have at most (\d+) characters$/, (m) => ['password.problem.max', { max: m[1] ?? '' }]],
  [/^it must mix 3 of: /, () => ['password.problem.complexity', {}]],
  [/^it contains characters this platform refuses/, () => ['password.problem.forbidden', {}]],
  [/^it contains control characters$/, () => ['password.problem.control', {}]],
  [
    /^it must not contain the account's name \((.*)\)$/,
    (m) => ['password.problem.identity', { names: m[1] ?? '' }],
  ],
];

/** One of lib/migration's password problems in the panel's language (unchanged when unknown). */
export function passwordProblemText(tr: Translator, problem: string): string {
  for (const [pattern, keyOf] of PASSWORD_PROBLEMS) {
    const match = pattern.exec(problem);
    if (match) {
      const [key, params] = keyOf(match);
      return tr.t(key, params);
    }
  }
  return problem;
}

/**
 * Params whose values lib/migration wrote in English: sizes ("1.0 MB"), units ("KB"), password
 * problems. OVHcloud's own words (`error`, `reasons`, `state`) stay as they are: the French
 * sentences quote them.
 */
function translateParams(tr: Translator, params: Params): Params {
  const out: Params = { ...params };
  const units = UNIT_WORDS[tr.lang];
  const number = new Intl.NumberFormat(tr.locale, { maximumFractionDigits: 1 });
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    const size = SIZE.exec(value);
    if (size) out[name] = `${number.format(Number(size[1]))}\u00a0${units[size[2] as SizeUnit]}`;
  }
  if (typeof params.unit === 'string' && Object.hasOwn(units, params.unit)) {
    out.unit = units[params.unit as SizeUnit];
  }
  if (typeof params.problems === 'string') {
    out.problems = params.problems
      .split('; ')
      .map((problem) => passwordProblemText(tr, problem))
      .join(tr.lang === 'fr' ? ' ; ' : '; ');
  }
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
): { text: string; action?: string } {
  const params = translateParams(tr, check.params);
  const text = tr.lookup(check.key, params) ?? check.message;
  const action =
    check.action === undefined
      ? undefined
      : (tr.lookup(`${check.key}.action`, params) ?? check.action);
  return action === undefined ? { text } : { text, action };
}

const isProxyCode = (code: string | undefined): code is ErrorCode =>
  code !== undefined && (ERROR_CODES as readonly string[]).includes(code);

/** Causes whose message is OVHcloud's own answer (API errors with a body, failed tasks). */
const OVHCLOUD_CAUSES: ReadonlySet<string> = new Set([
  'session_expired',
  'low_privilege_session',
  'not_granted',
  'not_found',
  'conflict',
  'service_expired',
  'bad_request',
  'rate_limited',
  'server_error',
  'task_failed',
  'task_cancelled',
  'task_timeout',
]);
/** Causes whose message comes from the companion proxy or the background's bridge to it. */
const PROXY_CAUSES: ReadonlySet<string> = new Set([...ERROR_CODES, ...BRIDGE_ERROR_CODES]);

export type DetailSource = 'ovhcloud' | 'proxy' | 'other';

export function detailSource(causeCode: string | undefined): DetailSource {
  if (causeCode === undefined) return 'other';
  if (OVHCLOUD_CAUSES.has(causeCode)) return 'ovhcloud';
  return PROXY_CAUSES.has(causeCode) ? 'proxy' : 'other';
}

/**
 * A technical detail (OVHcloud's answer, the proxy's message) inside a sentence of the panel's
 * language: the words themselves are quoted as they came, never shown bare in a French screen.
 */
export function framedDetail(tr: Translator, text: string, source: DetailSource): string {
  return tr.t(`detail.${source}`, { text: text.trim().replace(/\.$/, '') });
}

/** A thrown error's message (OVHcloud's answer, the proxy's...), framed for the panel's language. */
export function errorDetail(tr: Translator, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return framedDetail(tr, message, detailSource(typeof code === 'string' ? code : undefined));
}

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
  // A keyed error (the rollback's `rollback.<reason>`) has its own sentence and next action.
  const keyed = error.key ? keyedErrorText(tr, error.key, error.params ?? {}) : undefined;
  if (keyed) return keyed;
  // The proxy's own codes say more than copy_failed (a full mailbox, a refused password).
  if ((error.code === 'copy_failed' || error.code === 'copy_incomplete') && isProxyCode(cause)) {
    const title = tr.lookup(`proxyError.${cause}`, params);
    if (title) return { title, action: tr.t(`error.${error.code}.action`, params) };
  }
  const detail = error.causeMessage
    ? framedDetail(tr, error.causeMessage, detailSource(cause))
    : error.message
      ? framedDetail(tr, error.message, 'other')
      : undefined;
  const withDetail = detail ? { detail } : {};
  if (cause === 'not_granted') {
    const actions = error.causeActions ?? [];
    return {
      title: tr.t('error.iam.title', params),
      action: tr.t('error.iam.action', params),
      ...(actions.length > 0
        ? { detail: tr.t('error.iam.actions', { actions: actions.join(', ') }) }
        : withDetail),
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
  return { title, action, ...withDetail };
}

function keyedErrorText(
  tr: Translator,
  key: string,
  raw: Params,
): { title: string; action: string } | undefined {
  const params = translateParams(tr, raw);
  const title = tr.lookup(key, params);
  const action = tr.lookup(`${key}.action`, params);
  return title === undefined || action === undefined ? undefined : { title, action };
}

/**
 * One thing the rollback could not put back (lib/migration's `rollbackWarnings`: a
 * `rollback.warning.<what>` key with its params) in the panel's language. A run saved before
 * warnings had keys holds plain English sentences: those read as they are.
 */
export function rollbackWarningText(tr: Translator, warning: RollbackWarning | string): string {
  if (typeof warning === 'string') return warning;
  return tr.lookup(warning.key, translateParams(tr, warning.params)) ?? warning.text;
}

export type { MessageKey };
