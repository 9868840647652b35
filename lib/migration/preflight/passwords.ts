// Given passwords must fit each platform's policy; missing ones are generated or asked for.

import { passwordProblems } from '../passwords.ts';
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import type { PreflightFacts } from './facts.ts';

export function checkPasswords(facts: PreflightFacts): PreflightCheck {
  const { input } = facts;
  if (input.destinationPassword !== undefined && facts.destinationService.ok) {
    const problems = passwordProblems(
      facts.destinationService.value.passwordPolicy,
      input.destinationPassword,
    );
    if (problems.length > 0) {
      return check(
        'passwords',
        'fail',
        'destination_policy',
        `The destination password does not fit the destination's policy: ${problems.join('; ')}.`,
        { action: 'Choose another password, or let one be generated.' },
      );
    }
  }
  const source = input.sourcePassword;
  if (source.mode === 'set' && source.password !== undefined && facts.sourceService.ok) {
    const problems = passwordProblems(facts.sourceService.value.passwordPolicy, source.password);
    if (problems.length > 0) {
      return check(
        'passwords',
        'fail',
        'source_policy',
        `The new source password does not fit the source's policy: ${problems.join('; ')}.`,
        { action: 'Choose another password, or let one be generated.' },
      );
    }
  }
  if (source.mode === 'keep' && source.password === undefined) {
    return check(
      'passwords',
      'warn',
      'source_missing',
      'The current password of the source account is needed for the copy.',
      { action: 'Give it before starting, or choose to set a new one on the renamed source.' },
    );
  }
  return check('passwords', 'pass', 'ok', 'The passwords fit both platforms.');
}
