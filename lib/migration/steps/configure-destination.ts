/**
 * Guide §1, step 2: the original address on the destination, from a free slot (or created, on
 * the legacy MX Plan), then its password. Records the slot before configuring it, so rollback
 * knows to reset it; skips what is already done. From here on, mail to the address lands on the
 * destination: undo must bring it back to the source before it resets the account.
 */
import { z } from 'zod';
import { isOvhApiError } from '../../ovh-api/index.ts';
import { isMigrationError, MigrationError } from '../errors.ts';
import { ROLLBACK_MESSAGES, ROLLBACK_WARNINGS, rollbackError } from '../rollback-messages.ts';
import { findAccount, settled } from '../step-kit/accounts.ts';
import { CopyBackRecordSchema, copyBackToSource, probeCopyBack } from '../step-kit/copy-back.ts';
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
  copyBack: CopyBackRecordSchema.optional(),
  /** Rollback: the renamed source got its new password so the copy back could log in. */
  sourcePasswordSetForCopyBack: z.boolean().optional(),
  /**
   * Rollback: the destination account renamed away from the original address (so the source can
   * take it back and nothing more lands on the destination), recorded before it is sent.
   */
  release: z
    .object({
      /** The destination account's provisional address. */
      to: z.string().optional(),
      sent: z.boolean().optional(),
      doneAt: z.string().optional(),
    })
    .optional(),
  /** Rollback: the drain was verified and the reset sent. */
  resetSent: z.boolean().optional(),
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

  /**
   * The last part of the rollback (see `release` below for the first): the destination account
   * that owned the address (renamed away from it, or still holding it where it cannot be
   * renamed) is drained into the source, verified, and only then reset.
   */
  async undo(context) {
    const { plan, record: rec, destination } = context;
    if (!rec.configured) return;
    const op = { ...context.op, resumed: true };
    const ref = plan.destination.service;
    const where = heldAt(context);
    const account = await settled(context, destination, ref, where);
    if (account !== undefined && !account.freeSlot) {
      // This account has owned the address: mail may have landed in it. Copied back and
      // verified first; it is reset only once its mail is safe on the source (issue 7).
      const passwords = await rollbackPasswords(context);
      const route = { from: where, to: await sourceAddressNow(context) };
      // Renamed away, nothing reaches it any more: one verified pass is the drain. Still at the
      // address (legacy MX Plan cannot rename): a last incremental pass right before it goes.
      await copyBackToSource(context, passwords, route);
      if (rec.release?.doneAt === undefined) {
        await copyBackToSource(context, passwords, { ...route, again: true });
      }
      rec.resetSent = true;
      await context.save();
      await destination.resetAccount(ref, where, op);
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
        await sourceAddressNow(context),
        sourcePassword,
        { ...op, resumed: true },
      );
      rec.sourcePasswordSetForCopyBack = true;
      await context.save();
      context.warn(ROLLBACK_WARNINGS.password_for_copy_back, { address: plan.source.address });
    }
    return { source: sourcePassword, destination };
  } catch (error) {
    if (isMigrationError(error) && error.code === 'passwords_missing') {
      throw rollbackError(
        ROLLBACK_MESSAGES.passwords_missing,
        {
          address: plan.destination.address,
          service: plan.destination.service.service,
          kept: heldAt(context),
        },
        undefined,
        'passwords_missing',
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

/** Where the destination account that owned the address is now. */
function heldAt(context: Context): string {
  const { plan, record: rec } = context;
  return rec.release?.doneAt !== undefined && rec.release.to !== undefined
    ? rec.release.to
    : plan.destination.address;
}

/** Where the source account is now: still renamed, or already back at its address. */
async function sourceAddressNow(context: Context): Promise<string> {
  const { plan, source, op } = context;
  const renamed = await findAccount(source, plan.source.service, plan.provisional.address, op);
  return renamed === undefined ? plan.source.address : plan.provisional.address;
}

/**
 * Rollback, before anything changes: whether the copy back can run (the passwords, the proxy,
 * both logins). When it cannot, the rollback stops here with the destination untouched.
 */
export async function checkCopyBack(context: Context): Promise<void> {
  const { plan, record: rec, destination } = context;
  if (!rec.configured) return;
  const ref = plan.destination.service;
  const where = heldAt(context);
  const account = await settled(context, destination, ref, where);
  if (account === undefined || account.freeSlot) return;
  const passwords = await rollbackPasswords(context);
  if (!rec.passwordSet) {
    await destination.changePassword(ref, where, passwords.destination, {
      ...context.op,
      resumed: true,
    });
    rec.passwordSet = true;
    await context.save();
  }
  await probeCopyBack(context, passwords, { from: where, to: await sourceAddressNow(context) });
}

/** The destination's provisional names: `<login>-rollback`, `<login>-rollback2`, … */
const RELEASE_CANDIDATES = 5;

/**
 * Rollback, once the aliases are back on the source: the destination account is renamed away
 * from the original address (to `<login>-rollback@domain`), so the source can take the address
 * back and no more mail lands on the destination; its mail is drained afterwards (`undo`). A
 * platform that cannot rename (legacy MX Plan) keeps the address until its account is deleted.
 */
export async function releaseAddress(context: Context): Promise<'skipped' | undefined> {
  const { plan, record: rec, destination, source, op } = context;
  if (!rec.configured || !destination.capabilities.rename) return 'skipped';
  const ref = plan.destination.service;
  const address = plan.destination.address;
  rec.release ??= {};
  const release = rec.release;
  if (release.doneAt !== undefined) return;
  const resumed = release.sent === true;
  const atAddress = await settled(context, destination, ref, address);
  if (release.to !== undefined) {
    const renamed = await settled(context, destination, ref, release.to);
    if (renamed !== undefined && (atAddress === undefined || atAddress.freeSlot)) {
      release.doneAt = context.now().toISOString();
      await context.save();
      return;
    }
  }
  if (atAddress === undefined || atAddress.freeSlot) {
    // No account of this run holds the address (its configuration never landed).
    delete rec.release;
    await context.save();
    return 'skipped';
  }
  const nameFor = (n: number) =>
    `${plan.source.login}-rollback${n === 1 ? '' : n}@${plan.source.domain}`;
  for (let n = 1; ; n++) {
    if (release.to === undefined) {
      const candidate = nameFor(n);
      const taken =
        (await findAccount(destination, ref, candidate, op)) !== undefined ||
        (await findAccount(source, plan.source.service, candidate, op)) !== undefined;
      if (taken) {
        if (n >= RELEASE_CANDIDATES) {
          throw rollbackError(ROLLBACK_MESSAGES.no_free_name, {
            address,
            service: ref.service,
            names: Array.from({ length: n }, (_, i) => nameFor(i + 1)).join(', '),
          });
        }
        continue;
      }
      release.to = candidate;
    }
    release.sent = true;
    await context.save();
    try {
      await destination.renameAccount(
        ref,
        address,
        { login: release.to.split('@')[0] as string, domain: plan.source.domain },
        { ...op, resumed },
      );
      break;
    } catch (error) {
      // Held elsewhere on the customer's platforms (an address has one owner): the next name.
      if (!isOvhApiError(error) || error.code !== 'conflict' || n >= RELEASE_CANDIDATES) {
        throw error;
      }
      delete release.to;
      release.sent = false;
      await context.save();
    }
  }
  release.doneAt = context.now().toISOString();
  await context.save();
  return undefined;
}
