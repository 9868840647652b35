// What the IMAP copy cannot carry (guide §1): calendars and contacts (absent from E-mail Pro and
// MX Plan), delegations, groups, footers.
import type { PreflightCheck } from '../plan-types.ts';
import { check, PRODUCT_NAMES } from './check.ts';
import type { PreflightFacts } from './facts.ts';

export function checkNotMigrated(facts: PreflightFacts): PreflightCheck {
  const source = facts.input.source.service.kind;
  const destination = facts.input.destination.service.kind;
  const items = ['delegated rights', 'footers'];
  if (source === 'exchange') {
    items.unshift('calendars', 'contacts', 'tasks');
    items.push('groups');
  }
  if (source === 'mxplan' || source === 'mxplan_legacy') {
    items.splice(0, items.length, 'redirections', 'auto-replies');
  }
  const list = items.join(', ');
  const lacks = destination !== 'exchange' && source === 'exchange';
  const message = lacks
    ? `Only mail is copied: ${list} stay on the source, and ${PRODUCT_NAMES[destination]} has no calendars or contacts.`
    : `Only mail is copied: ${list} must be recreated by hand.`;
  return check('not_migrated', 'warn', lacks ? 'no_groupware' : 'manual', message, {
    params: { items: list, destination: PRODUCT_NAMES[destination] },
    action: 'Export calendars and contacts from the source (e.g. from OWA) if you need them.',
  });
}
