// Legacy MX Plan: /email/domain/{domain}/... Accounts are named (`accountName`@domain), created
// by POST, never renamed (`accountName` is read-only). Tasks (TaskPop) have no status: a task is
// pending while listed in /task/account and disappears when done (inferred from the schema).

import type { SandboxContext } from '../context.ts';
import { badRequest, conflict, forbidden, objectNotFound } from '../http/api-error.ts';
import { addressTaken } from '../state/addresses.ts';
import { type LegacyAccount, type LegacyDomain, nextId, type TaskPop } from '../state/model.ts';
import { SANDBOX_HOSTS } from '../state/seed.ts';
import { addRoute, type HandlerRequest, likeFilter, pathText, type Routes } from './handler.ts';
import { dnsOf, iamOf } from './platform/views.ts';

const P = '/email/domain/{domain}';
const ACCOUNT = `${P}/account/{accountName}`;
export const LEGACY_HOST = SANDBOX_HOSTS.mxplan;
const ACCOUNT_NAME = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

export function legacyDomainOf(request: HandlerRequest): LegacyDomain {
  const name = pathText(request, 'domain').toLowerCase();
  const found = request.sandbox.state.legacy.find((d) => d.domain === name);
  if (found === undefined) throw objectNotFound('domain', name);
  return found;
}

export function legacyAccountOf(request: HandlerRequest) {
  const domain = legacyDomainOf(request);
  const name = pathText(request, 'accountName').toLowerCase();
  const account = domain.accounts.find((a) => a.accountName === name);
  if (account === undefined) throw objectNotFound('accountName', name);
  return { domain, account, address: `${account.accountName}@${domain.domain}` };
}

/** Guide: 9 to 30 characters, no accents, no space at either end. */
export function legacyPasswordProblem(password: string): string | undefined {
  if (password.length < 9 || password.length > 30) {
    return 'The password must contain between 9 and 30 characters';
  }
  if (!/^[\x20-\x7e]+$/.test(password))
    return 'The password must not contain accented or special characters';
  if (password !== password.trim()) return 'The password must not start or end with a space';
  return undefined;
}

export function assertNoPendingTask(domain: LegacyDomain, name: string): void {
  if (domain.tasks.some((t) => t.name === name)) {
    throw forbidden(`There is already a pending task on account ${name}@${domain.domain}`);
  }
}

/** Queues a TaskPop: listed until done, then gone (its effect applied). */
export function scheduleTaskPop(
  sandbox: SandboxContext,
  domain: LegacyDomain,
  action: TaskPop['action'],
  name: string,
  apply: () => Promise<void> | void,
  failed?: () => void,
): TaskPop {
  const task: TaskPop = {
    id: nextId(sandbox.state),
    action,
    name,
    date: new Date(sandbox.now()).toISOString(),
  };
  domain.tasks.push(task);
  const remove = () => {
    domain.tasks = domain.tasks.filter((t) => t !== task);
  };
  sandbox.tasks.schedule({
    fn: action,
    platform: 'legacy',
    target: `${name}@${domain.domain}`,
    apply,
    done: remove,
    failed() {
      remove();
      failed?.();
    },
  });
  return task;
}

export const taskPopView = (domain: LegacyDomain, task: TaskPop) => ({
  ...task,
  domain: domain.domain,
});

function accountView(domain: LegacyDomain, account: LegacyAccount) {
  return {
    accountName: account.accountName,
    description: account.description,
    domain: domain.domain,
    email: `${account.accountName}@${domain.domain}`,
    isBlocked: account.isBlocked,
    size: account.size,
  };
}

function domainView(request: HandlerRequest, domain: LegacyDomain) {
  const dns = dnsOf(request.sandbox.state, domain.domain);
  return {
    allowedAccountSize: domain.allowedAccountSize,
    creationDate: domain.creationDate,
    domain: domain.domain,
    filerz: 12,
    iam: iamOf('emailDomain', domain.domain, domain.domain),
    isMXValid: dns.mxIsValid ? 'valid' : 'invalid',
    isSPFValid: dns.spfIsValid ? 'valid' : 'invalid',
    linkTo: null,
    migratedMXPlanServiceName: null,
    offer: domain.offer,
    status: 'ok',
  };
}

function assertSize(domain: LegacyDomain, size: unknown): void {
  if (size !== undefined && !domain.allowedAccountSize.includes(size as number)) {
    throw badRequest(
      `Invalid size ${String(size)}: allowed sizes are ${domain.allowedAccountSize.join(', ')}`,
    );
  }
}

export function emailDomainRoutes(routes: Routes): void {
  addRoute(routes, 'GET', '/email/domain', (request) =>
    request.sandbox.state.legacy.map((d) => d.domain),
  );
  addRoute(routes, 'GET', P, (request) => domainView(request, legacyDomainOf(request)));
  addRoute(routes, 'GET', `${P}/quota`, (request) => ({
    account: legacyDomainOf(request).maxAccounts,
    alias: 1000,
    mailingList: 10,
    redirection: 1000,
    responder: 1000,
  }));
  addRoute(routes, 'GET', `${P}/summary`, (request) => ({
    account: legacyDomainOf(request).accounts.length,
    mailingList: 0,
    redirection: 0,
    responder: 0,
  }));

  addRoute(routes, 'GET', `${P}/account`, (request) => {
    const byName = likeFilter(request.query.accountName);
    const byDescription = likeFilter(request.query.description);
    return legacyDomainOf(request)
      .accounts.filter((a) => byName(a.accountName) && byDescription(a.description))
      .map((a) => a.accountName);
  });
  addRoute(routes, 'POST', `${P}/account`, (request) => {
    const domain = legacyDomainOf(request);
    const { sandbox } = request;
    const name = String(request.body.accountName).toLowerCase();
    const password = String(request.body.password);
    if (!ACCOUNT_NAME.test(name)) throw badRequest(`Invalid account name ${name}`);
    if (
      domain.accounts.some((a) => a.accountName === name) ||
      domain.tasks.some((t) => t.name === name) ||
      addressTaken(sandbox.state, `${name}@${domain.domain}`)
    ) {
      throw conflict(`Account ${name}@${domain.domain} already exists`);
    }
    if (domain.accounts.length >= domain.maxAccounts) {
      throw forbidden(
        `Maximum number of accounts (${domain.maxAccounts}) reached for ${domain.domain}`,
      );
    }
    const problem = legacyPasswordProblem(password);
    if (problem !== undefined) throw badRequest(problem);
    assertSize(domain, request.body.size);
    const account: LegacyAccount = {
      accountName: name,
      password,
      description: typeof request.body.description === 'string' ? request.body.description : '',
      size:
        (request.body.size as number | undefined) ?? (domain.allowedAccountSize.at(-1) as number),
      isBlocked: false,
      attachmentBytes: 0,
    };
    const task = scheduleTaskPop(sandbox, domain, 'addAccount', name, async () => {
      await sandbox.mail.create(LEGACY_HOST, `${name}@${domain.domain}`, password);
      domain.accounts.push(account);
    });
    return taskPopView(domain, task);
  });
  addRoute(routes, 'GET', ACCOUNT, (request) => {
    const { domain, account } = legacyAccountOf(request);
    return accountView(domain, account);
  });
  addRoute(routes, 'PUT', ACCOUNT, (request) => {
    const { domain, account } = legacyAccountOf(request);
    assertNoPendingTask(domain, account.accountName);
    assertSize(domain, request.body.size);
    const body = request.body;
    scheduleTaskPop(request.sandbox, domain, 'changeAccount', account.accountName, () => {
      if (typeof body.description === 'string') account.description = body.description;
      if (typeof body.size === 'number') account.size = body.size;
    });
    return undefined;
  });
  addRoute(routes, 'DELETE', ACCOUNT, (request) => {
    const { domain, account, address } = legacyAccountOf(request);
    assertNoPendingTask(domain, account.accountName);
    const { sandbox } = request;
    const task = scheduleTaskPop(
      sandbox,
      domain,
      'deleteAccount',
      account.accountName,
      async () => {
        await sandbox.mail.remove(LEGACY_HOST, address);
        domain.accounts = domain.accounts.filter((a) => a !== account);
      },
    );
    return taskPopView(domain, task);
  });
  addRoute(routes, 'POST', `${ACCOUNT}/changePassword`, (request) => {
    const { domain, account, address } = legacyAccountOf(request);
    assertNoPendingTask(domain, account.accountName);
    const password = String(request.body.password);
    const problem = legacyPasswordProblem(password);
    if (problem !== undefined) throw badRequest(problem);
    const { sandbox } = request;
    const task = scheduleTaskPop(
      sandbox,
      domain,
      'changePassword',
      account.accountName,
      async () => {
        await sandbox.mail.setPassword(LEGACY_HOST, address, password);
        account.password = password;
      },
    );
    return taskPopView(domain, task);
  });
  addRoute(routes, 'GET', `${ACCOUNT}/usage`, (request) => {
    const { account, address } = legacyAccountOf(request);
    const bytes =
      request.sandbox.mail.usageBytes(LEGACY_HOST, address) ?? 60_000 + account.attachmentBytes;
    return { date: new Date(request.sandbox.now()).toISOString(), emailCount: null, quota: bytes };
  });

  addRoute(routes, 'GET', `${P}/task/account`, (request) => {
    const name = request.query.name;
    return legacyDomainOf(request)
      .tasks.filter((t) => name === undefined || t.name === name)
      .map((t) => t.id);
  });
  addRoute(routes, 'GET', `${P}/task/account/{id}`, (request) => {
    const domain = legacyDomainOf(request);
    const task = domain.tasks.find((t) => t.id === request.path.id);
    if (task === undefined) throw objectNotFound('id', String(request.path.id));
    return taskPopView(domain, task);
  });
}
