// Associated domains. The rule users hit (guide, phase 1): a domain can be on two platforms only
// if both are non-authoritative; adding it otherwise fails with "authoritative domain detected".

import { createHash } from 'node:crypto';
import { conflict, forbidden } from '../../http/api-error.ts';
import { configureMailRecords, zoneOf } from '../../state/dns.ts';
import {
  addressOf,
  type PlatformDomain,
  type PlatformService,
  type SandboxState,
} from '../../state/model.ts';
import type { HandlerRequest } from '../handler.ts';
import { domainOf, newTask, type PlatformBinding, taskHooks } from './binding.ts';
import { domainView, taskView } from './views.ts';

export function listDomains(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { state, main } = request.query;
    return binding
      .service(request)
      .domains.filter((d) => state === undefined || d.state === state)
      .filter((d) => main === undefined || d.main === main)
      .map((d) => d.name);
  };
}

export function getDomain(binding: PlatformBinding) {
  return (request: HandlerRequest) =>
    domainView(request.sandbox.state, domainOf(request, binding).domain);
}

/** Refuses what the real API refuses: the domain authoritative elsewhere, or made
 * authoritative here while another platform has it. */
function assertCoexists(
  state: SandboxState,
  svc: PlatformService,
  name: string,
  type: PlatformDomain['type'],
): void {
  for (const other of state.platforms) {
    if (other === svc) continue;
    const there = other.domains.find((d) => d.name === name);
    if (there === undefined) continue;
    if (there.type === 'authoritative' || type === 'authoritative') {
      throw forbidden(
        `Authoritative domain detected: ${name} is ${there.type} on service ${other.name}; ` +
          'a domain can only be on two platforms when both are non-authoritative',
      );
    }
  }
}

export function addDomain(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const svc = binding.service(request);
    const { state } = request.sandbox;
    const body = request.body;
    const name = String(body.name).toLowerCase();
    const type = body.type as PlatformDomain['type'];
    if (svc.domains.some((d) => d.name === name)) {
      throw conflict(`Domain ${name} already exists on service ${svc.name}`);
    }
    assertCoexists(state, svc, name, type);
    const owned = zoneOf(state, name) !== undefined;
    const task = newTask(request, svc, 'addDomain');
    const domain: PlatformDomain = {
      name,
      type,
      mxRelay: typeof body.mxRelay === 'string' ? body.mxRelay : null,
      state: 'creating',
      taskPendingId: task.id,
      // Outside the customer's account, ownership is proven with a CNAME.
      cnameToCheck: owned
        ? null
        : `ovh${createHash('sha1').update(name).digest('hex').slice(0, 10)}.${name}`,
      domainValidated: owned,
      main: false,
    };
    svc.domains.push(domain);
    request.sandbox.tasks.schedule(
      taskHooks(request, task, name, {
        apply() {
          configureMailRecords(state, name, {
            mx: body.configureMx === true,
            spf: body.configureSPF === true,
            autodiscover: body.configureAutodiscover === true,
          });
        },
        done() {
          domain.state = 'ok';
          domain.taskPendingId = 0;
        },
        failed() {
          svc.domains = svc.domains.filter((d) => d !== domain);
        },
      }),
    );
    return taskView(task);
  };
}

export function putDomain(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, domain } = domainOf(request, binding);
    const body = request.body;
    const type = (body.type as PlatformDomain['type'] | undefined) ?? domain.type;
    if (type !== domain.type) assertCoexists(request.sandbox.state, svc, domain.name, type);
    const task = newTask(request, svc, 'setDomain');
    domain.taskPendingId = task.id;
    request.sandbox.tasks.schedule(
      taskHooks(request, task, domain.name, {
        apply() {},
        done() {
          domain.type = type;
          if (body.mxRelay !== undefined) domain.mxRelay = body.mxRelay as string | null;
          domain.taskPendingId = 0;
        },
        failed() {
          domain.taskPendingId = 0;
        },
      }),
    );
    return undefined;
  };
}

export function deleteDomain(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, domain } = domainOf(request, binding);
    const used = svc.accounts.some(
      (a) => a.domain === domain.name || a.aliases.some((x) => x.alias.endsWith(`@${domain.name}`)),
    );
    if (used) {
      const first = svc.accounts.find((a) => a.domain === domain.name);
      throw forbidden(
        `Domain ${domain.name} is still used${first ? ` (${addressOf(first)})` : ''}: remove its accounts and aliases first`,
      );
    }
    const task = newTask(request, svc, 'deleteDomain');
    domain.state = 'deleting';
    domain.taskPendingId = task.id;
    request.sandbox.tasks.schedule(
      taskHooks(request, task, domain.name, {
        apply() {},
        done() {
          svc.domains = svc.domains.filter((d) => d !== domain);
        },
        failed() {
          domain.state = 'ok';
          domain.taskPendingId = 0;
        },
      }),
    );
    return taskView(task);
  };
}
