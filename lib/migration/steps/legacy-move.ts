/**
 * Legacy MX Plan source (reference §5): OVHcloud moves the account, mail included, into the free
 * slot of the E-mail Pro / Exchange destination. Irreversible: the source account is removed, so
 * there is nothing to undo (the runner refuses a rollback on this route).
 */
import { z } from 'zod';
import { MigrationError } from '../errors.ts';
import { findAccount } from '../step-kit/accounts.ts';
import { defineStep, planned, type StepContext, stepMessages } from '../step-kit/define-step.ts';

export const id = 'legacy_move';

export const messages = stepMessages(id, {
  move: 'Have OVHcloud move {address} with its mail into the free slot {slot} of {service}. Irreversible: the account is removed from the legacy MX Plan.',
});

export const record = z.object({
  /** OVHcloud's irreversible move was asked for. */
  sent: z.boolean().optional(),
  slot: z.string().optional(),
});

async function moved(context: StepContext<unknown>): Promise<boolean> {
  const { plan } = context;
  const account = await findAccount(
    context.destination,
    plan.destination.service,
    plan.destination.address,
    context.op,
  );
  return account?.configured === true && !account.freeSlot;
}

export const legacyMove = defineStep({
  id,
  errorCode: 'legacy_move_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route !== 'legacy_move') return undefined;
    return planned(id, messages.move, {
      address: plan.source.address,
      slot: plan.destination.slot ?? '(none)',
      service: plan.destination.service.service,
    });
  },

  async run(context) {
    const { plan, record: rec, source } = context;
    if (plan.route !== 'legacy_move' || plan.destination.slot === undefined) {
      throw new MigrationError('invalid_state', 'This plan has no legacy MX Plan move.');
    }
    if (source.legacyMove === undefined) {
      throw new MigrationError('legacy_move_failed', 'The source platform cannot move accounts.');
    }
    // Sent before an interruption: its TaskPop lands first (legacyMove reads before it sends).
    if (rec.sent)
      await source
        .settleAccount(plan.source.service, plan.source.address, context.op)
        .catch(() => undefined);
    if (await moved(context)) {
      context.note(`${plan.destination.address} already exists on the destination.`);
      return 'done';
    }
    const password = await context.secret('destinationPassword');
    rec.slot = plan.destination.slot;
    rec.sent = true;
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
    return 'done';
  },

  async undo() {
    // Irreversible by design: the runner refuses a rollback of a legacy_move run before this.
  },
});
