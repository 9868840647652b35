// The source is renamed to a provisional name on the same domain (guide §1, step 1:
// john.smith → john.smith01), which must be free.
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import type { PreflightFacts } from './facts.ts';

export function checkProvisionalName(facts: PreflightFacts): PreflightCheck {
  const address = `${facts.provisionalLogin}@${facts.domain}`;
  const params = { address };
  if (!facts.sourceAdapter.capabilities.rename) {
    return check(
      'provisional_name',
      'fail',
      'rename_unsupported',
      'Accounts of this MX Plan cannot be renamed, so the original address cannot move.',
      { action: 'Use the MX Plan migration offered by OVHcloud for this account.' },
    );
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(facts.provisionalLogin)) {
    return check(
      'provisional_name',
      'fail',
      'invalid',
      `"${facts.provisionalLogin}" is not a valid account name.`,
      { params, action: 'Use letters, digits, dots, hyphens or underscores.' },
    );
  }
  if (facts.provisionalTaken) {
    return check('provisional_name', 'fail', 'taken', `${address} already exists on the source.`, {
      params,
      action: 'Choose another provisional name.',
    });
  }
  return check(
    'provisional_name',
    'pass',
    'ok',
    `The source will be renamed to ${address} meanwhile.`,
    { params },
  );
}
