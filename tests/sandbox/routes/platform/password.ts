// POST .../account/{address}/changePassword: checks the service's password policy, then sets the
// password when the task completes (Dovecot too). A just-renamed or just-configured address
// answers 404 for a while, as OVHcloud's does (the control panel retries 10 times, 1 s apart).

import { badRequest, forbidden, objectNotFound } from '../../http/api-error.ts';
import { addressOf, type PlatformAccount, type PlatformService } from '../../state/model.ts';
import { type HandlerRequest, pathText } from '../handler.ts';
import { assertIdle } from './accounts.ts';
import { findAccount, imapPassword, newTask, type PlatformBinding, taskHooks } from './binding.ts';
import { taskView } from './views.ts';

/**
 * Longest password per platform (E-mail Pro 9–30 as OVHcloud's panel says; the new MX Plan is
 * E-mail Pro's model, so 30 too; Exchange's 128 is a GUESS). README "inferred" lists them.
 */
export const MAX_PASSWORD_LENGTH: Readonly<Record<PlatformService['kind'], number>> = {
  exchange: 128,
  emailpro: 30,
  mxplan: 30,
};

/** Parts of a display name Active Directory looks for: split on , . - _ # space tab, 3+ chars. */
function nameTokens(name: string | null): string[] {
  return (name ?? '').split(/[,.\-_#\s]+/).filter((t) => t.length >= 3);
}

/**
 * The policy message the API answers with (wording inferred). With complexity on, the rule is
 * Active Directory's: three of lower, upper, digit, symbol, and neither the SAMAccountName (the
 * login) nor a 3+ character part of the display name inside it, case aside.
 */
export function passwordProblem(
  svc: PlatformService,
  password: string,
  account?: Pick<PlatformAccount, 'login' | 'displayName' | 'firstName' | 'lastName'>,
): string | undefined {
  const min = svc.minPasswordLength;
  const max = MAX_PASSWORD_LENGTH[svc.kind];
  if (password.length < min) return `The password must contain at least ${min} characters`;
  if (password.length > max) return `The password must contain at most ${max} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing exactly those
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'The password contains invalid characters';
  if (svc.complexityEnabled) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password));
    if (classes.length < 3) {
      return 'The password does not meet the complexity requirements: use at least three of lowercase letters, uppercase letters, digits and symbols';
    }
    const lower = password.toLowerCase();
    const login = account?.login.toLowerCase() ?? '';
    const parts = [
      ...nameTokens(account?.displayName ?? null),
      ...nameTokens(account?.firstName ?? null),
      ...nameTokens(account?.lastName ?? null),
    ].map((t) => t.toLowerCase());
    if ((login.length >= 3 && lower.includes(login)) || parts.some((t) => lower.includes(t))) {
      return 'The password does not meet the complexity requirements: it must not contain the account name or parts of the display name';
    }
  }
  return undefined;
}

export function changePassword(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const svc = binding.service(request);
    const address = pathText(request, binding.accountParam);
    const account = findAccount(svc, address);
    const { sandbox } = request;
    if (account === undefined || account.unknownUntil > sandbox.now()) {
      throw objectNotFound(binding.accountParam, address);
    }
    if (!account.configured) throw forbidden(`Account ${address} is not configured`);
    assertIdle(account);
    const password = request.body.password as string;
    const problem = passwordProblem(svc, password, account);
    if (problem !== undefined) throw badRequest(problem);
    const task = newTask(request, svc, 'changePassword', account.id);
    account.taskPendingId = task.id;
    const current = addressOf(account);
    sandbox.tasks.schedule(
      taskHooks(request, task, current, {
        apply: () =>
          sandbox.mail.setPassword(
            svc.hostname,
            current,
            imapPassword(svc, { ...account, password }),
          ),
        done() {
          account.password = password;
          account.passwordLastUpdate = new Date(sandbox.now()).toISOString();
          account.taskPendingId = 0;
        },
        failed() {
          account.taskPendingId = 0;
        },
      }),
    );
    return taskView(task);
  };
}
