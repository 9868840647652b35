// Aliases are not carried by the rename nor the copy: they are recreated on the destination
// (guide §1, "not migrated by the content copy").
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export function checkAliases(facts: PreflightFacts): PreflightCheck {
  const read = facts.aliases;
  if (!read.ok) {
    return check(
      'aliases',
      'warn',
      'unreadable',
      `The aliases of the source could not be read: ${errorText(read.error)}`,
      { action: 'Recreate them by hand on the destination.' },
    );
  }
  if (read.value.length === 0) return check('aliases', 'pass', 'none', 'The account has no alias.');
  const list = read.value.join(', ');
  if (!facts.destinationAdapter.capabilities.aliases) {
    return check(
      'aliases',
      'warn',
      'unsupported',
      `The aliases ${list} cannot be recreated on this destination.`,
      { params: { aliases: list }, action: 'Create redirections for them by hand.' },
    );
  }
  return check(
    'aliases',
    'warn',
    'recreate',
    `The aliases ${list} will be recreated on the destination; they stay on the renamed source meanwhile.`,
    { params: { aliases: list } },
  );
}
