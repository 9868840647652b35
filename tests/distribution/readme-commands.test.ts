// Every command in the README's shell blocks works from a plain shell whose first Node is the
// machine's own (Debian 12's is 20, older than the project needs), issue 11. Each command is run
// here, or by .ci/run (which keeps the machine's Node first on PATH); a command this file does
// not know fails the test, so the README and this list stay in step.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

interface Check {
  /** What runs instead of the command as written, and why (a free port, a small bench). */
  run?: { command: string; why: string };
  /** Long-running: wait for this in its output, then Ctrl+C. Else it must exit 0. */
  until?: RegExp;
  /** What its output must show. */
  shows?: RegExp;
  /** Run by .ci/run (checked below), not here. */
  byCi?: string;
  /** Not run by any test, and why. */
  notRun?: string;
}

const BENCH = 'a bench run writes figures to bench/results/, and is never a test';

const CHECKS: Record<string, Check> = {
  './scripts/start.sh': { until: /^READY http:\/\/127\.0\.0\.1:\d+$/m, shows: /chrome-mv3/ },
  './scripts/test.sh': { byCi: './scripts/test.sh' },
  'npm test': { byCi: './scripts/test.sh' },
  'npm run typecheck': { byCi: 'npm run typecheck' },
  // `npm test` runs test:e2e, every spec included, from .ci/run.
  'npm run test:e2e -- tests/e2e/panel-migrate.spec.ts': { byCi: './scripts/test.sh' },
  'npm run lint': { byCi: 'npm run lint' },
  'source scripts/ensure-node.sh': {
    run: {
      command: 'source scripts/ensure-node.sh && node --version',
      why: 'then asks the Node it put first on PATH',
    },
    shows: /^v(2[2-9]|[3-9]\d)\./m,
  },
  'npm run sandbox': {
    run: { command: 'npm run sandbox -- --port 0', why: 'on a free port' },
    until: /Ctrl\+C stops the sandbox/,
    shows: /Panel/i,
  },
  'npm run proxy -- --help': { shows: /Usage: ovh-migrate-proxy \[options\]/ },
  'npm run proxy': { until: /^READY http:\/\/127\.0\.0\.1:\d+$/m, shows: /Pairing token: / },
  'npm run release': { shows: /Release \S+ in release\// },
  // The README's bench runs: a bench writes its figures to bench/results/ and is never a test.
  // `npm run bench -- --list` (which the README names) shows its script runs from an old Node.
  'npm run bench -- --list': { shows: /^copy /m },
  'npm run bench': { notRun: BENCH },
  'npm run bench -- --only copy --runs 3': { notRun: BENCH },
  'npm run bench -- --only copy --rtt 30': { notRun: BENCH },
  'npm run bench -- --only copy --big': { notRun: BENCH },
  'npm run bench -- --only copy --big --tools proxy --memory-trace /tmp/mem.jsonl': {
    notRun: BENCH,
  },
  'npm run bench -- --only append': { notRun: BENCH },
  'bash scripts/install-bench-deps.sh': {
    notRun: 'installs Debian packages for the bench only (isync), which CI does not need',
  },
};

/** The commands of the README's `sh` blocks, comments dropped. */
async function readmeCommands(): Promise<string[]> {
  const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

// A plain shell: the project's Node (which runs this test) and npm's own additions are gone.
const projectNodeDir = path.dirname(process.execPath);
const PLAIN_PATH = (process.env.PATH ?? '')
  .split(':')
  .filter((dir) => dir && dir !== projectNodeDir && !dir.includes('node_modules'))
  .join(':');
/** The version of the Node such a shell finds first. */
const firstNode = (() => {
  try {
    return execFileSync('/bin/sh', ['-c', 'node --version'], {
      env: { PATH: PLAIN_PATH },
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'none';
  }
})();

let scratch: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ovh-readme-'));
  env = {
    PATH: PLAIN_PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}),
    // Where the proxy started by a command listens and keeps its data (its documented variables).
    OVH_MIGRATE_PROXY_PORT: '0',
    OVH_MIGRATE_PROXY_DATA_DIR: path.join(scratch, 'proxy-data'),
  };
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Runs `command` in bash from the repository; resolves with its output once done (or ready). */
function runCommand(command: string, check: Check): Promise<string> {
  const child: ChildProcess = spawn('bash', ['-c', command], {
    cwd: REPO,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    let ready = false;
    if (check.until) {
      const pattern = check.until;
      const onData = () => {
        if (ready || !pattern.test(output)) return;
        ready = true;
        // The whole group: npm, bash, and the program they started.
        if (child.pid) process.kill(-child.pid, 'SIGINT');
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
    }
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (check.until ? ready : code === 0) resolve(output);
      else reject(new Error(`\`${command}\` ended (${code ?? signal}) with:\n${output}`));
    });
  });
}

describe(`the README's commands, from a plain shell whose first Node is ${firstNode}`, () => {
  it('are all known to this test', async () => {
    const unknown = (await readmeCommands()).filter((command) => !(command in CHECKS));
    expect(unknown).toEqual([]);
  });

  it('leave .ci/run to run the others with the machine Node first on PATH', async () => {
    const ci = await readFile(path.join(REPO, '.ci/run'), 'utf8');
    const testScript = await readFile(path.join(REPO, 'scripts/test.sh'), 'utf8');
    // Neither puts the project's Node on PATH itself: the npm scripts must bring it.
    expect(ci).not.toMatch(/ensure-node/);
    expect(testScript).not.toMatch(/ensure-node/);
    expect(testScript).toMatch(/^npm test$/m);
    for (const check of Object.values(CHECKS)) {
      if (check.byCi)
        expect(ci).toMatch(
          new RegExp(`^${check.byCi.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
        );
    }
  });

  it("bring the project's Node in every npm script that runs a Node program", async () => {
    const unwrapped: string[] = [];
    for (const file of ['package.json', 'backend-proxy/package.json']) {
      const { scripts } = JSON.parse(await readFile(path.join(REPO, file), 'utf8')) as {
        scripts: Record<string, string>;
      };
      for (const [name, script] of Object.entries(scripts)) {
        for (const step of script.split('&&').map((part) => part.trim())) {
          const program = step.split(/\s+/)[0] ?? '';
          const needsNode = /^(node|npx|wxt|vitest|playwright|tsc|esbuild|web-ext)$/.test(program);
          if (needsNode) unwrapped.push(`${file} ${name}: ${step}`);
        }
      }
    }
    // Each goes through scripts/with-node.sh, which puts Node 24 first when the shell's is older.
    expect(unwrapped).toEqual([]);
  });

  for (const [command, check] of Object.entries(CHECKS)) {
    if (check.byCi || check.notRun) continue;
    const how = check.run ? ` (${check.run.why})` : '';
    it(`${command}${how}`, async () => {
      expect(firstNode, 'the Node a plain shell finds').not.toBe('none');
      const output = await runCommand(check.run?.command ?? command, check);
      if (check.shows) expect(output).toMatch(check.shows);
      expect(output).not.toMatch(/No such built-in module|ERR_UNKNOWN_FILE_EXTENSION|EBADENGINE/);
      if (command === 'npm run release') {
        const sums = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
          cwd: path.join(REPO, 'release'),
          encoding: 'utf8',
        });
        // Two zips, two executables and their licence notices, the npm package.
        expect(sums.trim().split('\n')).toHaveLength(6);
        expect(sums).not.toMatch(/FAILED/);
        expect(existsSync(path.join(REPO, 'release/ovh-migrate-proxy-linux-x64'))).toBe(true);
        expect(
          existsSync(path.join(REPO, 'release/ovh-migrate-proxy-THIRD-PARTY-NOTICES.txt')),
        ).toBe(true);
      }
    }, 600_000);
  }
});
