// The source is renamed to a provisional name on the same domain (guide §1, step 1:
// john.smith → john.smith01), which must be free.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export const PROVISIONAL_NAME_MESSAGES = checkMessages('provisional_name', {
  rename_unsupported: {
    status: 'fail',
    en: 'Accounts of this MX Plan cannot be renamed, so the original address cannot move.',
    action: 'Use the MX Plan migration offered by OVHcloud for this account.',
  },
  invalid: {
    status: 'fail',
    en: '"{login}" is not a valid account name.',
    action: 'Use letters, digits, dots, hyphens or underscores.',
  },
  unreadable: {
    status: 'fail',
    en: 'Whether {address} is free could not be read: {error}',
    action: 'Check your session, then plan again.',
  },
  taken: {
    status: 'fail',
    en: '{address} already exists on the source.',
    action: 'Choose another provisional name.',
  },
  ok: { status: 'pass', en: 'The source will be renamed to {address} meanwhile.' },
});

export function checkProvisionalName(facts: PreflightFacts): PreflightCheck {
  const address = `${facts.provisionalLogin}@${facts.domain}`;
  if (!facts.sourceAdapter.capabilities.rename) {
    return outcome(PROVISIONAL_NAME_MESSAGES.rename_unsupported, {});
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(facts.provisionalLogin)) {
    return outcome(PROVISIONAL_NAME_MESSAGES.invalid, { login: facts.provisionalLogin });
  }
  if (!facts.provisionalTaken.ok) {
    return outcome(PROVISIONAL_NAME_MESSAGES.unreadable, {
      address,
      error: errorText(facts.provisionalTaken.error),
    });
  }
  if (facts.provisionalTaken.value) return outcome(PROVISIONAL_NAME_MESSAGES.taken, { address });
  return outcome(PROVISIONAL_NAME_MESSAGES.ok, { address });
}
