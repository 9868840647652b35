// Legacy MX Plan's automatic, irreversible move of one account into a free slot of an E-mail Pro
// or Hosted Exchange service (guide "MX Plan as a source"). checkMigrate reports problems inside
// a 200 body; POST .../migrate queues a TaskPop that moves the mailbox, Dovecot included.

import { badRequest, objectNotFound } from '../http/api-error.ts';
import { FREE_SLOT_DOMAIN, type PlatformService } from '../state/model.ts';
import {
  assertNoPendingTask,
  LEGACY_HOST,
  legacyAccountOf,
  scheduleTaskPop,
  taskPopView,
} from './email-domain.ts';
import { addRoute, type HandlerRequest, pathText, type Routes } from './handler.ts';
import { findAccount } from './platform/binding.ts';
import { passwordProblem } from './platform/password.ts';

const M = '/email/domain/{domain}/account/{accountName}/migrate';
const DEST = `${M}/{destinationServiceName}`;
const SLOT = `${DEST}/destinationEmailAddress/{destinationEmailAddress}`;

const TYPES: Record<string, string> = { emailpro: 'EMAIL PRO', exchange: 'HOSTED EXCHANGE' };

function destinations(request: HandlerRequest): PlatformService[] {
  return request.sandbox.state.platforms.filter((s) => TYPES[s.kind] !== undefined);
}

function destinationOf(request: HandlerRequest): PlatformService {
  legacyAccountOf(request);
  const name = pathText(request, 'destinationServiceName');
  const svc = destinations(request).find((s) => s.name === name);
  if (svc === undefined) throw objectNotFound('destinationServiceName', name);
  return svc;
}

function slotOf(request: HandlerRequest) {
  const svc = destinationOf(request);
  const address = pathText(request, 'destinationEmailAddress');
  const slot = findAccount(svc, address);
  if (slot === undefined || slot.configured)
    throw objectNotFound('destinationEmailAddress', address);
  return { svc, slot };
}

export function emailDomainMigrateRoutes(routes: Routes): void {
  addRoute(routes, 'GET', M, (request) => {
    legacyAccountOf(request);
    const type = request.query.type;
    return destinations(request)
      .filter((s) => type === undefined || TYPES[s.kind] === type)
      .map((s) => s.name);
  });
  addRoute(routes, 'GET', DEST, (request) => {
    const svc = destinationOf(request);
    return {
      contactAdmin: 'ab12345-ovh',
      contactBilling: 'ab12345-ovh',
      contactTech: 'ab12345-ovh',
      creation: svc.creationDate.slice(0, 10),
      destinationServiceName: svc.name,
      expiration: '2030-03-14',
      type: TYPES[svc.kind],
    };
  });
  addRoute(routes, 'GET', `${DEST}/destinationEmailAddress`, (request) =>
    destinationOf(request)
      .accounts.filter((a) => !a.configured && a.taskPendingId === 0)
      .map((a) => `${a.login}@${FREE_SLOT_DOMAIN}`),
  );
  addRoute(routes, 'GET', SLOT, (request) => {
    const { slot } = slotOf(request);
    return { destinationEmailAddress: `${slot.login}@${slot.domain}`, quota: slot.quotaGb * 1e9 };
  });
  addRoute(routes, 'GET', `${SLOT}/checkMigrate`, (request) => {
    const { domain, account } = legacyAccountOf(request);
    slotOf(request);
    const error = domain.tasks.some((t) => t.name === account.accountName)
      ? [{ code: 'ACCOUNT_INPROGRESS', details: 'A task is pending on this account' }]
      : [];
    return { alias: [], error, filter: [], forward: [], warning: [] };
  });
  addRoute(routes, 'POST', `${SLOT}/migrate`, (request) => {
    const { domain, account, address } = legacyAccountOf(request);
    const { svc, slot } = slotOf(request);
    assertNoPendingTask(domain, account.accountName);
    const password = String(request.body.password);
    const problem = passwordProblem(svc, password, {
      login: account.accountName,
      displayName: account.description || null,
      firstName: null,
      lastName: null,
    });
    if (problem !== undefined) throw badRequest(problem);
    const { sandbox } = request;
    const release = () => {
      slot.state = 'ok';
      slot.taskPendingId = 0;
    };
    const migrate = async () => {
      try {
        await sandbox.mail.move(
          { host: LEGACY_HOST, address },
          { host: svc.hostname, address, password },
        );
      } finally {
        release();
      }
      // The destination must know the domain: added non-authoritative if it is new there.
      if (!svc.domains.some((d) => d.name === domain.domain)) {
        svc.domains.push({
          name: domain.domain,
          type: 'nonAuthoritative',
          mxRelay: null,
          state: 'ok',
          taskPendingId: 0,
          cnameToCheck: null,
          domainValidated: true,
          main: false,
        });
      }
      const now = new Date(sandbox.now()).toISOString();
      Object.assign(slot, {
        login: account.accountName,
        domain: domain.domain,
        configured: true,
        password,
        creationDate: now,
        passwordLastUpdate: now,
        displayName: account.description || null,
        unknownUntil: sandbox.now() + sandbox.options.newAddressDelayMs,
      });
      domain.accounts = domain.accounts.filter((a) => a !== account);
    };
    const task = scheduleTaskPop(
      sandbox,
      domain,
      'migration',
      account.accountName,
      migrate,
      release,
    );
    // The slot is taken meanwhile (no other client may configure it).
    slot.state = 'creating';
    slot.taskPendingId = task.id;
    return taskPopView(domain, task);
  });
}
