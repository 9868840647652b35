/**
 * The proxy's per-folder verification (counts and bytes on both sides) must all match. On the
 * legacy MX Plan route (no copy): the address is a configured account of the destination, and
 * the legacy account is gone. Reads only: nothing to undo.
 */
import { z } from 'zod';
import { FolderVerificationSchema, JobTotalsSchema } from '../../proxy-contract/index.ts';
import { MigrationError } from '../errors.ts';
import { findAccount } from '../step-kit/accounts.ts';
import { defineStep, planned, type StepContext, stepMessages } from '../step-kit/define-step.ts';
import { copyContent } from './copy-content.ts';

export const id = 'verify';

export const messages = stepMessages(id, {
  copy: 'Check that every folder has the same messages and bytes on both sides.',
  legacy_move:
    'Check that {address} is a configured account of {service} and is gone from the legacy MX Plan.',
});

export const record = z.object({
  folders: z.array(FolderVerificationSchema).optional(),
  totals: JobTotalsSchema.optional(),
});

async function verifyLegacyMove(context: StepContext<unknown>): Promise<'done'> {
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

export const verify = defineStep({
  id,
  errorCode: 'verification_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route === 'legacy_move') {
      return planned(id, messages.legacy_move, {
        address: plan.destination.address,
        service: plan.destination.service.service,
      });
    }
    return planned(id, messages.copy, {});
  },

  async run(context) {
    const { record: rec } = context;
    if (context.plan.route === 'legacy_move') return verifyLegacyMove(context);
    const jobId = context.recordOf(copyContent)?.jobId;
    if (jobId === undefined) {
      throw new MigrationError('verification_failed', 'There is no copy job to verify.');
    }
    const report = await context.copy.getReport(
      jobId,
      context.signal ? { signal: context.signal } : {},
    );
    rec.folders = report.verification.folders;
    rec.totals = report.job.totals;
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

  async undo() {
    // Reads only.
  },
});
