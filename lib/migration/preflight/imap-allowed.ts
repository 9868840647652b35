// The proxy reads the source over IMAP: it must be allowed on the account (reference §3).
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export const IMAP_MESSAGES = checkMessages('imap', {
  unreadable: {
    status: 'warn',
    en: 'Whether IMAP is allowed on {address} could not be read: {error}',
    action: 'The copy will tell if the login is refused.',
  },
  disabled: {
    status: 'fail',
    en: 'IMAP access is disabled on {address}, so its mail cannot be copied.',
    action:
      'Allow IMAP on this account in the control panel (account settings, protocols), then plan again.',
  },
  unknown: {
    status: 'pass',
    en: 'The platform does not say whether IMAP is allowed on {address}; the copy will log in to find out.',
  },
  ok: { status: 'pass', en: 'IMAP is allowed on {address}.' },
});

export function checkImapAllowed(facts: PreflightFacts): PreflightCheck {
  const address = facts.input.source.address;
  const read = facts.imapAllowed;
  if (!read.ok) return outcome(IMAP_MESSAGES.unreadable, { address, error: errorText(read.error) });
  if (read.value === false) return outcome(IMAP_MESSAGES.disabled, { address });
  if (read.value === undefined) return outcome(IMAP_MESSAGES.unknown, { address });
  return outcome(IMAP_MESSAGES.ok, { address });
}
