// The source account must exist, be configured and be in state ok (guide §1, phase 2).
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export const SOURCE_ACCOUNT_MESSAGES = checkMessages('source_account', {
  unreadable: {
    status: 'fail',
    en: 'The account {address} could not be read: {error}',
    action: 'Check the address and your session, then plan again.',
  },
  not_found: {
    status: 'fail',
    en: 'There is no account {address} on the source service.',
    action: 'Choose an existing account of the source service.',
  },
  not_configured: {
    status: 'fail',
    en: '{address} is not a configured account.',
    action: 'Choose a configured account: there is nothing to migrate in a free slot.',
  },
  busy: {
    status: 'fail',
    en: 'The account {address} is "{state}" or has a change in progress.',
    action: 'Wait until the change in progress is finished, then plan again.',
  },
  ok: { status: 'pass', en: 'The account {address} is configured and ok.' },
});

export function checkSourceAccount(facts: PreflightFacts): PreflightCheck {
  const address = facts.input.source.address;
  const read = facts.sourceAccount;
  if (!read.ok) {
    return outcome(SOURCE_ACCOUNT_MESSAGES.unreadable, { address, error: errorText(read.error) });
  }
  const account = read.value;
  if (account === undefined) return outcome(SOURCE_ACCOUNT_MESSAGES.not_found, { address });
  if (!account.configured || account.freeSlot) {
    return outcome(SOURCE_ACCOUNT_MESSAGES.not_configured, { address });
  }
  if (account.state !== 'ok' || account.taskPending) {
    return outcome(SOURCE_ACCOUNT_MESSAGES.busy, { address, state: account.rawState });
  }
  return outcome(SOURCE_ACCOUNT_MESSAGES.ok, { address });
}
