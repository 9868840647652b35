// The destination needs an unconfigured slot (guide §1, prerequisite), or must be able to create
// accounts (legacy MX Plan); and the original address must not exist there already.
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export function checkFreeSlot(facts: PreflightFacts): PreflightCheck {
  const address = facts.input.source.address.toLowerCase();
  const service = facts.input.destination.service.service;
  const accounts = facts.destinationAccounts;
  if (!accounts.ok) {
    return check(
      'free_slot',
      'fail',
      'unreadable',
      `The accounts of ${service} could not be read: ${errorText(accounts.error)}`,
      { params: { service }, action: 'Check your session, then plan again.' },
    );
  }
  if (accounts.value.some((a) => a.address.toLowerCase() === address)) {
    return check(
      'free_slot',
      'fail',
      'address_exists',
      `${address} already exists on ${service}.`,
      {
        params: { address, service },
        action: 'Remove or rename that account on the destination first.',
      },
    );
  }
  if (!facts.destinationAdapter.capabilities.slots) {
    if (facts.destinationAdapter.capabilities.createAccount) {
      return check('free_slot', 'pass', 'create', `${address} will be created on ${service}.`, {
        params: { address, service },
      });
    }
    return check(
      'free_slot',
      'fail',
      'none',
      `${service} can neither configure a slot nor create an account.`,
      { params: { service } },
    );
  }
  const asked = facts.input.destination.slot;
  if (asked !== undefined && (facts.slot === undefined || !facts.slot.freeSlot)) {
    return check('free_slot', 'fail', 'not_free', `${asked} is not a free slot of ${service}.`, {
      params: { slot: asked, service },
      action:
        'Choose one of its unconfigured (@configureme.me) accounts, or let the plan pick one.',
    });
  }
  if (facts.slot === undefined) {
    return check(
      'free_slot',
      'fail',
      'none',
      `${service} has no free account slot: every account is configured.`,
      {
        params: { service },
        action:
          'Order an extra account on the destination (it appears as …@configureme.me), or reset an unused one, then plan again.',
      },
    );
  }
  return check(
    'free_slot',
    'pass',
    'ok',
    `The free slot ${facts.slot.address} of ${service} will become ${address}.`,
    { params: { slot: facts.slot.address, service, address } },
  );
}
