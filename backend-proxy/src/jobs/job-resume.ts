import type {
  EndpointView,
  ResumeEndpoint,
  ResumeJobRequest,
} from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';
import type { StoredJob } from '../store/job-store.ts';
import {
  assertDestinationFree,
  isBusy,
  type JobContext,
  jobOf,
  runtimeOf,
  setState,
} from './job-context.ts';
import { withPassword } from './job-run.ts';
import { assertSameMailbox } from './ownership.ts';

/**
 * Queues a paused job again, or a finished one for another pass, with the passwords (a proxy
 * keeps them in memory only). A side whose login, host or port changed (the source account was
 * renamed, as a migration does) is first proven to be the same mailbox; the job then follows it.
 */
export async function resumeJob(
  ctx: JobContext,
  id: string,
  request: ResumeJobRequest,
  enqueue: (id: string) => void,
): Promise<void> {
  const job = jobOf(ctx, id);
  const runtime = runtimeOf(ctx, id);
  if (isBusy(ctx, job)) throw new ProxyFailure('conflict', 'The job is already running.');
  const sides = resolveResume(job, request);
  assertDestinationFree(ctx, sides.destination.endpoint, job.options.dryRun, id);
  if (sides.source.moved || sides.destination.moved) {
    runtime.resuming = true;
    try {
      for (const side of ['source', 'destination'] as const) {
        const { endpoint, password, moved } = sides[side];
        if (!moved) continue;
        ctx.options.connector.assertAllowed(endpoint);
        await assertSameMailbox(
          withPassword(endpoint, password),
          job.fingerprint?.[side],
          ctx.options.connector,
          side,
        );
      }
    } finally {
      runtime.resuming = false;
    }
    // Things may have moved while the logins were checked.
    if (isBusy(ctx, jobOf(ctx, id))) {
      throw new ProxyFailure('conflict', 'The job is already running.');
    }
    assertDestinationFree(ctx, sides.destination.endpoint, job.options.dryRun, id);
    ctx.options.log.info('Job moved to a new login', { job: id });
  }
  runtime.passwords = { source: sides.source.password, destination: sides.destination.password };
  setState(ctx, id, {
    state: 'queued',
    error: undefined,
    source: sides.source.endpoint,
    destination: sides.destination.endpoint,
  });
  enqueue(id);
}

/** One side of a resume: where to connect now, with which password, and whether that moved. */
export interface ResumedSide {
  endpoint: EndpointView;
  password: string;
  /** Login, host, port or TLS mode differ from the job's: prove it is the same mailbox first. */
  moved: boolean;
}

/** Reads a resume body against the job: the password of each side, and any new endpoint. */
function resolveResume(
  job: StoredJob,
  request: ResumeJobRequest,
): { source: ResumedSide; destination: ResumedSide } {
  return {
    source: side(job.source, request.source, request.sourcePassword, 'source'),
    destination: side(
      job.destination,
      request.destination,
      request.destinationPassword,
      'destination',
    ),
  };
}

function side(
  current: EndpointView,
  patch: ResumeEndpoint | undefined,
  flatPassword: string | undefined,
  name: 'source' | 'destination',
): ResumedSide {
  const password = patch?.password ?? flatPassword;
  // The contract's schema already says so; this keeps a caller of the service honest too.
  if (password === undefined) {
    throw new ProxyFailure('bad_request', `Invalid request: ${name}Password: required.`);
  }
  const endpoint: EndpointView = {
    host: patch?.host ?? current.host,
    port: patch?.port ?? current.port,
    tls: patch?.tls ?? current.tls,
    user: patch?.user ?? current.user,
  };
  const moved =
    endpoint.host.toLowerCase() !== current.host.toLowerCase() ||
    endpoint.port !== current.port ||
    endpoint.tls !== current.tls ||
    endpoint.user.toLowerCase() !== current.user.toLowerCase();
  return { endpoint, password, moved };
}
