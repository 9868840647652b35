// What the IMAP copy cannot carry (guide §1): calendars and contacts (absent from E-mail Pro and
// MX Plan), delegations, groups, footers.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome, PRODUCT_NAMES } from './check.ts';
import type { PreflightFacts } from './facts.ts';

export const NOT_MIGRATED_MESSAGES = checkMessages('not_migrated', {
  no_groupware: {
    status: 'warn',
    en: 'Only mail is copied: calendars, contacts, tasks, delegated rights, footers and groups stay on the source, and {destination} has no calendars or contacts.',
    action: 'Export calendars and contacts from the source (e.g. from OWA) if you need them.',
  },
  exchange: {
    status: 'warn',
    en: 'Only mail is copied: calendars, contacts, tasks, delegated rights, footers and groups must be recreated by hand.',
    action: 'Export calendars and contacts from the source (e.g. from OWA) if you need them.',
  },
  manual: {
    status: 'warn',
    en: 'Only mail is copied: delegated rights and footers must be recreated by hand.',
  },
  mxplan: {
    status: 'warn',
    en: 'Only mail is copied: redirections and auto-replies must be recreated by hand.',
  },
});

export function checkNotMigrated(facts: PreflightFacts): PreflightCheck {
  const source = facts.input.source.service.kind;
  const destination = facts.input.destination.service.kind;
  if (source === 'mxplan' || source === 'mxplan_legacy') {
    return outcome(NOT_MIGRATED_MESSAGES.mxplan, {});
  }
  if (source === 'exchange') {
    return destination === 'exchange'
      ? outcome(NOT_MIGRATED_MESSAGES.exchange, {})
      : outcome(NOT_MIGRATED_MESSAGES.no_groupware, { destination: PRODUCT_NAMES[destination] });
  }
  return outcome(NOT_MIGRATED_MESSAGES.manual, {});
}
