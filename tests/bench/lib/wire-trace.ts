// The bench's --wire-trace: what crosses the latency relay, chunk by chunk, to see where a copy
// waits on round trips. Run as a script, it prints each connection's commands in time order:
//   node tests/bench/lib/wire-trace.ts FILE

import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import type { Direction } from '../../fixtures/fault-proxy.ts';

interface TracedChunk {
  /** ms since the first chunk. */
  t: number;
  conn: number;
  dir: 'C' | 'S';
  bytes: number;
  /** The chunk's first 80 bytes (latin1), a login's hidden. */
  head: string;
}

/** A relay `onChunk` that appends each chunk to `file` (emptied first). */
export function wireTracer(
  file: string,
): (connection: number, direction: Direction, bytes: Buffer) => void {
  writeFileSync(file, '');
  let start: number | undefined;
  return (connection, direction, bytes) => {
    const now = performance.now();
    start ??= now;
    const chunk: TracedChunk = {
      t: Math.round(now - start),
      conn: connection,
      dir: direction === 'toServer' ? 'C' : 'S',
      bytes: bytes.length,
      head: hideLogin(bytes.subarray(0, 80).toString('latin1')),
    };
    appendFileSync(file, `${JSON.stringify(chunk)}\n`);
  };
}

/** LOGIN and AUTHENTICATE lines, and a bare base64 line (a SASL answer), lose their argument. */
export function hideLogin(head: string): string {
  const login = /^(\S+ (?:LOGIN|AUTHENTICATE \S+))\b.*/i.exec(head);
  if (login) return `${login[1]} (hidden)`;
  if (/^[A-Za-z0-9+/]+=*\r?\n?$/.test(head) && head.length >= 8) return '(hidden)';
  return head;
}

/** One line per connection: its span and its commands (client lines that start with a tag). */
export function summarise(lines: readonly TracedChunk[]): string[] {
  const byConnection = new Map<number, TracedChunk[]>();
  for (const chunk of lines) {
    const list = byConnection.get(chunk.conn) ?? [];
    list.push(chunk);
    byConnection.set(chunk.conn, list);
  }
  return [...byConnection].map(([conn, chunks]) => {
    const commands = chunks
      .filter((c) => c.dir === 'C' && /^[A-Za-z0-9]+ [A-Z]/.test(c.head))
      .map((c) => `${c.t} ${c.head.split('\r')[0]?.slice(0, 48)}`);
    const first = chunks[0]?.t ?? 0;
    const last = chunks[chunks.length - 1]?.t ?? 0;
    return `conn ${conn} ${first}..${last} ms: ${commands.join(' | ')}`;
  });
}

if (import.meta.main) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node tests/bench/lib/wire-trace.ts FILE');
    process.exit(2);
  }
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TracedChunk);
  for (const line of summarise(lines)) console.log(line);
}
