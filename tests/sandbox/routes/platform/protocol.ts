// Which protocols an Exchange account (and service) allows. IMAP off means the migration's copy
// cannot log in: the sandbox then gives Dovecot a random password, so IMAP really refuses.

import { addressOf, type Protocols } from '../../state/model.ts';
import type { HandlerRequest } from '../handler.ts';
import { accountOf, imapPassword, newTask, type PlatformBinding, taskHooks } from './binding.ts';
import { protocolView } from './views.ts';

const FIELDS = ['IMAP', 'POP', 'webMail', 'activeSync'] as const;

function patch(protocol: Protocols, body: Readonly<Record<string, unknown>>): void {
  for (const field of FIELDS) {
    const value = body[field];
    if (typeof value === 'boolean') protocol[field] = value;
  }
}

export function getAccountProtocol(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account } = accountOf(request, binding);
    return protocolView(account.protocol, account.creationDate ?? svc.creationDate);
  };
}

export function putAccountProtocol(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const { svc, account } = accountOf(request, binding);
    const task = newTask(request, svc, 'setExchangeAccountProtocol', account.id);
    const { sandbox } = request;
    const next = { ...account.protocol };
    patch(next, request.body);
    sandbox.tasks.schedule(
      taskHooks(request, task, addressOf(account), {
        async apply() {
          if (account.configured) {
            const password = imapPassword(svc, { ...account, protocol: next });
            await sandbox.mail.setPassword(svc.hostname, addressOf(account), password);
          }
        },
        done() {
          account.protocol = next;
        },
      }),
    );
    return undefined;
  };
}

export function getServiceProtocol(binding: PlatformBinding) {
  return (request: HandlerRequest) => {
    const svc = binding.service(request);
    return protocolView(svc.protocol, svc.creationDate);
  };
}
