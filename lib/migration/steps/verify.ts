/** The proxy's per-folder verification (counts and bytes on both sides) must all match. */
import { MigrationError } from '../errors.ts';
import type { Step } from './context.ts';

export const verify: Step = {
  id: 'verify',
  errorCode: 'verification_failed',
  async run(context) {
    const { records } = context;
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
