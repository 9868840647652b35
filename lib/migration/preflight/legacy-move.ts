// Legacy MX Plan source (reference §5): OVHcloud's own move into a free E-mail Pro or Exchange
// slot. Its checkMigrate answers with the reasons it would refuse; the move cannot be undone.
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export async function checkLegacyMove(
  facts: PreflightFacts,
  signal?: AbortSignal,
): Promise<PreflightCheck[]> {
  const address = facts.input.source.address.toLowerCase();
  const service = facts.input.destination.service.service;
  const irreversible = check(
    'legacy_move',
    'warn',
    'irreversible',
    `Irreversible: the source account is removed by OVHcloud's move. ${address} will exist only on ${service}; there is no rollback.`,
    {
      params: { address, service },
      action: 'Confirm the irreversible move when you start the run.',
    },
  );
  const check_ = facts.sourceAdapter.checkLegacyMove;
  const account = facts.sourceAccount.ok ? facts.sourceAccount.value : undefined;
  const slot = facts.slot?.freeSlot ? facts.slot.address : undefined;
  if (check_ === undefined || account === undefined || slot === undefined) {
    return [
      check(
        'legacy_move',
        'fail',
        'unchecked',
        `OVHcloud's move of ${address} could not be checked: it needs the account and a free slot of ${service}.`,
        { params: { address, service }, action: 'Fix the checks above, then plan again.' },
      ),
      irreversible,
    ];
  }
  const params = { address, service, slot };
  let reasons: string[];
  try {
    reasons = await check_(
      facts.input.source.service,
      account.login,
      service,
      slot,
      signal ? { signal } : {},
    );
  } catch (error) {
    return [
      check(
        'legacy_move',
        'fail',
        'unreadable',
        `OVHcloud could not check the move of ${address} into ${slot}: ${errorText(error)}`,
        { params, action: 'Check the account and the slot, then plan again.' },
      ),
      irreversible,
    ];
  }
  if (reasons.length > 0) {
    return [
      check(
        'legacy_move',
        'fail',
        'refused',
        `OVHcloud refuses to move ${address} into ${slot} of ${service}: ${reasons.join('; ')}.`,
        {
          params: { ...params, reasons: reasons.join('; ') },
          action:
            'Fix what OVHcloud reports (wait for a change in progress to end), then plan again.',
        },
      ),
      irreversible,
    ];
  }
  return [
    check(
      'legacy_move',
      'pass',
      'ok',
      `OVHcloud accepts to move ${address} into the free slot ${slot} of ${service}.`,
      { params },
    ),
    irreversible,
  ];
}
