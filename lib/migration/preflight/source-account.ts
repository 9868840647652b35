// The source account must exist, be configured and be in state ok (guide §1, phase 2).
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export function checkSourceAccount(facts: PreflightFacts): PreflightCheck {
  const address = facts.input.source.address;
  const read = facts.sourceAccount;
  const params = { address };
  if (!read.ok) {
    return check(
      'source_account',
      'fail',
      'unreadable',
      `The account ${address} could not be read: ${errorText(read.error)}`,
      { params, action: 'Check the address and your session, then plan again.' },
    );
  }
  const account = read.value;
  if (account === undefined) {
    return check(
      'source_account',
      'fail',
      'not_found',
      `There is no account ${address} on the source service.`,
      { params, action: 'Choose an existing account of the source service.' },
    );
  }
  if (!account.configured || account.freeSlot) {
    return check(
      'source_account',
      'fail',
      'not_configured',
      `${address} is not a configured account.`,
      {
        params,
        action: 'Choose a configured account: there is nothing to migrate in a free slot.',
      },
    );
  }
  if (account.state !== 'ok' || account.taskPending) {
    return check(
      'source_account',
      'fail',
      'busy',
      `The account ${address} is "${account.rawState}"${account.taskPending ? ' with a change in progress' : ''}.`,
      { params, action: 'Wait until the change in progress is finished, then plan again.' },
    );
  }
  return check('source_account', 'pass', 'ok', `The account ${address} is configured and ok.`, {
    params,
  });
}
