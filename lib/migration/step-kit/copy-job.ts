/** Following a proxy job until it ends, resuming it when the proxy lost the passwords. */
import { waitFor } from '../../ovh-api/index.ts';
import type { JobView } from '../../proxy-contract/index.ts';
import { isCopyClientError } from '../copy-client.ts';
import { MigrationError } from '../errors.ts';
import type { StepContext } from './define-step.ts';

const ACTIVE = new Set(['queued', 'running']);

type Context = StepContext<unknown>;

export async function passwordsFor(context: Context) {
  return {
    sourcePassword: await context.secret('sourcePassword'),
    destinationPassword: await context.secret('destinationPassword'),
  };
}

/** The job, or undefined when the proxy does not know it (another proxy, data lost). */
export async function recordedJob(
  context: Context,
  id: string | undefined,
): Promise<JobView | undefined> {
  if (id === undefined) return undefined;
  try {
    return await context.copy.getJob(id, { ...(context.signal ? { signal: context.signal } : {}) });
  } catch (error) {
    if (isCopyClientError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

/**
 * Follows the job until it is completed (and `until` holds), on the one wait helper: copying is
 * progress, so only a job that stops moving for the policy's patience is given up on. A job
 * paused for its passwords is given them again; any other pause or cancel is an error.
 */
export async function followJob(
  context: Context,
  id: string,
  until: (job: JobView) => boolean = () => true,
  passwords: () => Promise<{ sourcePassword: string; destinationPassword: string }> = () =>
    passwordsFor(context),
): Promise<JobView> {
  const call = context.signal ? { signal: context.signal } : {};
  return waitFor<JobView>(
    `the copy job ${id}`,
    async () => {
      const job = await context.copy.getJob(id, call);
      context.progress(job);
      if (ACTIVE.has(job.state)) {
        const { messagesDone, bytesDone } = job.totals;
        return {
          waiting: `the copy job ${id} is ${job.state} (${messagesDone}/${job.totals.messagesTotal} messages)`,
          progress: `${job.state}:${job.runs}:${messagesDone}:${bytesDone}`,
          status: job.state,
        };
      }
      // A proxy that restarted lost the passwords: send them again. One that saw them refused
      // (auth_failed) needs other ones: resending the same would only be refused again.
      if (job.state === 'paused' && job.needsCredentials && job.error?.code !== 'auth_failed') {
        await context.copy.resumeJob(id, await passwords(), call);
        return { waiting: `the copy job ${id} is resuming`, progress: `resumed:${job.runs}` };
      }
      if (job.state === 'completed_with_errors') {
        throw new MigrationError(
          'copy_incomplete',
          `The copy finished, but ${job.totals.messagesFailed} message(s) could not be copied${job.failures[0] ? `: ${job.failures[0].message}` : ''}.`,
          { cause: job.error ?? job.failures[0] },
        );
      }
      if (job.state === 'completed') {
        if (until(job)) return { done: job };
        throw new MigrationError('copy_failed', 'The copy job did not run again.');
      }
      const reason = job.error ? `${job.error.message} (${job.error.code})` : job.state;
      throw new MigrationError('copy_failed', `The copy stopped: ${reason}`, { cause: job.error });
    },
    { policy: context.wait, ...call },
  );
}
