// How one of the three "hosted" platforms (Exchange, E-mail Pro, new MX Plan) names things in its
// paths. The generic handlers in this folder work on any of them through a binding.

import { randomBytes } from 'node:crypto';
import { objectNotFound } from '../../http/api-error.ts';
import {
  addressOf,
  type PlatformAccount,
  type PlatformDomain,
  type PlatformKind,
  type PlatformService,
  type PlatformTask,
} from '../../state/model.ts';
import { type HandlerRequest, pathText } from '../handler.ts';

export interface PlatformBinding {
  kind: PlatformKind;
  /** `/email/pro/{service}`, `/email/exchange/{organizationName}/service/{exchangeService}`... */
  prefix: string;
  /** The account's path parameter: `email` or `primaryEmailAddress`. */
  accountParam: string;
  /** Account task list: `tasks` (Exchange, E-mail Pro) or `task` (MX Plan). */
  accountTasks: 'tasks' | 'task';
  /** The service the path names, or a 404 like the real API's. */
  service(request: HandlerRequest): PlatformService;
}

export function simpleBinding(
  kind: PlatformKind,
  prefix: string,
  accountTasks: PlatformBinding['accountTasks'],
): PlatformBinding {
  return {
    kind,
    prefix,
    accountParam: 'email',
    accountTasks,
    service(request) {
      const name = pathText(request, 'service');
      const svc = request.sandbox.state.platforms.find((s) => s.kind === kind && s.name === name);
      if (svc === undefined) throw objectNotFound('service', name);
      return svc;
    },
  };
}

export function findAccount(svc: PlatformService, address: string): PlatformAccount | undefined {
  const wanted = address.toLowerCase();
  return svc.accounts.find((a) => addressOf(a).toLowerCase() === wanted);
}

export function accountOf(
  request: HandlerRequest,
  binding: PlatformBinding,
): { svc: PlatformService; account: PlatformAccount } {
  const svc = binding.service(request);
  const address = pathText(request, binding.accountParam);
  const account = findAccount(svc, address);
  if (account === undefined) throw objectNotFound(binding.accountParam, address);
  return { svc, account };
}

export function domainOf(
  request: HandlerRequest,
  binding: PlatformBinding,
): { svc: PlatformService; domain: PlatformDomain } {
  const svc = binding.service(request);
  const name = pathText(request, 'domainName').toLowerCase();
  const domain = svc.domains.find((d) => d.name === name);
  if (domain === undefined) throw objectNotFound('domainName', name);
  return { svc, domain };
}

export function newTask(
  request: HandlerRequest,
  svc: PlatformService,
  fn: string,
  accountId?: number,
): PlatformTask {
  const state = request.sandbox.state;
  state.nextId += 1;
  const task: PlatformTask = {
    id: state.nextId,
    function: fn,
    status: 'todo',
    todoDate: new Date(request.sandbox.now()).toISOString(),
    finishDate: null,
    accountId,
  };
  svc.tasks.push(task);
  return task;
}

/** Moves a task through its states as the engine reports them. */
export function taskHooks(
  request: HandlerRequest,
  task: PlatformTask,
  target: string,
  work: { doing?(): void; apply(): Promise<void> | void; done?(): void; failed?(): void },
) {
  const stamp = () => new Date(request.sandbox.now()).toISOString();
  const platform = request.sandbox.state.platforms.find((svc) => svc.tasks.includes(task))?.kind;
  return {
    fn: task.function,
    target,
    ...(platform === undefined ? {} : { platform }),
    doing() {
      task.status = 'doing' as const;
      work.doing?.();
    },
    apply: work.apply,
    done() {
      task.status = 'done' as const;
      task.finishDate = stamp();
      work.done?.();
    },
    failed() {
      task.status = 'error' as const;
      task.finishDate = stamp();
      work.failed?.();
    },
  };
}

/** What Dovecot is told the password is: a random one while IMAP is off for this account, so
 * IMAP logins fail as they do on Exchange when the protocol is disabled. */
export function imapPassword(svc: PlatformService, account: PlatformAccount): string {
  const allowed = svc.protocol.IMAP && account.protocol.IMAP && account.password !== null;
  return allowed ? (account.password as string) : `imap-off-${randomBytes(12).toString('hex')}`;
}
