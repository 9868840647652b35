// Registers the generic handlers of one hosted platform under its own path templates. Only the
// operations its schema has are registered (MX Plan has no POST .../domain, for instance).

import { addRoute, type Handler, type Routes } from '../handler.ts';
import { deleteAccount, getAccount, listAccounts, putAccount } from './accounts.ts';
import { addAlias, deleteAlias, getAlias, listAliases } from './aliases.ts';
import type { PlatformBinding } from './binding.ts';
import { addDomain, deleteDomain, getDomain, listDomains, putDomain } from './domains.ts';
import { changePassword } from './password.ts';
import { getAccountProtocol, getServiceProtocol, putAccountProtocol } from './protocol.ts';
import { deleteExport, getExport, getExportUrl, postExport, postExportUrl } from './pst-export.ts';
import { getAccountTask, getServiceTask, listAccountTasks, listServiceTasks } from './tasks.ts';
import { serverView, serviceView } from './views.ts';

export function platformRoutes(
  routes: Routes,
  binding: PlatformBinding,
  exists: (method: string, template: string) => boolean,
): void {
  const p = binding.prefix;
  const account = `${p}/account/{${binding.accountParam}}`;
  const table: Array<[string, string, (b: PlatformBinding) => Handler]> = [
    ['GET', p, (b) => (request) => serviceView(b.service(request))],
    ['GET', `${p}/server`, (b) => (request) => serverView(b.service(request))],
    ['GET', `${p}/protocol`, getServiceProtocol],
    ['GET', `${p}/account`, listAccounts],
    ['GET', account, getAccount],
    ['PUT', account, putAccount],
    ['DELETE', account, deleteAccount],
    ['POST', `${account}/changePassword`, changePassword],
    ['GET', `${account}/alias`, listAliases],
    ['POST', `${account}/alias`, addAlias],
    ['GET', `${account}/alias/{alias}`, getAlias],
    ['DELETE', `${account}/alias/{alias}`, deleteAlias],
    ['GET', `${account}/protocol`, getAccountProtocol],
    ['PUT', `${account}/protocol`, putAccountProtocol],
    // Exchange only (the other schemas have no export): a PST of the account.
    ['POST', `${account}/export`, postExport],
    ['GET', `${account}/export`, getExport],
    ['DELETE', `${account}/export`, deleteExport],
    ['POST', `${account}/exportURL`, postExportUrl],
    ['GET', `${account}/exportURL`, getExportUrl],
    ['GET', `${account}/${binding.accountTasks}`, listAccountTasks],
    ['GET', `${account}/${binding.accountTasks}/{id}`, getAccountTask],
    ['GET', `${p}/domain`, listDomains],
    ['POST', `${p}/domain`, addDomain],
    ['GET', `${p}/domain/{domainName}`, getDomain],
    ['PUT', `${p}/domain/{domainName}`, putDomain],
    ['DELETE', `${p}/domain/{domainName}`, deleteDomain],
    ['GET', `${p}/task`, listServiceTasks],
    ['GET', `${p}/task/{id}`, getServiceTask],
  ];
  for (const [method, template, make] of table) {
    if (exists(method, template)) addRoute(routes, method, template, make(binding));
  }
}
