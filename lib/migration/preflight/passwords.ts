// Given passwords must fit each platform's policy, checked here so that no password is refused
// after the source is already renamed; missing ones are generated or asked for.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import type { PreflightFacts } from './facts.ts';

export const PASSWORDS_MESSAGES = checkMessages('passwords', {
  destination_policy: {
    status: 'fail',
    en: "The destination password does not fit the destination's policy: {problems}.",
    action: 'Choose another password, or let one be generated.',
  },
  source_policy: {
    status: 'fail',
    en: "The new source password does not fit the source's policy: {problems}.",
    action: 'Choose another password, or let one be generated.',
  },
  source_refused: {
    status: 'fail',
    en: 'The source server refused the password of {address}: {error}',
    action:
      'Check the current password of the account (or choose to set a new one), then plan again.',
  },
  source_missing: {
    status: 'warn',
    en: 'The current password of the source account is needed for the copy.',
    action: 'Give it before starting, or choose to set a new one on the renamed source.',
  },
  ok: { status: 'pass', en: 'The passwords fit both platforms.' },
});

export function checkPasswords(facts: PreflightFacts): PreflightCheck {
  const { input } = facts;
  if (input.destinationPassword !== undefined) {
    const problems = facts.destinationPasswordProblems;
    if (problems.length > 0) {
      return outcome(PASSWORDS_MESSAGES.destination_policy, { problems: problems.join('; ') });
    }
  }
  const source = input.sourcePassword;
  if (source.mode === 'set' && source.password !== undefined) {
    const problems = facts.sourcePasswordProblems;
    if (problems.length > 0) {
      return outcome(PASSWORDS_MESSAGES.source_policy, { problems: problems.join('; ') });
    }
  }
  const login = facts.mailbox.ok ? facts.mailbox.value : undefined;
  if (login !== undefined && !login.ok && login.error.code === 'auth_failed') {
    return outcome(PASSWORDS_MESSAGES.source_refused, {
      address: input.source.address,
      error: login.error.message,
    });
  }
  if (source.mode === 'keep' && source.password === undefined) {
    return outcome(PASSWORDS_MESSAGES.source_missing, {});
  }
  return outcome(PASSWORDS_MESSAGES.ok, {});
}
