/**
 * The same proxy job re-run once the address and its aliases are on the destination: a cheap
 * incremental pass that copies whatever reached the renamed source meanwhile (the proxy's dedupe
 * skips what is there). Nothing to undo: the copy job's own undo stops it.
 */
import { z } from 'zod';
import { JobTotalsSchema } from '../../proxy-contract/index.ts';
import { MigrationError } from '../errors.ts';
import { followJob, passwordsFor, recordedJob } from '../step-kit/copy-job.ts';
import { defineStep, planned, stepMessages } from '../step-kit/define-step.ts';
import { copyContent } from './copy-content.ts';

export const id = 'final_pass';

export const messages = stepMessages(id, {
  pass: 'Copy once more whatever reached {from} meanwhile.',
});

export const record = z.object({
  /** The job's `runs` before the final pass was asked for. */
  baseRuns: z.number().int().optional(),
  totals: JobTotalsSchema.optional(),
});

export const finalPass = defineStep({
  id,
  errorCode: 'copy_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route === 'legacy_move') return undefined;
    return planned(id, messages.pass, { from: plan.provisional.address });
  },

  async run(context) {
    const { record: rec } = context;
    const job = await recordedJob(context, context.recordOf(copyContent)?.jobId);
    if (job === undefined) {
      throw new MigrationError(
        'copy_failed',
        'The proxy no longer knows the copy job: retry to copy again (nothing is copied twice).',
      );
    }
    if (rec.baseRuns === undefined) {
      rec.baseRuns = job.runs;
      await context.save();
    }
    const base = rec.baseRuns;
    const started = job.runs > base || job.state === 'queued' || job.state === 'running';
    if (!started) {
      await context.copy.resumeJob(
        job.id,
        await passwordsFor(context),
        context.signal ? { signal: context.signal } : {},
      );
    }
    const done = await followJob(context, job.id, (j) => j.runs > base);
    rec.totals = done.totals;
    await context.save();
    return 'done';
  },

  async undo() {
    // The copy job's undo stops the job; a pass copies, it never changes an account.
  },
});
