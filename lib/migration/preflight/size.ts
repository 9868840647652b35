// The mailbox must fit the destination: the slot's quota and the guide's limits
// (10 GB to E-mail Pro, 5 GB to MX Plan; guide §1, phase 2).
import type { PreflightCheck } from '../plan-types.ts';
import { check, formatBytes, PRODUCT_NAMES } from './check.ts';
import type { PreflightFacts } from './facts.ts';

export function checkSize(facts: PreflightFacts): PreflightCheck {
  const account = facts.sourceAccount.ok ? facts.sourceAccount.value : undefined;
  const usage = account?.usageBytes;
  if (usage === undefined) {
    return check('size', 'warn', 'unknown', 'The size of the source mailbox is unknown.', {
      action: 'Make sure it fits the destination; the copy stops if the destination is full.',
    });
  }
  const params = { usage: formatBytes(usage) };
  const product = PRODUCT_NAMES[facts.input.destination.service.kind];
  if (facts.sizeLimit !== undefined && usage > facts.sizeLimit) {
    return check(
      'size',
      'fail',
      'over_limit',
      `The mailbox holds ${formatBytes(usage)}, more than the ${formatBytes(facts.sizeLimit)} a ${product} account may hold.`,
      {
        params: { ...params, limit: formatBytes(facts.sizeLimit), product },
        action: 'Archive or delete mail on the source first, or choose a larger platform.',
      },
    );
  }
  const quota = facts.slot?.quotaBytes;
  if (quota !== undefined && usage > quota) {
    return check(
      'size',
      'fail',
      'over_quota',
      `The mailbox holds ${formatBytes(usage)}, more than the destination slot's quota of ${formatBytes(quota)}.`,
      {
        params: { ...params, quota: formatBytes(quota) },
        action: 'Choose a larger slot, or free space on the source first.',
      },
    );
  }
  return check('size', 'pass', 'ok', `The mailbox (${formatBytes(usage)}) fits the destination.`, {
    params,
  });
}
