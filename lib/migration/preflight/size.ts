// The mailbox must fit the destination: the slot's quota and the guide's limits (10 GB to E-mail
// Pro, 5 GB to MX Plan; guide §1, phase 2). Only a size measured over IMAP can refuse a plan:
// OVHcloud's `currentUsage` has no documented unit (issue 7), so on its own it can only warn.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, formatBytes, outcome, PRODUCT_NAMES } from './check.ts';
import type { PreflightFacts } from './facts.ts';

export const SIZE_MESSAGES = checkMessages('size', {
  unknown: {
    status: 'warn',
    en: 'The size of the source mailbox is unknown: it could not be measured and OVHcloud gives no figure.',
    action:
      'Give the current source password so the proxy can measure it; the copy stops if the destination is full.',
  },
  over_limit: {
    status: 'fail',
    en: 'The mailbox holds {size}, more than the {limit} a {product} account may hold.',
    action: 'Archive or delete mail on the source first, or choose a larger platform.',
  },
  over_quota: {
    status: 'fail',
    en: "The mailbox holds {size}, more than the destination slot's quota of {quota}.",
    action: 'Choose a larger slot, or free space on the source first.',
  },
  ok: { status: 'pass', en: 'The mailbox ({size}, {messages} messages) fits the destination.' },
  estimate_over: {
    status: 'warn',
    en: "OVHcloud's figure for the mailbox ({size} if its unit is {unit}) is more than the destination allows ({limit}); it could not be measured.",
    action:
      'Give the current source password so the proxy can measure the mailbox, then plan again.',
  },
  estimate_ok: {
    status: 'warn',
    en: "The mailbox could not be measured; OVHcloud's figure ({size} if its unit is {unit}) fits the destination.",
    action: 'Give the current source password so the proxy can measure it, then plan again.',
  },
});

export function checkSize(facts: PreflightFacts): PreflightCheck {
  const { size } = facts;
  if (size.bytes === undefined) return outcome(SIZE_MESSAGES.unknown, {});
  const product = PRODUCT_NAMES[facts.input.destination.service.kind];
  const quota = facts.slot?.quotaBytes;
  const limits = [
    ...(facts.sizeLimit === undefined ? [] : [facts.sizeLimit]),
    ...(quota === undefined ? [] : [quota]),
  ];
  const text = formatBytes(size.bytes);
  if (size.basis === 'api') {
    const limit = Math.min(...limits);
    const unit = size.apiUnit ?? '?';
    return limits.length > 0 && size.bytes > limit
      ? outcome(SIZE_MESSAGES.estimate_over, { size: text, unit, limit: formatBytes(limit) })
      : outcome(SIZE_MESSAGES.estimate_ok, { size: text, unit });
  }
  if (facts.sizeLimit !== undefined && size.bytes > facts.sizeLimit) {
    return outcome(SIZE_MESSAGES.over_limit, {
      size: text,
      limit: formatBytes(facts.sizeLimit),
      product,
    });
  }
  if (quota !== undefined && size.bytes > quota) {
    return outcome(SIZE_MESSAGES.over_quota, { size: text, quota: formatBytes(quota) });
  }
  return outcome(SIZE_MESSAGES.ok, { size: text, messages: size.messages ?? 0 });
}
