// Legacy MX Plan source (reference §5): OVHcloud's own move into a free E-mail Pro or Exchange
// slot. Its checkMigrate answers with the reasons it would refuse; the move cannot be undone.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export const LEGACY_MOVE_MESSAGES = checkMessages('legacy_move', {
  irreversible: {
    status: 'warn',
    en: "Irreversible: the source account is removed by OVHcloud's move. {address} will exist only on {service}; there is no rollback.",
    action: 'Confirm the irreversible move when you start the run.',
  },
  unchecked: {
    status: 'fail',
    en: "OVHcloud's move of {address} could not be checked: it needs the account and a free slot of {service}.",
    action: 'Fix the checks above, then plan again.',
  },
  unreadable: {
    status: 'fail',
    en: 'OVHcloud could not check the move of {address} into {slot}: {error}',
    action: 'Check the account and the slot, then plan again.',
  },
  refused: {
    status: 'fail',
    en: 'OVHcloud refuses to move {address} into {slot} of {service}: {reasons}.',
    action: 'Fix what OVHcloud reports (wait for a change in progress to end), then plan again.',
  },
  ok: {
    status: 'pass',
    en: 'OVHcloud accepts to move {address} into the free slot {slot} of {service}.',
  },
});

export async function checkLegacyMove(
  facts: PreflightFacts,
  signal?: AbortSignal,
): Promise<PreflightCheck[]> {
  const address = facts.input.source.address.toLowerCase();
  const service = facts.input.destination.service.service;
  const irreversible = outcome(LEGACY_MOVE_MESSAGES.irreversible, { address, service });
  const check = facts.sourceAdapter.checkLegacyMove;
  const account = facts.sourceAccount.ok ? facts.sourceAccount.value : undefined;
  const slot = facts.slot?.freeSlot ? facts.slot.address : undefined;
  if (check === undefined || account === undefined || slot === undefined) {
    return [outcome(LEGACY_MOVE_MESSAGES.unchecked, { address, service }), irreversible];
  }
  let reasons: string[];
  try {
    reasons = await check(
      facts.input.source.service,
      account.login,
      service,
      slot,
      signal ? { signal } : {},
    );
  } catch (error) {
    return [
      outcome(LEGACY_MOVE_MESSAGES.unreadable, { address, slot, error: errorText(error) }),
      irreversible,
    ];
  }
  if (reasons.length > 0) {
    return [
      outcome(LEGACY_MOVE_MESSAGES.refused, {
        address,
        slot,
        service,
        reasons: reasons.join('; '),
      }),
      irreversible,
    ];
  }
  return [outcome(LEGACY_MOVE_MESSAGES.ok, { address, slot, service }), irreversible];
}
