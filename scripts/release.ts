/**
 * `npm run release`: everything a person downloads, in release/ with its SHA-256 sums:
 *   ovh-migrate-platform-<version>-chrome.zip, ovh-migrate-platform-<version>-firefox.zip
 *                                   the extension (wxt zip), for the Chrome Web Store and AMO
 *   ovh-migrate-proxy-linux-x64, ovh-migrate-proxy-win-x64.exe
 *                                   the proxy as single-file executables (no Node needed)
 *   ovh-migrate-proxy-THIRD-PARTY-NOTICES.txt
 *                                   the licences of the packages bundled into them
 *   ovh-migrate-proxy-<version>.tgz the proxy as an npm package (Node 22.13+)
 *   SHA256SUMS                      `sha256sum -c SHA256SUMS` checks them
 * Nothing for macOS: its executable must be signed after injection, which cannot be done here.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import packageJson from '../package.json' with { type: 'json' };
import { buildExecutables } from './build-executables.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RELEASE_DIR = path.join(ROOT, 'release');

async function npm(args: string[]): Promise<string> {
  const { stdout } = await run('npm', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The extension's two zips (`npm run zip:extension` puts them in .output/), copied into `dir`. */
async function zipExtension(dir: string): Promise<void> {
  await npm(['run', 'zip:extension', '--silent']);
  for (const browser of ['chrome', 'firefox']) {
    const name = `${packageJson.name}-${packageJson.version}-${browser}.zip`;
    await copyFile(path.join(ROOT, '.output', name), path.join(dir, name));
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function buildRelease(dir: string = RELEASE_DIR): Promise<string[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await zipExtension(dir);
  await buildExecutables(['linux-x64', 'win-x64'], dir);
  await npm(['pack', '--workspace', 'backend-proxy', '--pack-destination', dir, '--silent']);
  const files = (await readdir(dir)).sort();
  const sums = await Promise.all(
    files.map(async (name) => `${await sha256(path.join(dir, name))}  ${name}`),
  );
  await writeFile(path.join(dir, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  return files;
}

async function main(): Promise<void> {
  const started = performance.now();
  const files = await buildRelease();
  for (const name of files) {
    const { size } = await stat(path.join(RELEASE_DIR, name));
    const shown =
      size < 2 ** 20 ? `${(size / 2 ** 10).toFixed(0)} KiB` : `${(size / 2 ** 20).toFixed(1)} MiB`;
    console.log(`${name.padEnd(40)} ${shown.padStart(10)}`);
  }
  console.log(`${'SHA256SUMS'.padEnd(40)} (check them: cd release && sha256sum -c SHA256SUMS)`);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `\nRelease ${packageJson.version} in ${path.relative(ROOT, RELEASE_DIR)}/ (${seconds} s).`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
