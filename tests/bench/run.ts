/**
 * `npm run bench`: runs every bench in BENCHES one after the other (each in its own process), or
 * only one with `--only <name>`; every other argument goes to the bench.
 *   npm run bench                         # all of them, default options
 *   npm run bench -- --only copy --rtt 30
 *   npm run bench -- --list
 * Benches print figures and write JSON to bench/results/; none asserts a timing, and none is
 * part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

interface Bench {
  name: string;
  /** Relative to this directory. */
  file: string;
  about: string;
}

export const BENCHES: readonly Bench[] = [
  {
    name: 'copy',
    file: 'copy.bench.ts',
    about: 'proxy vs mbsync, message by message (--rtt MS, --big, --runs N, --messages N)',
  },
  {
    name: 'append',
    file: 'append.bench.ts',
    about: 'pipelined APPEND (LITERAL+/MULTIAPPEND) vs imapflow append, one connection',
  },
  {
    name: 'panel',
    file: 'panel.bench.ts',
    about:
      'launcher visible after the control panel load, first open (Chromium); content script and drawer gzipped (--runs N)',
  },
];

const args = process.argv.slice(2);
if (args.includes('--list') || args.includes('--help')) {
  for (const bench of BENCHES) console.log(`${bench.name.padEnd(10)} ${bench.about}`);
  process.exit(0);
}
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const rest = onlyAt >= 0 ? [...args.slice(0, onlyAt), ...args.slice(onlyAt + 2)] : args;
const selected = only ? BENCHES.filter((b) => b.name === only) : BENCHES;
if (selected.length === 0) {
  console.error(`no bench named ${only}; there are: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
if (!only && rest.length > 0) {
  console.error('options belong to one bench: name it with --only <name>');
  process.exit(2);
}
let failed = 0;
for (const bench of selected) {
  console.log(`\n== bench ${bench.name}: ${bench.about}`);
  const result = spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', path.join(import.meta.dirname, bench.file), ...rest],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(`bench ${bench.name} failed (exit ${result.status ?? result.signal})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
