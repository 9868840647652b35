// Request counts per `METHOD template`, so a test can measure how many API calls a client makes
// (a batch GET counts once: it is one request).

export interface StatsSnapshot {
  total: number;
  byRoute: Record<string, number>;
}

export interface Stats {
  count(method: string, route: string): void;
  snapshot(): StatsSnapshot;
  reset(): void;
}

export function createStats(): Stats {
  let counts = new Map<string, number>();
  return {
    count(method, route) {
      const key = `${method} ${route}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    snapshot() {
      const byRoute = Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
      return { total: [...counts.values()].reduce((a, b) => a + b, 0), byRoute };
    },
    reset() {
      counts = new Map();
    },
  };
}
