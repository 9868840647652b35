/**
 * Legacy MX Plan source (reference §5): OVHcloud moves the account, mail included, into the free
 * slot of the E-mail Pro / Exchange destination. Irreversible: the source account is removed.
 */
import { MigrationError } from '../errors.ts';
import { findAccount, waitForPendingChange } from './accounts.ts';
import type { Step, StepContext } from './context.ts';

async function moved(context: StepContext): Promise<boolean> {
  const { plan } = context;
  const account = await findAccount(
    context.destination,
    plan.destination.service,
    plan.destination.address,
    context.op,
  );
  return account?.configured === true && !account.freeSlot;
}

export const legacyMove: Step = {
  id: 'legacy_move',
  errorCode: 'legacy_move_failed',
  async run(context) {
    const { plan, records, source } = context;
    if (plan.route !== 'legacy_move' || plan.destination.slot === undefined) {
      throw new MigrationError('invalid_state', 'This plan has no legacy MX Plan move.');
    }
    if (source.legacyMove === undefined) {
      throw new MigrationError('legacy_move_failed', 'The source platform cannot move accounts.');
    }
    // Sent before an interruption: the task may still be running (a second POST is refused).
    if (records.legacyMoveSent && (await waitForPendingChange(context, () => moved(context)))) {
      context.note(`${plan.destination.address} was already moved.`);
      return 'done';
    }
    if (await moved(context)) {
      context.note(`${plan.destination.address} already exists on the destination.`);
      return 'done';
    }
    const password = await context.secret('destinationPassword');
    records.destinationSlot = plan.destination.slot;
    records.legacyMoveSent = true;
    await context.save();
    await source.legacyMove(
      plan.source.service,
      plan.source.login,
      plan.destination.service.service,
      plan.destination.slot,
      password,
      context.op,
    );
    // A TaskPop has no status: it leaves the pending list whether it worked or not.
    if (!(await moved(context))) {
      throw new MigrationError(
        'legacy_move_failed',
        `OVHcloud's move of ${plan.source.address} ended, but the address is not on ${plan.destination.service.service}: check both services, then retry.`,
      );
    }
    records.destinationConfigured = true;
    records.destinationPasswordSet = true;
    await context.save();
    return 'done';
  },
};
