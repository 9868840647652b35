// Preloaded into the proxy by the copy bench's --memory-trace (node --import): appends the
// process's memory (RSS, V8 heap, external, array buffers; MiB) every 250 ms to the file named by
// OVH_BENCH_MEMORY_TRACE, one JSON line each, so a run shows what holds memory in which phase.
// `spaces` is the size V8 has taken for its young generation (new), old generation (old) and
// large objects (lo), which heapTotal adds up: a young generation grown to 3 x 16 MiB shows there.
import { appendFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const file = process.env.OVH_BENCH_MEMORY_TRACE;
if (file) {
  const mib = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const spaces = () => {
    const sizes = { new: 0, old: 0, lo: 0, code: 0 };
    for (const space of getHeapSpaceStatistics()) {
      const name = space.space_name;
      const kind = name.startsWith('new')
        ? 'new'
        : name.includes('lo_space')
          ? 'lo'
          : name.startsWith('code')
            ? 'code'
            : 'old';
      sizes[kind] += space.space_size;
    }
    return Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, mib(v)]));
  };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ t: Date.now(), rss: mib(m.rss), heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers), spaces: spaces() })}\n`,
    );
  }, 250);
  timer.unref();
}
