// Aliases of an account: they do not follow a migration (guide), so clients recreate them on the
// destination. POST and DELETE complete through a task.

import { badRequest, conflict, objectNotFound } from '../../http/api-error.ts';
import { type HandlerRequest, pathText } from '../handler.ts';
import { addressTaken, assertServiceDomain } from './accounts.ts';
import { accountOf, newTask, type PlatformBinding, taskHooks } from './binding.ts';
import { aliasView, taskView } from './views.ts';

const ADDRESS = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?@([a-z0-9.-]+)$/i;

export function listAliases(binding: PlatformBinding) {
  return (request: HandlerRequest) =>
    accountOf(request, binding).account.aliases.map((a) => a.alias);
}

function aliasOf(request: HandlerRequest, binding: PlatformBinding) {
  const { svc, account } = accountOf(request, binding);
  const name = pathText(request, 'alias').toLowerCase();
  const alias = account.aliases.find((a) => a.alias === name);
  if (alias === undefined) throw objectNotFound('alias', name);
  return { svc, account, alias };
}

export function getAlias(binding: PlatformBinding) {
  return (request: HandlerRequest) => aliasView(aliasOf(request, binding).alias);
}

export function addAlias(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account } = accountOf(request, binding);
    const alias = String(request.body.alias).toLowerCase();
    const domain = ADDRESS.exec(alias)?.[1];
    if (domain === undefined) throw badRequest(`Invalid alias ${alias}`);
    assertServiceDomain(svc, domain);
    if (addressTaken(request, alias)) throw conflict(`The email address ${alias} already exists`);
    const task = newTask(request, svc, 'addAlias', account.id);
    const { sandbox } = request;
    sandbox.tasks.schedule(
      taskHooks(request, task, alias, {
        apply() {},
        done() {
          account.aliases.push({ alias, creationDate: new Date(sandbox.now()).toISOString() });
        },
      }),
    );
    return taskView(task);
  };
}

export function deleteAlias(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account, alias } = aliasOf(request, binding);
    const task = newTask(request, svc, 'deleteAlias', account.id);
    request.sandbox.tasks.schedule(
      taskHooks(request, task, alias.alias, {
        apply() {},
        done() {
          account.aliases = account.aliases.filter((a) => a !== alias);
        },
      }),
    );
    return taskView(task);
  };
}
