// The proxy as a user runs it: its built CLI (backend-proxy/dist/cli.mjs) as a child process,
// driven through its HTTP API, metered from spawn to the end of the job (and the re-run).

import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROXY_NODE_FLAGS } from '../../../backend-proxy/src/node-flags.ts';
import {
  type ImapEndpoint,
  type JobState,
  type JobView,
  TERMINAL_JOB_STATES,
} from '../../../lib/proxy-contract/index.ts';
import { liveCpuSeconds, type ProcessUsage, spawnMetered } from './process-meter.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'backend-proxy/dist/cli.mjs');
const ENDED: ReadonlySet<JobState> = new Set<JobState>(['paused', ...TERMINAL_JOB_STATES]);

/** Builds the proxy's bundle, as `npm run build:proxy` does (esbuild, about a second). */
export function buildProxy(): void {
  execFileSync('npm', ['run', '--silent', 'build:proxy'], { cwd: ROOT, stdio: 'inherit' });
}

export interface ProxyCopyResult {
  /** From spawn to the job's end: start-up, copy and the proxy's own verification. */
  seconds: number;
  /** Of which: spawn until the API answered READY. */
  startupSeconds: number;
  job: JobView;
  /** The re-run of the finished job in the same process (resume), when asked. */
  rerun?: { seconds: number; job: JobView; cpuSeconds: number };
  usage: ProcessUsage;
}

/** Copies `source` to `destination` with a fresh proxy process, then (optionally) re-runs it. */
export async function runProxyCopy(
  source: ImapEndpoint,
  destination: ImapEndpoint,
  options: {
    rerun: boolean;
    timeoutMs?: number;
    /** A file to append the proxy's memory to, sampled in the proxy and at each job event. */
    memoryTrace?: string | undefined;
  },
): Promise<ProxyCopyResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ovh-bench-proxy-'));
  const began = performance.now();
  const trace = options.memoryTrace;
  const metered = spawnMetered(
    process.execPath,
    [
      // As its launchers start it (npm start, scripts/start.sh, the executables).
      ...PROXY_NODE_FLAGS,
      ...(trace ? ['--import', path.join(import.meta.dirname, 'memory-trace.mjs')] : []),
      CLI,
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--allow-host',
      '127.0.0.1',
      '--insecure-tls',
    ],
    trace ? { env: { ...process.env, OVH_BENCH_MEMORY_TRACE: trace } } : {},
  );
  try {
    const url = await waitForReady(metered.output, metered.exited);
    const startupSeconds = (performance.now() - began) / 1000;
    const token = /^Pairing token: (\S+)$/m.exec(metered.output())?.[1] ?? '';
    const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const parsed = (await response.json()) as T;
      if (!response.ok) throw new Error(`${method} ${route}: ${JSON.stringify(parsed)}`);
      return parsed;
    };
    // The job's own event stream, as a client watching progress would use it: it says at once
    // when the job ends, and costs the proxy no more than its ~4 events a second. (Polling
    // GET /v1/jobs/:id fast enough for a precise end time cost the proxy several % of its CPU.)
    const waitForEnd = (id: string, runs: number) =>
      watchJob(
        `${url}/v1/jobs/${id}/events`,
        token,
        (job) => {
          if (trace) tracePhase(trace, metered.child.pid ?? 0, job);
          return job.runs >= runs && ENDED.has(job.state);
        },
        options.timeoutMs ?? 3_600_000,
      );

    const created = await api<JobView>('POST', '/v1/jobs', {
      source,
      destination,
      options: { dryRun: false },
    });
    const job = await waitForEnd(created.id, 1);
    const seconds = (performance.now() - began) / 1000;
    let rerun: ProxyCopyResult['rerun'];
    if (options.rerun) {
      const pid = metered.child.pid ?? 0;
      const cpuBefore = liveCpuSeconds(pid);
      const rerunBegan = performance.now();
      await api('POST', `/v1/jobs/${job.id}/resume`, {
        sourcePassword: source.password,
        destinationPassword: destination.password,
      });
      const again = await waitForEnd(job.id, job.runs + 1);
      rerun = {
        seconds: (performance.now() - rerunBegan) / 1000,
        job: again,
        cpuSeconds: liveCpuSeconds(pid) - cpuBefore,
      };
    }
    metered.sampler.sample();
    metered.child.kill('SIGTERM');
    const { usage } = await metered.exited;
    return { seconds, startupSeconds, job, ...(rerun ? { rerun } : {}), usage };
  } catch (error) {
    metered.child.kill('SIGKILL');
    throw new Error(`proxy run failed: ${String(error)}\n${metered.output().slice(-2000)}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** One line of the memory trace at a job event: the phase (run, folder state) and the RSS. */
function tracePhase(file: string, pid: number, job: JobView): void {
  const folder = job.folders.find((f) => f.state === 'copying') ?? job.folders.at(-1);
  const phase =
    job.state !== 'running'
      ? job.state
      : folder?.state === 'copying'
        ? 'copy'
        : job.folders.every((f) => f.state === 'done')
          ? 'verify'
          : 'between folders';
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(readProcStatus(pid))?.[1];
  appendFileSync(
    file,
    `${JSON.stringify({ t: Date.now(), run: job.runs, phase, done: folder?.messagesDone, rssEvent: Math.round(Number(rss ?? 0) / 102.4) / 10 })}\n`,
  );
}

function readProcStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

function waitForReady(output: () => string, exited: Promise<unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /^READY (\S+)$/m.exec(output());
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 5);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`proxy exited before READY:\n${output()}`));
    });
  });
}

/** Reads a job's server-sent events until `done` holds for one of its views. */
async function watchJob(
  url: string,
  token: string,
  done: (job: JobView) => boolean,
  timeoutMs: number,
): Promise<JobView> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
    let buffer = '';
    let last: JobView | undefined;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (!data) continue;
        last = JSON.parse(data) as JobView;
        if (done(last)) return last;
      }
    }
    throw new Error(`the event stream ended before the job did: ${JSON.stringify(last)}`);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
