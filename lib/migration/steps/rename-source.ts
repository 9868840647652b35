/**
 * Guide §1, step 1: rename the source to its provisional name. Idempotent: when the provisional
 * address exists and the original does not, the rename already happened. Undo renames it back,
 * once the destination no longer holds the original address.
 */
import { z } from 'zod';
import { MigrationError } from '../errors.ts';
import { findAccount, settled } from '../step-kit/accounts.ts';
import { defineStep, planned, stepMessages } from '../step-kit/define-step.ts';

export const id = 'rename_source';

export const messages = stepMessages(id, {
  rename:
    'Rename {from} to {to}. From then until {address} exists on the destination, mail to it is relayed rather than delivered: about {minutes} min.',
});

export const record = z.object({
  /** The rename was sent (it may have landed even if the run stopped before the answer). */
  sent: z.boolean().optional(),
  /** When the original address left the source: the mail window opens. */
  doneAt: z.string().optional(),
  /** Rollback: when the source had its original address again (the rollback's window closes). */
  backAt: z.string().optional(),
});

export const renameSource = defineStep({
  id,
  errorCode: 'rename_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route === 'legacy_move') return undefined;
    return planned(id, messages.rename, {
      from: plan.source.address,
      to: plan.provisional.address,
      address: plan.destination.address,
      minutes: Math.max(1, Math.ceil(plan.mailWindow.expectedSeconds / 60)),
    });
  },

  async run(context) {
    const { plan, record: rec, source, op } = context;
    const ref = plan.source.service;
    const original = plan.source.address;
    const provisional = plan.provisional.address;
    // A rename still in progress (the run was interrupted): let it land first.
    const resumed = rec.sent === true;
    const before = resumed
      ? await settled(context, source, ref, original)
      : await findAccount(source, ref, original, op);
    const renamed = await findAccount(source, ref, provisional, op);
    if (before === undefined && renamed !== undefined) {
      context.note(`${original} was already renamed to ${provisional}.`);
      rec.sent = true;
      if (resumed) await settled(context, source, ref, provisional);
      rec.doneAt ??= context.now().toISOString();
      await context.save();
      return 'skipped';
    }
    if (before === undefined) {
      throw new MigrationError(
        'rename_failed',
        `Neither ${original} nor ${provisional} exists on the source.`,
      );
    }
    if (renamed !== undefined) {
      throw new MigrationError(
        'rename_failed',
        `${provisional} already exists on the source: choose another provisional name.`,
      );
    }
    rec.sent = true;
    await context.save();
    await source.renameAccount(
      ref,
      original,
      { login: plan.provisional.login, domain: plan.source.domain },
      { ...op, resumed },
    );
    rec.doneAt = context.now().toISOString();
    await context.save();
    return 'done';
  },

  async undo(context) {
    const { plan, record: rec, source } = context;
    if (!rec.sent) return;
    const ref = plan.source.service;
    const original = await settled(context, source, ref, plan.source.address);
    const provisional = await settled(context, source, ref, plan.provisional.address);
    if (original === undefined && provisional !== undefined) {
      await source.renameAccount(
        ref,
        plan.provisional.address,
        { login: plan.source.login, domain: plan.source.domain },
        { ...context.op, resumed: true },
      );
    } else if (original === undefined) {
      throw new MigrationError(
        'rollback_failed',
        `Neither ${plan.source.address} nor ${plan.provisional.address} exists on the source.`,
      );
    }
    rec.sent = false;
    delete rec.doneAt;
    rec.backAt ??= context.now().toISOString();
    await context.save();
  },
});
