/**
 * Guide §1, step 2: the original address on the destination, from a free slot (or created, on
 * the legacy MX Plan), then its password. Records the slot before configuring it, so rollback
 * knows to reset it; skips what is already done.
 */
import { MigrationError } from '../errors.ts';
import { findAccount, settled } from './accounts.ts';
import type { Step } from './context.ts';

export const configureDestination: Step = {
  id: 'configure_destination',
  errorCode: 'destination_failed',
  async run(context) {
    const { plan, records, destination, op } = context;
    const ref = plan.destination.service;
    const address = plan.destination.address;
    const password = await context.secret('destinationPassword');
    let existing = await settled(context, destination, ref, address);
    if (existing === undefined && records.destinationSlot !== undefined) {
      // Interrupted while the slot was being configured: let that change land, then look again.
      await settled(context, destination, ref, records.destinationSlot);
      existing = await findAccount(destination, ref, address, op);
    }
    let acted = false;

    if (existing !== undefined && !records.destinationConfigured) {
      throw new MigrationError(
        'destination_failed',
        `${address} already exists on ${ref.service}, and this run did not create it.`,
      );
    }
    if (existing === undefined && destination.capabilities.slots) {
      const slot = await pickSlot(context);
      records.destinationSlot = slot;
      records.destinationConfigured = true;
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
      records.destinationConfigured = true;
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
      records.destinationPasswordSet = true;
      await context.save();
      acted = true;
    }
    if (!records.destinationPasswordSet) {
      await destination.changePassword(ref, address, password, op);
      records.destinationPasswordSet = true;
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
};

/** The planned slot while it is still free; else another free slot (someone took ours). */
async function pickSlot(context: Parameters<Step['run']>[0]): Promise<string> {
  const { plan, records, destination, op } = context;
  const ref = plan.destination.service;
  const wanted = records.destinationSlot ?? plan.destination.slot;
  if (wanted !== undefined) {
    const slot = await findAccount(destination, ref, wanted, op);
    if (slot?.freeSlot && slot.state === 'ok' && !slot.taskPending) return wanted;
  }
  const usage = plan.source.usageBytes ?? 0;
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
