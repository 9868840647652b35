// mbsync (Debian's isync) as the reference IMAP-to-IMAP copier: a config and a state dir in a
// temp dir, far = the source account, near = the destination, everything pulled.

import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface MbsyncAccount {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function mbsyncVersion(): string | undefined {
  try {
    return execFileSync('mbsync', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function account(name: string, a: MbsyncAccount): string {
  return [
    `IMAPAccount ${name}`,
    `Host ${a.host}`,
    `Port ${a.port}`,
    `User ${quote(a.user)}`,
    `Pass ${quote(a.password)}`,
    // Plain loopback, as the proxy gets it in the bench.
    'SSLType None',
    'AuthMechs LOGIN',
    '',
    `IMAPStore ${name}`,
    `Account ${name}`,
    '',
  ].join('\n');
}

/** Writes the config (and the sync-state dir) into `dir`; returns the config path. */
export async function writeMbsyncConfig(
  dir: string,
  source: MbsyncAccount,
  destination: MbsyncAccount,
): Promise<string> {
  const stateDir = path.join(dir, 'state');
  await mkdir(stateDir, { recursive: true });
  const config = [
    account('source', source),
    account('destination', destination),
    'Channel copy',
    'Far :source:',
    'Near :destination:',
    'Patterns *',
    // Pull: copy new messages and flag changes far → near; never touch the source.
    'Sync Pull',
    'Create Near',
    'Remove None',
    'Expunge None',
    // Keep INTERNALDATE, as the proxy does.
    'CopyArrivalDate yes',
    `SyncState ${stateDir}/`,
    '',
  ].join('\n');
  const file = path.join(dir, 'mbsyncrc');
  await writeFile(file, config, { mode: 0o600 });
  return file;
}

export function mbsyncArgs(configFile: string): string[] {
  return ['-c', configFile, '-q', 'copy'];
}
