/**
 * Copy bench: the proxy against mbsync on the same corpus, same Dovecot, same run.
 *   npm run bench -- --only copy                # standard corpus (5,054 messages), loopback
 *   npm run bench -- --only copy --rtt 30       # Dovecot behind a 30 ms round-trip relay
 *   npm run bench -- --only copy --big          # 100,000 messages + one 50 MB in one folder
 *   options: --runs N (median of N), --messages N, --tools proxy,mbsync (--tools proxy: the
 *   proxy alone), --no-rerun, --no-save, --memory-trace FILE (the proxy's RSS, V8 heap, external
 *   and array buffers every 250 ms, and its phase at each job event, as JSON lines),
 *   --wire-trace FILE (with --rtt: every chunk through the relay, its time, connection,
 *   direction, size and first bytes, as JSON lines, logins masked; summed up per connection by
 *   `node tests/bench/lib/wire-trace.ts FILE`)
 * Each tool runs as a whole process (the proxy's built CLI driven over its HTTP API, with its
 * start-up and its own verification; mbsync with a config in a temp dir) into a fresh
 * destination account, and is judged message by message against the source afterwards. Then the
 * finished job is re-run (the incremental pass) and timed. Figures, never assertions: this
 * machine is shared and noisy. Results go to bench/results/ as JSON.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ImapEndpoint } from '../../lib/proxy-contract/index.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { seedMailbox } from '../fixtures/maildir.ts';
import {
  BIG_FOLDER_MESSAGES,
  bigFolderCorpus,
  corpusStats,
  STANDARD_MESSAGES,
  standardCorpus,
} from './lib/corpus.ts';
import { judgeCopy, takeSnapshot, type Verdict } from './lib/judge.ts';
import { mbsyncArgs, mbsyncVersion, writeMbsyncConfig } from './lib/mbsync.ts';
import { type ProcessUsage, spawnMetered } from './lib/process-meter.ts';
import { buildProxy, runProxyCopy } from './lib/proxy-run.ts';
import { environment, median, resultsFile } from './lib/results.ts';
import { wireTracer } from './lib/wire-trace.ts';

const { values } = parseArgs({
  options: {
    rtt: { type: 'string', default: '0' },
    big: { type: 'boolean', default: false },
    messages: { type: 'string' },
    runs: { type: 'string', default: '1' },
    tools: { type: 'string', default: 'proxy,mbsync' },
    'no-rerun': { type: 'boolean', default: false },
    'no-save': { type: 'boolean', default: false },
    'memory-trace': { type: 'string' },
    'wire-trace': { type: 'string' },
  },
});
const rttMs = Number(values.rtt);
const runs = Math.max(1, Number(values.runs));
const tools = (values.tools ?? '')
  .split(',')
  .filter((t): t is Tool => t === 'proxy' || t === 'mbsync');
const rerun = !values['no-rerun'];
// Over latency the full corpus takes minutes per tool: a fifth of it by default, same mix.
const messages = Number(
  values.messages ??
    (values.big
      ? BIG_FOLDER_MESSAGES
      : rttMs > 0
        ? Math.round(STANDARD_MESSAGES / 5)
        : STANDARD_MESSAGES),
);
const mode = values.big ? 'big' : rttMs > 0 ? `rtt${rttMs}` : 'loopback';
const SOURCE = 'source@bench.test';
const PASSWORD = 'bench-password';

type Tool = 'proxy' | 'mbsync';

interface ToolRun {
  tool: Tool;
  run: number;
  seconds: number;
  messagesPerSecond: number;
  mibPerSecond: number;
  cpuSeconds: number;
  peakRssMiB: number;
  exitCode?: number | null;
  startupSeconds?: number;
  jobState?: string;
  rerun?: { seconds: number; cpuSeconds: number; copied?: number };
  verdict: Verdict;
}

// Taken now: the load average before the run is part of the result.
const env = environment({ mbsync: mbsyncVersion() ?? null });
const folders = values.big ? bigFolderCorpus(messages) : standardCorpus(messages);
const stats = corpusStats(folders);
console.log(
  `bench copy (${mode}): ${stats.messages} messages, ${(stats.bytes / 2 ** 20).toFixed(1)} MiB in ` +
    `${stats.folders} folders, median ${stats.medianBytes} B, largest ${(stats.largestBytes / 2 ** 20).toFixed(1)} MiB; ` +
    `${runs} run(s) of ${tools.join(', ')}`,
);
if (tools.includes('mbsync') && !mbsyncVersion()) {
  throw new Error('mbsync is not installed: run scripts/install-bench-deps.sh (Debian isync)');
}
if (tools.includes('proxy')) buildProxy();

// One Dovecot serves both sides, as in the issue's measurements; each tool run gets a fresh
// destination account on it.
const server = await startDovecot({ users: [{ user: SOURCE, password: PASSWORD }] });
let relay: FaultProxy | undefined;
// The source as served, read once: every copy is judged against it.
let sourceSnapshotRef: Awaited<ReturnType<typeof takeSnapshot>> | undefined;
const results: ToolRun[] = [];
try {
  const seedStart = performance.now();
  await seedMailbox(server, SOURCE, folders);
  // Nothing of the corpus is needed in memory past seeding.
  folders.length = 0;
  const seedSeconds = (performance.now() - seedStart) / 1000;
  // Reading the source once builds Dovecot's indexes and warms the page cache, so neither tool
  // pays that for the other; the snapshot is also what each copy is judged against.
  const snapStart = performance.now();
  sourceSnapshotRef = await takeSnapshot(server.endpoint(SOURCE));
  console.log(
    `seeded in ${seedSeconds.toFixed(1)} s, source read in ${((performance.now() - snapStart) / 1000).toFixed(1)} s`,
  );
  if (rttMs > 0) {
    // A userspace relay holding each chunk rtt/2 per direction (kernel netem is not available).
    relay = await startFaultProxy({
      targetPort: server.port,
      delayMs: rttMs / 2,
      imap: false,
      ...(values['wire-trace'] ? { onChunk: wireTracer(values['wire-trace']) } : {}),
    });
  }
  const imapPort = relay?.port ?? server.port;

  for (let run = 1; run <= runs; run++) {
    // Alternating which tool goes first spreads the machine's drifting load over both.
    for (const tool of run % 2 ? tools : [...tools].reverse()) {
      const user = `${tool}-${run}@bench.test`;
      await server.addUser(user, PASSWORD);
      const result =
        tool === 'proxy'
          ? await benchProxy(server, imapPort, user, run)
          : await benchMbsync(server, imapPort, user, run);
      results.push(result);
      printRun(result);
      // Free the disk and Dovecot's caches for the next tool.
      await server.removeUser(user);
    }
  }

  const summary = summarise(results);
  printSummary(summary);
  if (!values['no-save']) {
    const file = resultsFile(`copy-${mode}`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(
      file,
      `${JSON.stringify(
        {
          bench: 'copy',
          mode,
          rttMs,
          runs,
          corpus: stats,
          environment: env,
          loadAverageAfter: loadavg(),
          summary,
          results,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  }
} finally {
  await relay?.close();
  await server.stop();
}

async function benchProxy(
  server: DovecotServer,
  port: number,
  user: string,
  run: number,
): Promise<ToolRun> {
  const endpoint = (login: string): ImapEndpoint => ({
    host: '127.0.0.1',
    port,
    tls: 'none',
    user: login,
    password: PASSWORD,
  });
  const copy = await runProxyCopy(endpoint(SOURCE), endpoint(user), {
    rerun,
    memoryTrace: values['memory-trace'],
  });
  const verdict = await judgeCopy(sourceSnapshotOf(), server.endpoint(user));
  return {
    ...figures('proxy', run, copy.seconds, copy.usage),
    startupSeconds: round(copy.startupSeconds),
    jobState: copy.job.state,
    ...(copy.rerun
      ? {
          rerun: {
            seconds: round(copy.rerun.seconds),
            cpuSeconds: round(copy.rerun.cpuSeconds),
            // This run's own count; the totals count what the job copied over all its runs.
            copied: copy.rerun.job.lastRun?.messagesCopied ?? copy.rerun.job.totals.messagesCopied,
          },
        }
      : {}),
    verdict,
  };
}

async function benchMbsync(
  server: DovecotServer,
  port: number,
  user: string,
  run: number,
): Promise<ToolRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ovh-bench-mbsync-'));
  try {
    const account = (login: string) => ({
      host: '127.0.0.1',
      port,
      user: login,
      password: PASSWORD,
    });
    const config = await writeMbsyncConfig(dir, account(SOURCE), account(user));
    const once = async () => {
      const began = performance.now();
      const metered = spawnMetered('mbsync', mbsyncArgs(config));
      const exit = await metered.exited;
      if (exit.code !== 0)
        console.log(`mbsync exited with ${exit.code}: ${metered.output().slice(-1500)}`);
      return { seconds: (performance.now() - began) / 1000, ...exit };
    };
    const first = await once();
    const verdict = await judgeCopy(sourceSnapshotOf(), server.endpoint(user));
    const again = rerun ? await once() : undefined;
    return {
      ...figures('mbsync', run, first.seconds, first.usage),
      exitCode: first.code,
      ...(again
        ? { rerun: { seconds: round(again.seconds), cpuSeconds: round(again.usage.cpuSeconds) } }
        : {}),
      verdict,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sourceSnapshotOf() {
  if (!sourceSnapshotRef) throw new Error('no source snapshot');
  return sourceSnapshotRef;
}

function figures(
  tool: Tool,
  run: number,
  seconds: number,
  usage: ProcessUsage,
): Omit<ToolRun, 'verdict'> {
  return {
    tool,
    run,
    seconds: round(seconds),
    messagesPerSecond: round(stats.messages / seconds, 1),
    mibPerSecond: round(stats.bytes / 2 ** 20 / seconds, 1),
    cpuSeconds: round(usage.cpuSeconds),
    peakRssMiB: round(usage.peakRssBytes / 2 ** 20, 1),
  };
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

interface ToolSummary {
  tool: Tool;
  runs: number;
  seconds: number;
  messagesPerSecond: number;
  mibPerSecond: number;
  cpuSeconds: number;
  peakRssMiB: number;
  rerunSeconds?: number;
  exact: boolean;
  notes: string[];
}

function summarise(all: ToolRun[]) {
  const byTool: ToolSummary[] = [];
  for (const tool of tools) {
    const mine = all.filter((r) => r.tool === tool);
    if (mine.length === 0) continue;
    const reruns = mine.flatMap((r) => (r.rerun ? [r.rerun.seconds] : []));
    byTool.push({
      tool,
      runs: mine.length,
      seconds: median(mine.map((r) => r.seconds)),
      messagesPerSecond: median(mine.map((r) => r.messagesPerSecond)),
      mibPerSecond: median(mine.map((r) => r.mibPerSecond)),
      cpuSeconds: median(mine.map((r) => r.cpuSeconds)),
      peakRssMiB: median(mine.map((r) => r.peakRssMiB)),
      ...(reruns.length ? { rerunSeconds: median(reruns) } : {}),
      exact: mine.every((r) => r.verdict.exact),
      notes: [...new Set(mine.flatMap((r) => r.verdict.notes))],
    });
  }
  const proxy = byTool.find((t) => t.tool === 'proxy');
  const mbsync = byTool.find((t) => t.tool === 'mbsync');
  return {
    median: runs > 1,
    tools: byTool,
    ...(proxy && mbsync
      ? { proxyOverMbsyncMsgPerSecond: round(proxy.messagesPerSecond / mbsync.messagesPerSecond) }
      : {}),
  };
}

function printRun(r: ToolRun) {
  console.log(
    `run ${r.run} ${r.tool.padEnd(6)} ${r.seconds.toFixed(2).padStart(8)} s ` +
      `${r.messagesPerSecond.toFixed(0).padStart(6)} msg/s ${r.mibPerSecond.toFixed(1).padStart(6)} MiB/s ` +
      `CPU ${r.cpuSeconds.toFixed(2).padStart(7)} s  peak RSS ${r.peakRssMiB.toFixed(0).padStart(5)} MiB  ` +
      `re-run ${r.rerun ? `${r.rerun.seconds.toFixed(2)} s` : '-'}  ` +
      `${r.verdict.exact ? 'exact' : `NOT exact (${r.verdict.notes.join('; ')})`}` +
      (r.jobState && r.jobState !== 'completed' ? `  job ${r.jobState}` : ''),
  );
}

function printSummary(summary: ReturnType<typeof summarise>) {
  console.log(`\n${summary.median ? `median of ${runs} runs` : 'one run'} (${mode}):`);
  console.log('tool     wall s   msg/s   MiB/s   CPU s  peak RSS MiB  re-run s  exact?');
  for (const t of summary.tools) {
    console.log(
      `${t.tool.padEnd(7)} ${t.seconds.toFixed(2).padStart(7)} ${t.messagesPerSecond.toFixed(0).padStart(7)} ` +
        `${t.mibPerSecond.toFixed(1).padStart(7)} ${t.cpuSeconds.toFixed(2).padStart(7)} ${t.peakRssMiB.toFixed(0).padStart(13)} ` +
        `${(t.rerunSeconds ?? Number.NaN).toFixed(2).padStart(9)}  ${t.exact ? 'yes' : `no: ${t.notes.join('; ')}`}`,
    );
  }
  if (summary.proxyOverMbsyncMsgPerSecond !== undefined) {
    console.log(`proxy / mbsync msg/s: ${summary.proxyOverMbsyncMsgPerSecond.toFixed(2)}×`);
  }
}
