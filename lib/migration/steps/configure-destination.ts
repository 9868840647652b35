/**
 * Guide §1, step 2: the original address on the destination, from a free slot (or created, on
 * the legacy MX Plan), then its password. Records the slot before configuring it, so rollback
 * knows to reset it; skips what is already done. From here on, mail to the address lands on the
 * destination: undo must bring it back to the source before it resets the account.
 */
import { z } from 'zod';
import { FolderVerificationSchema, JobTotalsSchema } from '../../proxy-contract/index.ts';
import { isMigrationError, MigrationError } from '../errors.ts';
import { findAccount, settled } from '../step-kit/accounts.ts';
import { copyBackToSource } from '../step-kit/copy-back.ts';
import { defineStep, planned, type StepContext, stepMessages } from '../step-kit/define-step.ts';
import { setSourcePassword } from './set-source-password.ts';

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
  /** Rollback: the reverse copy of what the destination held that the source lacked. */
  copyBack: z
    .object({
      jobId: z.string().optional(),
      totals: JobTotalsSchema.optional(),
      folders: z.array(FolderVerificationSchema).optional(),
      verified: z.boolean().optional(),
    })
    .optional(),
  /** Rollback: the renamed source got its new password so the copy back could log in. */
  sourcePasswordSetForCopyBack: z.boolean().optional(),
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
    // Sent before an interruption: let what it started land, then look.
    const resumed = rec.configured === true;
    let existing = resumed
      ? await settled(context, destination, ref, address)
      : await findAccount(destination, ref, address, op);
    if (existing === undefined && rec.slot !== undefined && resumed) {
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
        { ...op, resumed },
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
        { ...op, resumed },
      );
      rec.passwordSet = true;
      await context.save();
      acted = true;
    }
    rec.readyAt ??= context.now().toISOString();
    await context.save();
    if (!rec.passwordSet) {
      await destination.changePassword(ref, address, password, { ...op, resumed });
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
    const op = { ...context.op, resumed: true };
    const ref = plan.destination.service;
    const address = plan.destination.address;
    const account = await settled(context, destination, ref, address);
    if (account !== undefined && !account.freeSlot) {
      // This account has owned the address: mail may have landed in it. Copied back and
      // verified first; it is reset only once its mail is safe on the source (issue 7).
      const passwords = await rollbackPasswords(context);
      if (!rec.passwordSet) {
        await destination.changePassword(ref, address, passwords.destination, op);
        rec.passwordSet = true;
        await context.save();
      }
      await copyBackToSource(context, passwords);
      await destination.resetAccount(ref, address, op);
    }
    rec.configured = false;
    rec.passwordSet = false;
    delete rec.readyAt;
    await context.save();
  },
});

type Context = StepContext<Record>;

/**
 * The passwords the copy back logs in with: the destination's (this run set it), and the
 * renamed source's current one. A new source password the run had not set yet is set now.
 */
async function rollbackPasswords(
  context: Context,
): Promise<{ source: string; destination: string }> {
  const { plan, record: rec, source, op } = context;
  try {
    const destination = await context.secret('destinationPassword');
    const sourcePassword = await context.secret('sourcePassword');
    const newOne = context.recordOf(setSourcePassword);
    if (plan.sourcePassword === 'set' && !newOne?.set && !rec.sourcePasswordSetForCopyBack) {
      await source.changePassword(
        plan.source.service,
        plan.provisional.address,
        sourcePassword,
        op,
      );
      rec.sourcePasswordSetForCopyBack = true;
      await context.save();
      context.warn(
        `The source got its new password so the mail could be copied back; it stays on ${plan.source.address}.`,
      );
    }
    return { source: sourcePassword, destination };
  } catch (error) {
    if (isMigrationError(error) && error.code === 'passwords_missing') {
      throw new MigrationError(
        'passwords_missing',
        `The passwords are needed again to copy back the mail that reached ${plan.destination.address} on the destination before it is reset: give them, then roll back again. The destination account is kept as it is.`,
        { step: 'rollback' },
      );
    }
    throw error;
  }
}

/** The planned slot while it is still free; else another free slot (someone took ours). */
async function pickSlot(context: Context): Promise<string> {
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
