// Service tasks and account tasks. Every task stays listed with its final status (the panel's
// task history shows done ones); an account's tasks follow it across renames.

import { objectNotFound } from '../../http/api-error.ts';
import type { PlatformService } from '../../state/model.ts';
import type { HandlerRequest } from '../handler.ts';
import { accountOf, type PlatformBinding } from './binding.ts';
import { taskView } from './views.ts';

function findTask(svc: PlatformService, id: unknown, accountId?: number) {
  const task = svc.tasks.find(
    (t) => t.id === id && (accountId === undefined || t.accountId === accountId),
  );
  if (task === undefined) throw objectNotFound('id', String(id));
  return task;
}

export function listServiceTasks(binding: PlatformBinding) {
  return (request: HandlerRequest) => binding.service(request).tasks.map((t) => t.id);
}

export function getServiceTask(binding: PlatformBinding) {
  return (request: HandlerRequest) => taskView(findTask(binding.service(request), request.path.id));
}

export function listAccountTasks(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account } = accountOf(request, binding);
    return svc.tasks.filter((t) => t.accountId === account.id).map((t) => t.id);
  };
}

export function getAccountTask(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account } = accountOf(request, binding);
    return taskView(findTask(svc, request.path.id, account.id));
  };
}
