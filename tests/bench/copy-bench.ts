/**
 * Copy benchmark: real Dovecot on both sides, the proxy's engine in-process.
 *   npm run bench                      # 4,000 messages (~62 MiB), loopback, then a re-run
 *   npm run bench -- --messages 1000 --latency 15
 * Prints messages/s, MiB/s and peak RSS for the copy and for an idempotent re-run. Figures, not
 * assertions: this machine is noisy, so nothing here fails on speed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createJobManager } from '../../backend-proxy/src/jobs/job-manager.ts';
import type { JobService } from '../../backend-proxy/src/jobs/job-service.ts';
import { silentLogger } from '../../backend-proxy/src/log.ts';
import type { ImapEndpoint, JobView } from '../../lib/proxy-contract/index.ts';
import { startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { makeMessage, type SeedMessage, seedMailbox } from '../fixtures/maildir.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '4000' },
    folders: { type: 'string', default: '4' },
    latency: { type: 'string', default: '0' },
  },
});
const total = Number(values.messages);
const folderCount = Number(values.folders);
const latencyMs = Number(values.latency);
const USER = 'bench@example.test';

// A realistic size mix: mostly small text mails, some with attachments (mean ~16 KiB).
const sizeOf = (i: number) =>
  i % 50 === 0 ? 200_000 : i % 10 === 0 ? 40_000 : 4_000 + (i % 13) * 700;

const [source, destination] = await Promise.all([
  startDovecot({ users: [{ user: USER, password: 'bench-source' }] }),
  startDovecot({ users: [{ user: USER, password: 'bench-destination' }] }),
]);
const relays: FaultProxy[] = [];
try {
  const perFolder = Math.ceil(total / folderCount);
  let bytes = 0;
  const seedStart = performance.now();
  for (let f = 0; f < folderCount; f++) {
    const messages: SeedMessage[] = [];
    for (let i = f * perFolder; i < Math.min(total, (f + 1) * perFolder); i++) {
      const raw = makeMessage({ subject: `Bench ${i}`, size: sizeOf(i), seed: i + 1 });
      bytes += raw.length;
      messages.push({
        raw,
        flags: i % 2 ? ['\\Seen'] : [],
        internalDate: new Date(Date.UTC(2018, 0, 1) + i * 60_000),
      });
    }
    await seedMailbox(source, USER, [{ path: f === 0 ? ['INBOX'] : [`Folder ${f}`], messages }]);
  }
  console.log(
    `seeded ${total} messages, ${(bytes / 2 ** 20).toFixed(1)} MiB in ${folderCount} folders (${Math.round(performance.now() - seedStart)} ms)`,
  );

  const via = async (port: number) => {
    if (latencyMs === 0) return port;
    // A userspace relay holding each chunk latencyMs per direction: a round trip of ~2x that.
    const relay = await startFaultProxy({ targetPort: port, delayMs: latencyMs, imap: false });
    relays.push(relay);
    return relay.port;
  };
  const endpoint = async (port: number, password: string): Promise<ImapEndpoint> => ({
    host: '127.0.0.1',
    port: await via(port),
    tls: 'none',
    user: USER,
    password,
  });
  const request = {
    source: await endpoint(source.port, 'bench-source'),
    destination: await endpoint(destination.port, 'bench-destination'),
    options: { dryRun: false },
  };

  const dataDir = await mkdtemp(path.join(tmpdir(), 'ovh-bench-'));
  const jobs = await createJobManager({
    dataDir,
    allowHosts: ['127.0.0.1'],
    insecureTls: true,
    log: silentLogger,
  });
  try {
    const first = await measure(jobs, async () => (await jobs.create(request)).id);
    report('copy', first, bytes);
    const second = await measure(jobs, async () => {
      await jobs.resume(first.view.id, {
        sourcePassword: 'bench-source',
        destinationPassword: 'bench-destination',
      });
      return first.view.id;
    });
    report('re-run (nothing to copy)', second, bytes);
  } finally {
    await jobs.close();
    await rm(dataDir, { recursive: true, force: true });
  }
} finally {
  await Promise.all(relays.map((r) => r.close()));
  await Promise.all([source.stop(), destination.stop()]);
}

interface Measure {
  view: JobView;
  ms: number;
  peakRss: number;
}

async function measure(jobs: JobService, start: () => Promise<string>): Promise<Measure> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const began = performance.now();
  const id = await start();
  const runs = jobs.get(id).runs;
  for (;;) {
    const view = jobs.get(id);
    if (view.runs > runs || (view.runs === runs && runs > 0 && view.state !== 'queued')) {
      if (!['queued', 'running'].includes(view.state)) {
        clearInterval(sampler);
        return { view, ms: performance.now() - began, peakRss };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function report(label: string, m: Measure, bytes: number) {
  const seconds = m.ms / 1000;
  console.log(
    `${label.padEnd(26)} ${m.view.state.padEnd(10)} ${String(m.view.totals.messagesCopied).padStart(6)} copied ` +
      `${String(m.view.totals.messagesSkipped).padStart(6)} skipped  ${seconds.toFixed(2)} s  ` +
      `${(m.view.totals.messagesTotal / seconds).toFixed(0)} msg/s  ${(bytes / 2 ** 20 / seconds).toFixed(1)} MiB/s  ` +
      `peak RSS ${(m.peakRss / 2 ** 20).toFixed(0)} MiB` +
      (latencyMs ? `  (relay ${latencyMs} ms each way)` : ''),
  );
}
