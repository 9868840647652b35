/**
 * Guide §1, step 3, through the companion proxy instead of OMM: one job from the renamed source
 * to the destination. The job id is recorded as soon as it exists, so a resumed run follows the
 * same job (the proxy's checkpoints and dedupe make it exact) instead of starting another. Undo
 * stops the job: it would otherwise go on writing into an account the rollback resets.
 */
import { z } from 'zod';
import { JobTotalsSchema, TERMINAL_JOB_STATES } from '../../proxy-contract/index.ts';
import { isCopyClientError } from '../copy-client.ts';
import { ROLLBACK_MESSAGES, rollbackError } from '../rollback-messages.ts';
import { followJob, passwordsFor, recordedJob } from '../step-kit/copy-job.ts';
import { defineStep, planned, stepMessages } from '../step-kit/define-step.ts';

export const id = 'copy_content';

export const messages = stepMessages(id, {
  copy: 'Copy every folder and message from {from} to {to} through the proxy.',
});

export const record = z.object({
  jobId: z.string().optional(),
  totals: JobTotalsSchema.optional(),
});

export const copyContent = defineStep({
  id,
  errorCode: 'copy_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route === 'legacy_move') return undefined;
    return planned(id, messages.copy, {
      from: plan.provisional.address,
      to: plan.destination.address,
    });
  },

  async run(context) {
    const { plan, record: rec } = context;
    let job = await recordedJob(context, rec.jobId);
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
      rec.jobId = job.id;
      await context.save();
    }
    const done = await followJob(context, job.id);
    rec.totals = done.totals;
    await context.save();
    return 'done';
  },

  async undo(context) {
    const { record: rec } = context;
    if (rec.jobId === undefined) return;
    // A job still running would write into the account being reset: it must be stopped, and a
    // job that cannot be stopped stops the rollback (issue 7), the destination untouched.
    const call = context.signal ? { signal: context.signal } : {};
    try {
      const job = await recordedJob(context, rec.jobId);
      if (job === undefined || TERMINAL_JOB_STATES.has(job.state)) return;
      await context.copy.cancelJob(rec.jobId, call);
    } catch (error) {
      if (context.signal?.aborted) throw error;
      // Ended meanwhile: nothing left to stop.
      if (isCopyClientError(error) && (error.code === 'not_found' || error.code === 'conflict'))
        return;
      const why = error instanceof Error ? error.message : String(error);
      throw rollbackError(
        ROLLBACK_MESSAGES.copy_job_not_stopped,
        { job: rec.jobId, error: why, address: context.plan.destination.address },
        error,
      );
    }
  },
});
