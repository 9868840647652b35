// Measures a tool as a whole process: wall time, CPU seconds (user + system) and peak RSS of its
// whole process tree. Linux only (reads /proc).

import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessUsage {
  /** CPU seconds (user + system) of the process and every descendant it waited for. */
  cpuSeconds: number;
  /** Highest resident set size of the tree (bytes): sampled sum, or a process's own high-water
   * mark when that is higher (a single process's VmHWM is exact). */
  peakRssBytes: number;
}

const CLOCK_TICKS = 100;
const SAMPLE_MS = 20;

/**
 * CPU of reaped children, from this process's own /proc/self/stat (cutime + cstime). A child's
 * CPU lands there when it is reaped, with that of the descendants it reaped itself; the delta
 * around one child's life is that child's CPU, as long as no other child ends meanwhile (the
 * bench runs one tool at a time; Dovecot lives on).
 */
export function reapedChildrenCpuSeconds(): number {
  const fields = statFields('self');
  if (!fields) return 0;
  // Fields after the command name: state is [0], cutime is field 16 (index 13), cstime 17.
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

/** CPU seconds of a live process so far (utime + stime). */
export function liveCpuSeconds(pid: number | 'self'): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: split after its last ')'.
    return text
      .slice(text.lastIndexOf(')') + 2)
      .trim()
      .split(' ');
  } catch {
    return undefined;
  }
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match?.[1] ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pid and every live descendant. */
export function processTree(root: number): number[] {
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.trim().split(/\s+/)) if (child) walk(Number(child));
    }
  };
  walk(root);
  return out;
}

/** Samples a process tree's memory until stopped. */
export class TreeSampler {
  readonly #root: number;
  readonly #timer: NodeJS.Timeout;
  #peakSum = 0;
  readonly #hwm = new Map<number, number>();

  constructor(root: number) {
    this.#root = root;
    this.sample();
    this.#timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  sample(): void {
    let sum = 0;
    for (const pid of processTree(this.#root)) {
      const rss = statusKb(pid, 'VmRSS');
      if (rss === 0) continue;
      sum += rss;
      this.#hwm.set(pid, Math.max(this.#hwm.get(pid) ?? 0, statusKb(pid, 'VmHWM')));
    }
    this.#peakSum = Math.max(this.#peakSum, sum);
  }

  /** Stops sampling; the peak in bytes. */
  stop(): number {
    clearInterval(this.#timer);
    return Math.max(this.#peakSum, ...this.#hwm.values()) * 1024;
  }
}

export interface MeteredChild {
  child: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  /** Resolves when the process has exited, with its exit code and usage. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; usage: ProcessUsage }>;
}

/** Spawns a command and meters it until it exits. */
export function spawnMetered(command: string, args: string[], options: SpawnOptions = {}) {
  const cpuBefore = reapedChildrenCpuSeconds();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  if (child.pid === undefined) throw new Error(`cannot run ${command}`);
  const sampler = new TreeSampler(child.pid);
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    usage: ProcessUsage;
  }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const peakRssBytes = sampler.stop();
      // 'exit' comes after the reap, so the CPU is in cutime/cstime by now.
      resolve({
        code,
        signal,
        usage: { cpuSeconds: reapedChildrenCpuSeconds() - cpuBefore, peakRssBytes },
      });
    });
  });
  return { child, output: () => output, exited, sampler } satisfies MeteredChild & {
    sampler: TreeSampler;
  };
}
