// The proxy's single-file executables (scripts/build-executables.ts), issue 11.
// Linux x64: run with no Node anywhere on PATH, through a real copy between two Dovecots.
// Windows x64: checked, not run. Debian 12's Wine (8.0) cannot start Node 24 at all, not even the
// registry's plain node.exe ("Fatal process out of memory: SegmentedTable::InitializeTable"), so
// this checks what can be checked without Windows: a 64-bit console PE, no broken signature left,
// the SEA fuse flipped, and the very blob the Linux executable runs injected as NODE_SEA_BLOB.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../backend-proxy/package.json' with { type: 'json' };
import type { JobView } from '../../lib/proxy-contract/index.ts';
import {
  type BuiltExecutable,
  buildExecutables,
  EXECUTABLE_NOTICES,
  SEA_FUSE,
  SEA_RESOURCE,
} from '../../scripts/build-executables.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { makeMessage, seedMailbox } from '../fixtures/maildir.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';

let linux: BuiltExecutable;
let windows: BuiltExecutable;
let scratch: string;

beforeAll(async () => {
  [linux, windows] = (await buildExecutables(['linux-x64', 'win-x64'])) as [
    BuiltExecutable,
    BuiltExecutable,
  ];
  scratch = await mkdtemp(path.join(tmpdir(), 'ovh-sea-'));
}, 300_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** An environment with no Node on PATH (an empty folder) and a home of its own. */
async function nodelessEnv(): Promise<NodeJS.ProcessEnv> {
  const bin = path.join(scratch, 'empty-bin');
  const home = path.join(scratch, 'home');
  await mkdir(bin, { recursive: true });
  await mkdir(home, { recursive: true });
  return { PATH: bin, HOME: home, LANG: 'C.UTF-8' };
}

describe('the Linux x64 executable', () => {
  let source: DovecotServer | undefined;
  let destination: DovecotServer | undefined;
  let proxy: ProxyProcess | undefined;

  afterAll(async () => {
    await proxy?.kill();
    await Promise.all([source?.stop(), destination?.stop()]);
  });

  it('is an ELF x86-64 file that says its version with no Node on PATH', async () => {
    const head = await readFile(linux.path).then((bytes) => bytes.subarray(0, 20));
    expect(head.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(head.readUInt16LE(18)).toBe(0x3e); // e_machine: x86-64

    const env = await nodelessEnv();
    const lookup = spawnSync('/bin/sh', ['-c', 'command -v node'], { env });
    expect(lookup.status).not.toBe(0);
    const version = spawnSync(linux.path, ['--version'], { env, encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout).toBe(`${packageJson.version}\n`);
    // The licences of what is bundled in it come beside it.
    const notices = await readFile(path.join(path.dirname(linux.path), EXECUTABLE_NOTICES), 'utf8');
    expect(notices).toMatch(/^imapflow \S+, licence MIT$/m);
    expect(notices).toMatch(/^zod \S+, licence MIT$/m);
  });

  it('copies a mailbox between two Dovecot servers, byte for byte', async () => {
    const user = 'sea@example.test';
    [source, destination] = await Promise.all([
      startDovecot({ users: [{ user, password: 'sea-source' }] }),
      startDovecot({ users: [{ user, password: 'sea-destination' }] }),
    ]);
    await seedMailbox(source, user, [
      {
        path: ['INBOX'],
        messages: Array.from({ length: 40 }, (_, i) => ({
          raw: makeMessage({ subject: `Message ${i}`, seed: i + 1 }),
          flags: i % 2 ? ['\\Seen' as const] : [],
        })),
      },
      { path: ['Projets', 'Été'], messages: [{ raw: makeMessage({ seed: 99 }) }] },
    ]);
    proxy = await startProxyProcess({
      command: [linux.path],
      env: await nodelessEnv(),
      dataDir: path.join(scratch, 'data'),
    });
    const endpoint = (server: DovecotServer, password: string) => ({
      host: server.host,
      port: server.port,
      tls: 'none' as const,
      user,
      password,
    });
    const created = await proxy.request<JobView>('POST', '/v1/jobs', {
      source: endpoint(source, 'sea-source'),
      destination: endpoint(destination, 'sea-destination'),
      options: {},
    });
    expect(created.status).toBe(201);
    const done = await proxy.waitForJob(created.body.id);
    expect(done).toMatchObject({ state: 'completed', totals: { messagesCopied: 41 } });
    const [from, to] = await Promise.all([
      snapshotMailbox(source.endpoint(user)),
      snapshotMailbox(destination.endpoint(user)),
    ]);
    expect(compareSnapshots(from, to)).toEqual([]);
    // The SQLite job store works inside the executable too.
    expect(spawnSync('ls', [path.join(scratch, 'data')], { encoding: 'utf8' }).stdout).toMatch(
      /jobs\.sqlite/,
    );
  });
});

describe('the Windows x64 executable (not run: no Windows here)', () => {
  it('is a 64-bit console PE with the proxy blob injected and no broken signature', async () => {
    const exe = await readFile(windows.path);
    const blob = await readFile(windows.blobPath);
    expect(exe.subarray(0, 2).toString('latin1')).toBe('MZ');
    const pe = exe.readUInt32LE(0x3c);
    expect(exe.subarray(pe, pe + 4).toString('latin1')).toBe('PE\0\0');
    expect(exe.readUInt16LE(pe + 4)).toBe(0x8664); // Machine: AMD64
    const optional = pe + 24;
    expect(exe.readUInt16LE(optional)).toBe(0x20b); // PE32+
    expect(exe.readUInt16LE(optional + 68)).toBe(3); // Subsystem: Windows console
    const directories = optional + 112;
    // Certificate table (entry 4): removed, since the injection would have broken it.
    expect([exe.readUInt32LE(directories + 32), exe.readUInt32LE(directories + 36)]).toEqual([
      0, 0,
    ]);
    // Resource table (entry 2): now holds the blob, named as Node looks it up.
    expect(exe.readUInt32LE(directories + 20)).toBeGreaterThan(blob.length);
    expect(exe.includes(Buffer.from(SEA_RESOURCE, 'utf16le'))).toBe(true);
    expect(exe.indexOf(blob)).toBeGreaterThan(0);
    expect(exe.includes(`${SEA_FUSE}:1`)).toBe(true);
    expect(exe.includes(`${SEA_FUSE}:0`)).toBe(false);
    // The same blob as the Linux executable, which the test above runs.
    expect((await readFile(linux.path)).indexOf(blob)).toBeGreaterThan(0);
    expect(windows.bytes).toBeGreaterThan(50 * 2 ** 20);
  });
});
