import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createImapConnector,
  type ImapConnectorOptions,
} from '../../backend-proxy/src/imap/connector.ts';
import {
  createJobManager,
  type JobManagerOptions,
} from '../../backend-proxy/src/jobs/job-manager.ts';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import { silentLogger } from '../../backend-proxy/src/log.ts';
import { openSqliteJobStore } from '../../backend-proxy/src/store/sqlite-job-store.ts';
import {
  type JobState,
  type JobView,
  type ResumeJobRequest,
  TERMINAL_JOB_STATES,
} from '../../lib/proxy-contract/index.ts';

/** States a job stays in until someone acts: finished, or paused for a person. */
const ENDED: ReadonlySet<JobState> = new Set<JobState>(['paused', ...TERMINAL_JOB_STATES]);

/**
 * A job manager on a fresh data dir, allowed to reach the loopback test servers: its store and
 * connector come from the same factories as the CLI's; close() also closes the store.
 */
export async function startJobManager(
  overrides: Partial<ImapConnectorOptions> &
    Partial<Omit<JobManagerOptions, 'store' | 'connector'>> = {},
): Promise<JobService> {
  const { allowHosts = ['127.0.0.1'], insecureTls = true, resolve, ...rest } = overrides;
  const store = openSqliteJobStore(await mkdtemp(path.join(tmpdir(), 'ovh-jobs-')));
  const connector = createImapConnector({ allowHosts, insecureTls, resolve });
  const jobs = await createJobManager({ store, connector, log: silentLogger, ...rest });
  return {
    ...jobs,
    async close() {
      await jobs.close();
      store.close();
    },
  };
}

/** Resumes (or re-runs) a job and waits for the end of that new run. */
export async function rerun(
  jobs: JobService,
  id: string,
  passwords: ResumeJobRequest,
): Promise<JobView> {
  const runs = jobs.get(id).runs;
  await jobs.resume(id, passwords);
  return waitForJob(jobs, id, (job) => job.runs > runs && ENDED.has(job.state));
}

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

/**
 * Watches a fault proxy's client-to-server bytes for APPENDs into `mailbox` (as the proxy sends
 * them, quoted): each relay connection's span, from its first APPEND to the last bytes it
 * relayed either way (a MULTIAPPEND names the mailbox once for many messages; answers follow). `overlapping()` counts the
 * connections that appended while another did (a split folder's), which one connection after
 * another (a retry's) never do. `onAppending` hears each new connection's first APPEND.
 */
export function watchAppends(mailbox: string, onAppending?: (connections: number) => void) {
  const marker = ` APPEND "${mailbox}" `;
  const spans = new Map<number, { first: number; last: number }>();
  return {
    onChunk(id: number, direction: 'toServer' | 'toClient', bytes: Buffer): void {
      const now = performance.now();
      const seen = spans.get(id);
      if (seen) {
        seen.last = now;
        return;
      }
      if (direction !== 'toServer' || !bytes.includes(marker)) return;
      spans.set(id, { first: now, last: now });
      onAppending?.(spans.size);
    },
    overlapping(): number {
      const all = [...spans.values()];
      return all.filter((a) => all.some((b) => a !== b && a.first < b.last && b.first < a.last))
        .length;
    },
  };
}
