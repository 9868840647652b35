// Aliases are not carried by the rename nor the copy (guide §1, "not migrated by the content
// copy"): the run moves them in the same window as the address (step move_aliases).
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export const ALIASES_MESSAGES = checkMessages('aliases', {
  unreadable: {
    status: 'warn',
    en: 'The aliases of the source could not be read: {error}',
    action: 'Recreate them by hand on the destination.',
  },
  none: { status: 'pass', en: 'The account has no alias.' },
  unsupported: {
    status: 'warn',
    en: 'The aliases {aliases} cannot be recreated on this destination: they stay on the renamed source.',
    action: 'Create redirections for them by hand.',
  },
  move: {
    status: 'pass',
    en: 'The aliases {aliases} move with the address: off the renamed source, onto the destination, right after it holds the address.',
  },
});

export function checkAliases(facts: PreflightFacts): PreflightCheck {
  const read = facts.aliases;
  if (!read.ok) return outcome(ALIASES_MESSAGES.unreadable, { error: errorText(read.error) });
  if (read.value.length === 0) return outcome(ALIASES_MESSAGES.none, {});
  const aliases = read.value.join(', ');
  if (!facts.destinationAdapter.capabilities.aliases) {
    return outcome(ALIASES_MESSAGES.unsupported, { aliases });
  }
  return outcome(ALIASES_MESSAGES.move, { aliases });
}
