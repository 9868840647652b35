/**
 * A last incremental pass of the same job: it catches mail that reached the renamed source while
 * the first copy ran, and costs little (the proxy skips what is already there).
 */
import { MigrationError } from '../errors.ts';
import type { Step } from './context.ts';
import { followJob, passwordsFor, recordedJob } from './copy-job.ts';

export const finalPass: Step = {
  id: 'final_pass',
  errorCode: 'copy_failed',
  async run(context) {
    const { records } = context;
    const job = await recordedJob(context);
    if (job === undefined) {
      throw new MigrationError(
        'copy_failed',
        'The proxy no longer knows the copy job: retry to copy again (nothing is copied twice).',
      );
    }
    if (records.finalPassBaseRuns === undefined) {
      records.finalPassBaseRuns = job.runs;
      await context.save();
    }
    const base = records.finalPassBaseRuns;
    const started = job.runs > base || job.state === 'queued' || job.state === 'running';
    if (!started) {
      await context.copy.resumeJob(
        job.id,
        await passwordsFor(context),
        context.signal ? { signal: context.signal } : {},
      );
    }
    const done = await followJob(context, job.id, (j) => j.runs > base);
    records.copyTotals = done.totals;
    await context.save();
    return 'done';
  },
};
