import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import type { JobState, JobView } from '../../lib/proxy-contract/index.ts';

const ENDED: ReadonlySet<JobState> = new Set([
  'paused',
  'cancelled',
  'completed',
  'completed_with_errors',
]);

/** Waits, through the job's own event subscription, until `until` holds for its view. */
export function waitForJob(
  jobs: JobService,
  id: string,
  until: (job: JobView) => boolean = (job) => ENDED.has(job.state),
  timeoutMs = 100_000,
): Promise<JobView> {
  return new Promise((resolve, reject) => {
    const check = (view: JobView) => {
      if (!until(view)) return;
      clearTimeout(timer);
      clearInterval(poll);
      unsubscribe();
      resolve(view);
    };
    const timer = setTimeout(() => {
      clearInterval(poll);
      unsubscribe();
      reject(new Error(`job ${id} did not get there: ${JSON.stringify(jobs.get(id))}`));
    }, timeoutMs);
    const unsubscribe = jobs.subscribe(id, check);
    // Events are coalesced; a poll catches a state reached between two of them.
    const poll = setInterval(() => check(jobs.get(id)), 100);
    check(jobs.get(id));
  });
}
