// The destination needs an unconfigured slot (guide §1, prerequisite), or must be able to create
// accounts (legacy MX Plan); and the original address must not exist there already.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export const FREE_SLOT_MESSAGES = checkMessages('free_slot', {
  unreadable: {
    status: 'fail',
    en: 'The accounts of {service} could not be read: {error}',
    action: 'Check your session, then plan again.',
  },
  address_exists: {
    status: 'fail',
    en: '{address} already exists on {service}.',
    action: 'Remove or rename that account on the destination first.',
  },
  create: { status: 'pass', en: '{address} will be created on {service}.' },
  cannot_create: {
    status: 'fail',
    en: '{service} can neither configure a slot nor create an account.',
  },
  not_free: {
    status: 'fail',
    en: '{slot} is not a free slot of {service}.',
    action: 'Choose one of its unconfigured (@configureme.me) accounts, or let the plan pick one.',
  },
  none: {
    status: 'fail',
    en: '{service} has no free account slot: every account is configured.',
    action:
      'Order an extra account on the destination (it appears as …@configureme.me), or reset an unused one, then plan again.',
  },
  ok: { status: 'pass', en: 'The free slot {slot} of {service} will become {address}.' },
});

export function checkFreeSlot(facts: PreflightFacts): PreflightCheck {
  const address = facts.input.source.address.toLowerCase();
  const service = facts.input.destination.service.service;
  if (!facts.destinationAccount.ok) {
    return outcome(FREE_SLOT_MESSAGES.unreadable, {
      service,
      error: errorText(facts.destinationAccount.error),
    });
  }
  if (facts.destinationAccount.value !== undefined) {
    return outcome(FREE_SLOT_MESSAGES.address_exists, { address, service });
  }
  if (!facts.destinationAdapter.capabilities.slots) {
    if (facts.destinationAdapter.capabilities.createAccount) {
      return outcome(FREE_SLOT_MESSAGES.create, { address, service });
    }
    return outcome(FREE_SLOT_MESSAGES.cannot_create, { service });
  }
  if (!facts.freeSlots.ok) {
    return outcome(FREE_SLOT_MESSAGES.unreadable, {
      service,
      error: errorText(facts.freeSlots.error),
    });
  }
  const asked = facts.input.destination.slot;
  if (asked !== undefined && (facts.slot === undefined || !facts.slot.freeSlot)) {
    return outcome(FREE_SLOT_MESSAGES.not_free, { slot: asked, service });
  }
  if (facts.slot === undefined) return outcome(FREE_SLOT_MESSAGES.none, { service });
  return outcome(FREE_SLOT_MESSAGES.ok, { slot: facts.slot.address, service, address });
}
