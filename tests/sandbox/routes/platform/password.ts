// POST .../account/{address}/changePassword: checks the service's password policy, then sets the
// password when the task completes (Dovecot too). A just-renamed or just-configured address
// answers 404 for a while, as OVHcloud's does (the control panel retries 10 times, 1 s apart).

import { badRequest, forbidden, objectNotFound } from '../../http/api-error.ts';
import { addressOf, type PlatformService } from '../../state/model.ts';
import { type HandlerRequest, pathText } from '../handler.ts';
import { assertIdle } from './accounts.ts';
import { findAccount, imapPassword, newTask, type PlatformBinding, taskHooks } from './binding.ts';
import { taskView } from './views.ts';

/** The policy message the API answers with (wording inferred). */
export function passwordProblem(svc: PlatformService, password: string): string | undefined {
  const min = svc.minPasswordLength;
  if (password.length < min) return `The password must contain at least ${min} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing exactly those
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'The password contains invalid characters';
  if (svc.complexityEnabled) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password));
    if (classes.length < 3) {
      return 'The password does not meet the complexity requirements: use at least three of lowercase letters, uppercase letters, digits and symbols';
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
    const problem = passwordProblem(svc, password);
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
