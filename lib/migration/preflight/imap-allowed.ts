// The proxy reads the source over IMAP: it must be allowed on the account (reference §3).
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export function checkImapAllowed(facts: PreflightFacts): PreflightCheck {
  const address = facts.input.source.address;
  const read = facts.imapAllowed;
  const params = { address };
  if (!read.ok) {
    return check(
      'imap',
      'warn',
      'unreadable',
      `Whether IMAP is allowed on ${address} could not be read: ${errorText(read.error)}`,
      { params, action: 'The copy will tell if the login is refused.' },
    );
  }
  if (read.value === false) {
    return check(
      'imap',
      'fail',
      'disabled',
      `IMAP access is disabled on ${address}, so its mail cannot be copied.`,
      {
        params,
        action:
          'Allow IMAP on this account in the control panel (account settings, protocols), then plan again.',
      },
    );
  }
  if (read.value === undefined) {
    return check(
      'imap',
      'pass',
      'unknown',
      `The platform does not say whether IMAP is allowed on ${address}; the copy will log in to find out.`,
      { params },
    );
  }
  return check('imap', 'pass', 'ok', `IMAP is allowed on ${address}.`, { params });
}
