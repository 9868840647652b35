/**
 * Optional: a new password on the renamed source (its mail clients must be reconfigured anyway,
 * and the proxy then logs in with a password the user never typed). Undo cannot give the old
 * password back: it says so.
 */
import { z } from 'zod';
import { isOvhTaskError } from '../../ovh-api/index.ts';
import { ROLLBACK_WARNINGS } from '../rollback-messages.ts';
import { defineStep, planned, stepMessages } from '../step-kit/define-step.ts';

export const id = 'set_source_password';

export const messages = stepMessages(id, {
  set: 'Set a new password on {address}.',
});

export const record = z.object({
  /** The change was sent: the source may have the new password. */
  sent: z.boolean().optional(),
  /** Its task ended well. */
  set: z.boolean().optional(),
});

export const setSourcePassword = defineStep({
  id,
  errorCode: 'password_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route === 'legacy_move' || plan.sourcePassword !== 'set') return undefined;
    return planned(id, messages.set, { address: plan.provisional.address });
  },

  async run(context) {
    const { plan, record: rec, source, op } = context;
    if (plan.sourcePassword !== 'set') return 'skipped';
    const password = await context.secret('sourcePassword');
    // A change sent before an interruption may still be pending: it ends first.
    const resumed = rec.sent === true;
    rec.sent = true;
    await context.save();
    try {
      await source.changePassword(plan.source.service, plan.provisional.address, password, {
        ...op,
        resumed,
      });
    } catch (error) {
      // A task that ended in error changed nothing: the old password is still the one.
      if (isOvhTaskError(error) && error.code === 'task_failed') {
        rec.sent = false;
        await context.save();
      }
      throw error;
    }
    rec.set = true;
    await context.save();
    return 'done';
  },

  async undo(context) {
    const { record: rec, plan } = context;
    if (rec.set) {
      context.warn(ROLLBACK_WARNINGS.password_changed, { address: plan.source.address });
    } else if (rec.sent) {
      context.warn(ROLLBACK_WARNINGS.password_maybe_changed, { address: plan.source.address });
    }
  },
});
