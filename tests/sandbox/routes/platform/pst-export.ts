// Hosted Exchange's server-side PST export of one account (`…/account/{email}/export` and
// `…/exportURL`, email-exchange.json): POST export starts an `addExportPstRequest` task whose
// `percentComplete` grows while it runs; once it is 100, POST exportURL starts `generatePstUrl`,
// after which GET exportURL answers the link and its expiry; DELETE export
// (`deleteExportPstRequest`) drops both. Each task is an account task (listed under `tasks`).
// Guesses (README "inferred"): the 403 wordings, the link's lifetime, one export per account.

import { forbidden, notFound } from '../../http/api-error.ts';
import { addressOf, type PlatformAccount, type PstExport } from '../../state/model.ts';
import type { HandlerRequest } from '../handler.ts';
import { assertIdle } from './accounts.ts';
import { accountOf, newTask, type PlatformBinding, taskHooks } from './binding.ts';
import { taskView } from './views.ts';

/** How long a generated PST link stays valid (a GUESS: the API publishes no figure). */
export const PST_URL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The account's export request, if any (a reset drops it with the mailbox). */
export function pstExportOf(account: PlatformAccount): PstExport | undefined {
  return account.configured ? account.pstExport : undefined;
}

function requested(request: HandlerRequest, binding: PlatformBinding) {
  const found = accountOf(request, binding);
  const current = pstExportOf(found.account);
  return { ...found, current };
}

/** The account's export request, 404 when there is none. */
function existing(request: HandlerRequest, binding: PlatformBinding) {
  const { current, ...found } = requested(request, binding);
  if (current === undefined) {
    throw notFound(`No export request for account ${addressOf(found.account)}`);
  }
  return { ...found, current };
}

export function postExport(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account, current } = requested(request, binding);
    if (!account.configured) throw forbidden(`Account ${addressOf(account)} is not configured`);
    if (current !== undefined) {
      throw forbidden(`An export request already exists for account ${addressOf(account)}`);
    }
    assertIdle(account);
    const { sandbox } = request;
    const task = newTask(request, svc, 'addExportPstRequest', account.id);
    const entry: PstExport = {
      creationDate: new Date(sandbox.now()).toISOString(),
      percentComplete: 0,
      taskPendingId: task.id,
    };
    account.pstExport = entry;
    sandbox.tasks.schedule(
      taskHooks(request, task, addressOf(account), {
        doing() {
          entry.percentComplete = 50;
        },
        apply() {},
        done() {
          entry.percentComplete = 100;
          entry.taskPendingId = 0;
        },
        failed() {
          delete account.pstExport;
        },
      }),
    );
    return taskView(task);
  };
}

export function getExport(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { current } = existing(request, binding);
    return {
      creationDate: current.creationDate,
      percentComplete: current.percentComplete,
      taskPendingId: current.taskPendingId,
    };
  };
}

export function deleteExport(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account, current } = existing(request, binding);
    if (current.taskPendingId !== 0) {
      throw forbidden(`There is already a pending task (${current.taskPendingId}) on this export`);
    }
    const task = newTask(request, svc, 'deleteExportPstRequest', account.id);
    current.taskPendingId = task.id;
    request.sandbox.tasks.schedule(
      taskHooks(request, task, addressOf(account), {
        apply() {},
        done() {
          delete account.pstExport;
        },
        failed() {
          current.taskPendingId = 0;
        },
      }),
    );
    return taskView(task);
  };
}

export function postExportUrl(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account, current } = existing(request, binding);
    if (current.percentComplete < 100 || current.taskPendingId !== 0) {
      throw forbidden(`The export of account ${addressOf(account)} is not finished`);
    }
    const { sandbox } = request;
    const task = newTask(request, svc, 'generatePstUrl', account.id);
    current.taskPendingId = task.id;
    sandbox.tasks.schedule(
      taskHooks(request, task, addressOf(account), {
        apply() {},
        done() {
          const token = `${account.id}-${task.id}`;
          current.url = {
            url: `https://pst.sandbox.test/export/${token}/${encodeURIComponent(addressOf(account))}.pst`,
            expiration: new Date(sandbox.now() + PST_URL_LIFETIME_MS).toISOString(),
          };
          current.taskPendingId = 0;
        },
        failed() {
          current.taskPendingId = 0;
        },
      }),
    );
    return taskView(task);
  };
}

export function getExportUrl(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { account, current } = requested(request, binding);
    if (current?.url === undefined) {
      throw notFound(`No export URL for account ${addressOf(account)}`);
    }
    return { expiration: current.url.expiration, url: current.url.url };
  };
}
