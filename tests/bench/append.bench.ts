/**
 * APPEND micro-bench: one destination connection, messages already in memory, so only the
 * APPEND path is measured: imapflow's `append()` (one command at a time, a "+" round trip per
 * literal over 4 KiB) against our pipeline (backend-proxy/src/imap/append-pipeline.ts) with
 * LITERAL+ alone, with MULTIAPPEND too, and with neither (synchronizing literals, pipelined).
 *   npm run bench -- --only append [--messages 2000] [--rtt 30] [--runs 3]
 * Each variant appends into a fresh account's INBOX (selected, as the engine does) and is judged
 * message by message against a seeded source holding the same messages. Figures, no assertions.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import { createImapConnector } from '../../backend-proxy/src/imap/connector.ts';
import { startDovecot } from '../fixtures/dovecot.ts';
import { type FaultProxy, startFaultProxy } from '../fixtures/fault-proxy.ts';
import { type SeedMessage, seedMailbox } from '../fixtures/maildir.ts';
import { corpusStats, standardCorpus } from './lib/corpus.ts';
import { judgeCopy, takeSnapshot } from './lib/judge.ts';
import { environment, median, resultsFile } from './lib/results.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string' },
    rtt: { type: 'string', default: '0' },
    runs: { type: 'string', default: '1' },
    'no-save': { type: 'boolean', default: false },
  },
});
const rttMs = Number(values.rtt);
const runs = Math.max(1, Number(values.runs));
const count = Number(values.messages ?? (rttMs > 0 ? 500 : 2000));
const PASSWORD = 'bench-password';
const SOURCE = 'source@bench.test';

// The standard corpus's mix, in one folder (INBOX), tail included.
const messages: SeedMessage[] = standardCorpus(count).flatMap((f) => f.messages ?? []);
const stats = corpusStats([{ path: ['INBOX'], messages }]);
const bytes = stats.bytes;

type Variant =
  | 'imapflow'
  | 'pipeline: LITERAL+'
  | 'pipeline: LITERAL+ MULTIAPPEND'
  | 'pipeline: sync literals'
  | 'copy: fetch → pipeline';
const VARIANTS: Variant[] = [
  'imapflow',
  'pipeline: sync literals',
  'pipeline: LITERAL+',
  'pipeline: LITERAL+ MULTIAPPEND',
  // A sketch of phase 2's copy loop: the source read by imapflow's FETCH, each message handed
  // to the pipeline as it arrives (reading overlaps writing), one connection per side.
  'copy: fetch → pipeline',
];

console.log(
  `bench append: ${messages.length} messages, ${(bytes / 2 ** 20).toFixed(1)} MiB, median ${stats.medianBytes} B, ` +
    `${rttMs ? `${rttMs} ms RTT` : 'loopback'}, ${runs} run(s)`,
);
const env = environment();
const server = await startDovecot({ users: [{ user: SOURCE, password: PASSWORD }] });
let relay: FaultProxy | undefined;
const results: Array<{
  variant: Variant;
  run: number;
  seconds: number;
  messagesPerSecond: number;
  mibPerSecond: number;
  cpuSeconds: number;
  exact: boolean;
  notes: string[];
}> = [];
try {
  await seedMailbox(server, SOURCE, [{ path: ['INBOX'], messages }]);
  const source = await takeSnapshot(server.endpoint(SOURCE));
  if (rttMs > 0) {
    relay = await startFaultProxy({ targetPort: server.port, delayMs: rttMs / 2, imap: false });
  }
  const port = relay?.port ?? server.port;
  const bodies = messages.map((m) => ({
    raw: typeof m.raw === 'string' ? Buffer.from(m.raw) : m.raw,
    flags: [...(m.flags ?? []), ...(m.keywords ?? [])],
    internalDate: m.internalDate ?? new Date(0),
  }));

  for (let run = 1; run <= runs; run++) {
    for (const variant of VARIANTS) {
      const user = `append-${run}-${VARIANTS.indexOf(variant)}@bench.test`;
      await server.addUser(user, PASSWORD);
      const endpoint = { host: '127.0.0.1', port, tls: 'none' as const, user, password: PASSWORD };
      const cpu = process.cpuUsage();
      const began = performance.now();
      if (variant === 'imapflow') {
        const client = new ImapFlow({
          host: '127.0.0.1',
          port,
          secure: false,
          doSTARTTLS: false,
          auth: { user, pass: PASSWORD },
          logger: false,
          disableAutoIdle: true,
        });
        await client.connect();
        await client.mailboxOpen('INBOX');
        for (const m of bodies) await client.append('INBOX', m.raw, m.flags, m.internalDate);
        await client.logout();
      } else {
        const session = await createImapConnector({
          allowHosts: ['127.0.0.1'],
          insecureTls: true,
        }).openAppendSession(endpoint, {
          mailbox: 'INBOX',
          ...(variant === 'pipeline: LITERAL+' ? { multiappend: false as const } : {}),
          ...(variant === 'pipeline: sync literals'
            ? { withoutCapabilities: ['LITERAL+', 'LITERAL-', 'MULTIAPPEND'] }
            : {}),
        });
        const outcomes = [];
        if (variant === 'copy: fetch → pipeline') {
          const reader = new ImapFlow({
            host: '127.0.0.1',
            port,
            secure: false,
            doSTARTTLS: false,
            auth: { user: SOURCE, pass: PASSWORD },
            logger: false,
            disableAutoIdle: true,
            disableBinary: true,
          });
          await reader.connect();
          await reader.mailboxOpen('INBOX', { readOnly: true });
          for await (const m of reader.fetch('1:*', {
            source: true,
            flags: true,
            internalDate: true,
          })) {
            await session.pipeline.whenRoom();
            outcomes.push(
              session.pipeline.append({
                body: m.source ?? Buffer.alloc(0),
                flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent'),
                ...(m.internalDate ? { internalDate: new Date(m.internalDate) } : {}),
              }),
            );
          }
          await reader.logout();
        } else {
          for (const m of bodies) {
            await session.pipeline.whenRoom();
            outcomes.push(
              session.pipeline.append({
                body: m.raw,
                flags: m.flags,
                internalDate: m.internalDate,
              }),
            );
          }
        }
        const settled = await Promise.all(outcomes);
        await session.close();
        const bad = settled.filter((o) => o.status !== 'appended');
        if (bad.length) console.log(`${variant}: ${bad.length} not appended`, bad[0]);
      }
      const seconds = (performance.now() - began) / 1000;
      const used = process.cpuUsage(cpu);
      const verdict = await judgeCopy(source, server.endpoint(user));
      const result = {
        variant,
        run,
        seconds: Math.round(seconds * 100) / 100,
        messagesPerSecond: Math.round(messages.length / seconds),
        mibPerSecond: Math.round((bytes / 2 ** 20 / seconds) * 10) / 10,
        cpuSeconds: Math.round(((used.user + used.system) / 1e6) * 100) / 100,
        exact: verdict.exact,
        notes: verdict.notes,
      };
      results.push(result);
      console.log(
        `run ${run} ${variant.padEnd(31)} ${result.seconds.toFixed(2).padStart(7)} s ${String(result.messagesPerSecond).padStart(6)} msg/s ` +
          `${result.mibPerSecond.toFixed(1).padStart(6)} MiB/s  client CPU ${result.cpuSeconds.toFixed(2)} s  ` +
          `${verdict.exact ? 'exact' : `NOT exact: ${verdict.notes.join('; ')}`}`,
      );
      await server.removeUser(user);
    }
  }
  const summary = VARIANTS.map((variant) => {
    const mine = results.filter((r) => r.variant === variant);
    return {
      variant,
      seconds: median(mine.map((r) => r.seconds)),
      messagesPerSecond: median(mine.map((r) => r.messagesPerSecond)),
      mibPerSecond: median(mine.map((r) => r.mibPerSecond)),
      cpuSeconds: median(mine.map((r) => r.cpuSeconds)),
      exact: mine.every((r) => r.exact),
    };
  });
  const base = summary[0]?.messagesPerSecond ?? Number.NaN;
  console.log(`\n${runs > 1 ? `median of ${runs} runs` : 'one run'}:`);
  for (const s of summary) {
    console.log(
      `${s.variant.padEnd(31)} ${s.seconds.toFixed(2).padStart(7)} s ${String(s.messagesPerSecond).padStart(6)} msg/s ` +
        `${(s.messagesPerSecond / base).toFixed(2)}× imapflow  ${s.exact ? 'exact' : 'NOT exact'}`,
    );
  }
  if (!values['no-save']) {
    const file = resultsFile(`append-${rttMs ? `rtt${rttMs}` : 'loopback'}`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(
      file,
      `${JSON.stringify({ bench: 'append', rttMs, runs, corpus: stats, environment: env, summary, results }, null, 2)}\n`,
    );
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  }
} finally {
  await relay?.close();
  await server.stop();
}
