// Accounts of Exchange / E-mail Pro / new MX Plan: list, get, PUT (rename a configured account,
// or configure a free `…@configureme.me` slot) and DELETE (reset to a free slot, mail gone).
// Changes land when their task completes, Dovecot included (guide: migrate between platforms).

import { randomBytes } from 'node:crypto';
import { badRequest, conflict, forbidden } from '../../http/api-error.ts';
import { addressTaken as isTaken } from '../../state/addresses.ts';
import {
  addressOf,
  FREE_SLOT_DOMAIN,
  type PlatformAccount,
  type PlatformService,
} from '../../state/model.ts';
import { type HandlerRequest, likeFilter } from '../handler.ts';
import { accountOf, imapPassword, newTask, type PlatformBinding, taskHooks } from './binding.ts';
import { accountView, taskView } from './views.ts';

// OVHcloud's panel allows letters, digits, dot, dash and underscore, not at the ends (inferred).
const LOGIN = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/i;

export function listAccounts(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const svc = binding.service(request);
    const byAddress = likeFilter(request.query.primaryEmailAddress);
    const id = request.query.id;
    const license = request.query.accountLicense;
    // No seeded account has a company: the filter keeps them only for a pattern matching ''.
    const byCompany = likeFilter(request.query.company);
    return svc.accounts
      .filter((a) => byAddress(addressOf(a)) && byCompany(''))
      .filter((a) => id === undefined || a.id === id)
      .filter((a) => license === undefined || a.accountLicense === license)
      .map(addressOf);
  };
}

export function getAccount(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account } = accountOf(request, binding);
    return accountView(request.sandbox, svc, account);
  };
}

/** One action at a time per account (inferred: the panel greys actions out meanwhile). */
export function assertIdle(account: PlatformAccount): void {
  if (account.taskPendingId !== 0) {
    throw forbidden(
      `There is already a pending task (${account.taskPendingId}) on account ${addressOf(account)}`,
    );
  }
}

/** Is this address (account or alias) held anywhere on the customer's platforms? */
export function addressTaken(request: HandlerRequest, address: string): boolean {
  return isTaken(request.sandbox.state, address);
}

export function assertServiceDomain(svc: PlatformService, domain: string): void {
  const found = svc.domains.find((d) => d.name === domain);
  if (found === undefined || found.state !== 'ok') {
    throw badRequest(`Domain ${domain} is not a domain of service ${svc.name}`);
  }
}

const NAME_FIELDS = ['displayName', 'firstName', 'lastName', 'initial'] as const;

export function putAccount(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account } = accountOf(request, binding);
    assertIdle(account);
    const body = request.body;
    const login = typeof body.login === 'string' ? body.login.toLowerCase() : account.login;
    const domain = typeof body.domain === 'string' ? body.domain.toLowerCase() : account.domain;
    const oldAddress = addressOf(account);
    const newAddress = `${login}@${domain}`;
    const moving = newAddress !== oldAddress.toLowerCase();
    if (!account.configured && (!moving || domain === FREE_SLOT_DOMAIN)) {
      throw badRequest(
        'A free account needs a login and one of the service domains to be configured',
      );
    }
    if (moving) {
      if (!LOGIN.test(login)) throw badRequest(`Invalid login ${login}`);
      assertServiceDomain(svc, domain);
      if (addressTaken(request, newAddress)) {
        throw conflict(`The email address ${newAddress} already exists`);
      }
    }
    const configuring = !account.configured;
    const task = newTask(request, svc, 'setAccount', account.id);
    account.taskPendingId = task.id;
    if (configuring) account.state = 'creating';
    const { sandbox } = request;
    sandbox.tasks.schedule(
      taskHooks(request, task, oldAddress, {
        async apply() {
          if (!moving) return;
          if (configuring) {
            // The slot gets a mailbox; its password comes with changePassword.
            await sandbox.mail.create(svc.hostname, newAddress, imapPassword(svc, account));
          } else {
            await sandbox.mail.rename(svc.hostname, oldAddress, newAddress);
          }
        },
        done() {
          const now = new Date(sandbox.now()).toISOString();
          for (const field of NAME_FIELDS) {
            const value = body[field];
            if (typeof value === 'string' || value === null) account[field] = value;
          }
          if (typeof body.hiddenFromGAL === 'boolean') account.hiddenFromGAL = body.hiddenFromGAL;
          if (typeof body.quota === 'number') account.quotaGb = body.quota;
          if (moving) {
            account.login = login;
            account.domain = domain;
            account.unknownUntil = sandbox.now() + sandbox.options.newAddressDelayMs;
          }
          if (configuring) {
            account.configured = true;
            account.creationDate = now;
          }
          account.lastUpdateDate = now;
          account.state = 'ok';
          account.taskPendingId = 0;
        },
        failed() {
          account.state = 'ok';
          account.taskPendingId = 0;
        },
      }),
    );
    return undefined;
  };
}

function freeSlotName(): string {
  return randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(-6);
}

export function deleteAccount(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account } = accountOf(request, binding);
    if (!account.configured) throw badRequest(`Account ${addressOf(account)} is not configured`);
    assertIdle(account);
    const address = addressOf(account);
    const task = newTask(request, svc, 'deleteAccount', account.id);
    account.taskPendingId = task.id;
    account.state = 'deleting';
    const { sandbox } = request;
    sandbox.tasks.schedule(
      taskHooks(request, task, address, {
        apply: () => sandbox.mail.remove(svc.hostname, address),
        done() {
          // The slot stays ordered and goes back to unconfigured, with a new placeholder name.
          Object.assign(account, {
            login: freeSlotName(),
            domain: FREE_SLOT_DOMAIN,
            configured: false,
            displayName: null,
            firstName: null,
            lastName: null,
            initial: null,
            password: null,
            state: 'ok',
            taskPendingId: 0,
            creationDate: null,
            passwordLastUpdate: null,
            lastUpdateDate: new Date(sandbox.now()).toISOString(),
            protocol: { IMAP: true, POP: true, webMail: true, activeSync: true },
            aliases: [],
            unknownUntil: 0,
            attachmentBytes: 0,
            pstExport: undefined,
          } satisfies Partial<PlatformAccount>);
        },
        failed() {
          account.state = 'ok';
          account.taskPendingId = 0;
        },
      }),
    );
    return taskView(task);
  };
}
