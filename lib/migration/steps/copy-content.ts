/**
 * Guide §1, step 3, through the companion proxy instead of OMM: one job from the renamed source
 * to the destination. The job id is recorded as soon as it exists, so a resumed run follows the
 * same job (the proxy's checkpoints and dedupe make it exact) instead of starting another.
 */
import type { Step } from './context.ts';
import { followJob, passwordsFor, recordedJob } from './copy-job.ts';

export const copyContent: Step = {
  id: 'copy_content',
  errorCode: 'copy_failed',
  async run(context) {
    const { plan, records } = context;
    let job = await recordedJob(context);
    if (job === undefined) {
      const { sourcePassword, destinationPassword } = await passwordsFor(context);
      job = await context.copy.createJob(
        {
          source: { ...plan.source.endpoint, password: sourcePassword },
          destination: { ...plan.destination.endpoint, password: destinationPassword },
          options: { dryRun: false },
        },
        context.signal ? { signal: context.signal } : {},
      );
      records.copyJobId = job.id;
      await context.save();
    }
    const done = await followJob(context, job.id);
    records.copyTotals = done.totals;
    await context.save();
    return 'done';
  },
};
