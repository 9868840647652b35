/**
 * The proxy's per-folder verification (counts and bytes on both sides) must all match. On the
 * legacy MX Plan route (no copy): the address is a configured account of the destination, and
 * the legacy account is gone.
 */
import { MigrationError } from '../errors.ts';
import { findAccount } from './accounts.ts';
import type { Step, StepContext } from './context.ts';

async function verifyLegacyMove(context: StepContext): Promise<'done'> {
  const { plan } = context;
  const address = plan.destination.address;
  const service = plan.destination.service.service;
  const account = await findAccount(
    context.destination,
    plan.destination.service,
    address,
    context.op,
  );
  if (account === undefined || !account.configured || account.freeSlot) {
    throw new MigrationError('verification_failed', `${address} is not an account of ${service}.`);
  }
  if (account.state !== 'ok') {
    throw new MigrationError(
      'verification_failed',
      `${address} exists on ${service} but is "${account.rawState}".`,
    );
  }
  const left = await findAccount(
    context.source,
    plan.source.service,
    plan.source.address,
    context.op,
  );
  if (left !== undefined) {
    throw new MigrationError(
      'verification_failed',
      `${plan.source.address} still exists on the legacy MX Plan ${plan.source.service.service}.`,
    );
  }
  context.note(`${address} is configured on ${service}; the legacy account is gone.`);
  return 'done';
}

export const verify: Step = {
  id: 'verify',
  errorCode: 'verification_failed',
  async run(context) {
    const { records } = context;
    if (context.plan.route === 'legacy_move') return verifyLegacyMove(context);
    if (records.copyJobId === undefined) {
      throw new MigrationError('verification_failed', 'There is no copy job to verify.');
    }
    const report = await context.copy.getReport(
      records.copyJobId,
      context.signal ? { signal: context.signal } : {},
    );
    records.verification = report.verification.folders;
    records.copyTotals = report.job.totals;
    await context.save();
    const different = report.verification.folders.filter((f) => !f.match);
    if (!report.verification.verified || different.length > 0) {
      const names = different.map(
        (f) =>
          `${f.source} (${f.sourceMessages} vs ${f.destinationMessages} messages, ${f.missing} missing)`,
      );
      throw new MigrationError(
        'verification_failed',
        names.length > 0
          ? `These folders differ: ${names.join('; ')}.`
          : 'The proxy could not verify the copy.',
      );
    }
    return 'done';
  },
};
