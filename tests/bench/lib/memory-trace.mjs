// Preloaded into the proxy by the copy bench's --memory-trace (node --import): appends the
// process's memory (RSS, V8 heap, external, array buffers; MiB) every 250 ms to the file named by
// OVH_BENCH_MEMORY_TRACE, one JSON line each, so a run shows what holds memory in which phase.
import { appendFileSync } from 'node:fs';

const file = process.env.OVH_BENCH_MEMORY_TRACE;
if (file) {
  const mib = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ t: Date.now(), rss: mib(m.rss), heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers) })}\n`,
    );
  }, 250);
  timer.unref();
}
