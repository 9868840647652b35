// The proxy as a user runs it: its built CLI (backend-proxy/dist/cli.mjs) as a child process,
// driven through its HTTP API, metered from spawn to the end of the job (and the re-run).

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
const POLL_MS = 25;

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
  options: { rerun: boolean; timeoutMs?: number },
): Promise<ProxyCopyResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ovh-bench-proxy-'));
  const began = performance.now();
  const metered = spawnMetered(process.execPath, [
    CLI,
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--allow-host',
    '127.0.0.1',
    '--insecure-tls',
  ]);
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
    const waitForEnd = async (id: string, runs: number) => {
      const deadline = Date.now() + (options.timeoutMs ?? 3_600_000);
      for (;;) {
        const job = await api<JobView>('GET', `/v1/jobs/${id}`);
        if (job.runs >= runs && ENDED.has(job.state)) return job;
        if (Date.now() > deadline) throw new Error(`job never ended: ${JSON.stringify(job)}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    };

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
