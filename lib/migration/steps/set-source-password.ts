/** Optional: a new password on the renamed source (its mail clients must be reconfigured anyway). */
import { settled } from './accounts.ts';
import type { Step } from './context.ts';

export const setSourcePassword: Step = {
  id: 'set_source_password',
  errorCode: 'password_failed',
  async run(context) {
    const { plan, records, source, op } = context;
    if (plan.sourcePassword !== 'set') return 'skipped';
    const password = await context.secret('sourcePassword');
    // A change sent before an interruption may still be pending: a second one would be refused.
    await settled(context, source, plan.source.service, plan.provisional.address);
    await source.changePassword(plan.source.service, plan.provisional.address, password, op);
    records.sourcePasswordSet = true;
    await context.save();
    return 'done';
  },
};
