/**
 * Guide §1, step 2: the original address on the destination, from a free slot (or created, on
 * the legacy MX Plan), then its password. Records the slot before configuring it, so rollback
 * knows to reset it; skips what is already done. From here on, mail to the address lands on the
 * destination: undo must bring it back to the source before it resets the account.
 */
import { z } from 'zod';
import { MigrationError } from '../errors.ts';
import { findAccount, settled } from '../step-kit/accounts.ts';
import { defineStep, planned, type StepContext, stepMessages } from '../step-kit/define-step.ts';

export const id = 'configure_destination';

export const messages = stepMessages(id, {
  slot: 'Turn the free slot {slot} of {service} into {address} and set its password.',
  create: 'Create {address} on {service} with its password.',
});

export const record = z.object({
  /** The slot this run configures (or configured). */
  slot: z.string().optional(),
  /** The configuration (or creation) was sent: the account is this run's. */
  configured: z.boolean().optional(),
  passwordSet: z.boolean().optional(),
  /** When the address existed on the destination: the mail window closes. */
  readyAt: z.string().optional(),
});

type Record = z.infer<typeof record>;

export const configureDestination = defineStep({
  id,
  errorCode: 'destination_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route === 'legacy_move') return undefined;
    const params = { address: plan.destination.address, service: plan.destination.service.service };
    return plan.destination.create
      ? planned(id, messages.create, params)
      : planned(id, messages.slot, { ...params, slot: plan.destination.slot ?? '(none)' });
  },

  async run(context) {
    const { plan, record: rec, destination, op } = context;
    const ref = plan.destination.service;
    const address = plan.destination.address;
    const password = await context.secret('destinationPassword');
    let existing = await settled(context, destination, ref, address);
    if (existing === undefined && rec.slot !== undefined) {
      // Interrupted while the slot was being configured: let that change land, then look again.
      await settled(context, destination, ref, rec.slot);
      existing = await findAccount(destination, ref, address, op);
    }
    let acted = false;

    if (existing !== undefined && !rec.configured) {
      throw new MigrationError(
        'destination_failed',
        `${address} already exists on ${ref.service}, and this run did not create it.`,
      );
    }
    if (existing === undefined && destination.capabilities.slots) {
      const slot = await pickSlot(context);
      rec.slot = slot;
      rec.configured = true;
      await context.save();
      const { source } = plan;
      await destination.configureSlot(
        ref,
        slot,
        {
          login: source.login,
          domain: source.domain,
          ...(source.displayName ? { displayName: source.displayName } : {}),
          ...(source.firstName ? { firstName: source.firstName } : {}),
          ...(source.lastName ? { lastName: source.lastName } : {}),
        },
        op,
      );
      acted = true;
    } else if (existing === undefined) {
      rec.configured = true;
      await context.save();
      await destination.createAccount(
        ref,
        {
          login: plan.source.login,
          password,
          ...(plan.source.displayName ? { displayName: plan.source.displayName } : {}),
        },
        op,
      );
      rec.passwordSet = true;
      await context.save();
      acted = true;
    }
    rec.readyAt ??= context.now().toISOString();
    await context.save();
    if (!rec.passwordSet) {
      await destination.changePassword(ref, address, password, op);
      rec.passwordSet = true;
      await context.save();
      acted = true;
    }
    // The proxy writes over IMAP: it must be allowed on the new account too (issue 4, preflight).
    if ((await destination.isImapAllowed(ref, address, op)) === false) {
      throw new MigrationError(
        'destination_failed',
        `IMAP access is disabled on ${address} on ${ref.service}: allow it in the control panel, then retry.`,
      );
    }
    return acted ? 'done' : 'skipped';
  },

  async undo(context) {
    const { plan, record: rec, destination } = context;
    if (!rec.configured) return;
    const account = await settled(
      context,
      destination,
      plan.destination.service,
      plan.destination.address,
    );
    if (account !== undefined && !account.freeSlot) {
      await destination.resetAccount(
        plan.destination.service,
        plan.destination.address,
        context.op,
      );
    }
    rec.configured = false;
    rec.passwordSet = false;
    delete rec.readyAt;
    await context.save();
  },
});

/** The planned slot while it is still free; else another free slot (someone took ours). */
async function pickSlot(context: StepContext<Record>): Promise<string> {
  const { plan, record: rec, destination, op } = context;
  const ref = plan.destination.service;
  const wanted = rec.slot ?? plan.destination.slot;
  if (wanted !== undefined) {
    const slot = await findAccount(destination, ref, wanted, op);
    if (slot?.freeSlot && slot.state === 'ok' && !slot.taskPending) return wanted;
  }
  const usage = plan.source.size.bytes ?? 0;
  const free = (await destination.listFreeSlots(ref, op)).filter(
    (s) => s.state === 'ok' && !s.taskPending,
  );
  const slot = free.find((s) => s.quotaBytes === undefined || s.quotaBytes >= usage) ?? free[0];
  if (slot === undefined) {
    throw new MigrationError(
      'destination_failed',
      `${ref.service} has no free account slot any more.`,
    );
  }
  return slot.address;
}
