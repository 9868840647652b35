// Where bench results go and what they record about the machine they ran on.

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** bench/results/<name>-<UTC timestamp>.json (committed: the README's figures come from them). */
export function resultsFile(name: string, at = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return path.join(ROOT, 'bench/results', `${name}-${stamp}.json`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function dovecotVersion(): string | null {
  try {
    return execFileSync('dovecot', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
  } catch {
    return null;
  }
}

/** The machine and versions a result was measured with (the machine is shared: load too). */
export function environment(extra: Record<string, string | null> = {}) {
  return {
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    dovecot: dovecotVersion(),
    cpu: cpus()[0]?.model ?? null,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageBefore: loadavg(),
    ...extra,
  };
}
