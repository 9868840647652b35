import type { ServerResponse } from 'node:http';
import {
  JOB_EVENT_NAME,
  type JobView,
  JobViewSchema,
  TERMINAL_JOB_STATES,
} from '../../../lib/proxy-contract/index.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { Logger } from '../log.ts';

export interface SseTiming {
  /**
   * A comment line this often keeps proxies and idle timers from closing a quiet stream.
   * @default 15_000
   */
  keepAliveMs: number;
  /**
   * At most one event per this interval (~4 per second); in between, only the latest view is kept.
   * @default 250
   */
  minIntervalMs: number;
}

export const DEFAULT_SSE_TIMING: SseTiming = { keepAliveMs: 15_000, minIntervalMs: 250 };

export interface JobEventStreamOptions {
  res: ServerResponse;
  jobs: JobService;
  id: string;
  /** Ends the stream (server shutdown). */
  signal: AbortSignal;
  log: Logger;
  timing?: Partial<SseTiming>;
}

/**
 * Streams `event: progress` with the job's view: once at once, then on changes, throttled, until a
 * terminal state was sent, the client left or `signal` fired. Throws `not_found` before writing
 * anything when the job does not exist.
 */
export function streamJobEvents(options: JobEventStreamOptions): void {
  const { res, jobs, id, signal, log } = options;
  const timing = { ...DEFAULT_SSE_TIMING, ...options.timing };
  jobs.get(id);

  let pending: JobView | undefined;
  let started = false;
  let finished = false;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let waitingForDrain = false;

  const unsubscribe = jobs.subscribe(id, (view) => {
    pending = view;
    if (started) schedule();
  });
  // Anything the subscription delivered synchronously is no newer than what get() returns now.
  pending = undefined;
  let initial: JobView;
  try {
    initial = jobs.get(id);
  } catch (error) {
    unsubscribe();
    throw error;
  }

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
    // Tells buffering reverse proxies (nginx) to pass events through as they come.
    'X-Accel-Buffering': 'no',
  });
  const keepAlive = setInterval(() => {
    if (!res.writableNeedDrain) res.write(': keep-alive\n\n');
  }, timing.keepAliveMs);
  res.once('close', finish);
  // A write racing a client disconnect must not become an unhandled 'error' event.
  res.on('error', finish);
  signal.addEventListener('abort', finish, { once: true });
  log.debug('Event stream opened', { job: id });

  started = true;
  send(initial);
  if (pending && !finished) schedule();

  function schedule(): void {
    if (finished || timer || waitingForDrain || !pending) return;
    const wait = lastSentAt + timing.minIntervalMs - performance.now();
    // The last word on a job is worth sending without delay.
    if (wait <= 0 || TERMINAL_JOB_STATES.has(pending.state)) flush();
    else timer = setTimeout(flush, wait);
  }

  function flush(): void {
    timer = undefined;
    if (finished || !pending) return;
    if (res.writableNeedDrain) {
      // A slow reader gets the latest view once it catches up, not every view in between.
      waitingForDrain = true;
      res.once('drain', () => {
        waitingForDrain = false;
        schedule();
      });
      return;
    }
    const view = pending;
    pending = undefined;
    send(view);
  }

  function send(view: JobView): void {
    const parsed = JobViewSchema.safeParse(view);
    if (!parsed.success) {
      log.error('A job view did not match the contract; event dropped', { job: id });
      return;
    }
    res.write(`event: ${JOB_EVENT_NAME}\ndata: ${JSON.stringify(parsed.data)}\n\n`);
    lastSentAt = performance.now();
    if (TERMINAL_JOB_STATES.has(parsed.data.state)) finish();
  }

  function finish(): void {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    clearInterval(keepAlive);
    unsubscribe();
    signal.removeEventListener('abort', finish);
    if (!res.writableEnded) res.end();
    log.debug('Event stream closed', { job: id });
  }
}
