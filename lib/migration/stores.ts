/**
 * Where a run keeps its state and its passwords. The extension backs `RunStore` with a `local:`
 * storage item and `SecretStore` with `session:` (memory) items, so passwords never reach disk;
 * tests use the in-memory versions below.
 */
import type { RunState } from './state.ts';

export interface RunStore {
  load(runId: string): Promise<RunState | undefined>;
  save(state: RunState): Promise<void>;
}

/** The passwords a run needs: the source's (current or new) and the destination's. */
export type SecretKey = 'sourcePassword' | 'destinationPassword';

export interface SecretStore {
  get(runId: string, key: SecretKey): Promise<string | undefined>;
  set(runId: string, key: SecretKey, value: string): Promise<void>;
  /** Forgets every password of a run (after it completed or was rolled back). */
  clear(runId: string): Promise<void>;
}

/** Keeps deep copies, so a runner cannot change what another one loads. */
export function createMemoryRunStore(): RunStore & {
  snapshot(runId: string): RunState | undefined;
} {
  const states = new Map<string, string>();
  const read = (runId: string) => {
    const json = states.get(runId);
    return json === undefined ? undefined : (JSON.parse(json) as RunState);
  };
  return {
    async load(runId) {
      return read(runId);
    },
    async save(state) {
      states.set(state.runId, JSON.stringify(state));
    },
    snapshot: read,
  };
}

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    async get(runId, key) {
      return secrets.get(`${runId}:${key}`);
    },
    async set(runId, key, value) {
      secrets.set(`${runId}:${key}`, value);
    },
    async clear(runId) {
      for (const key of [...secrets.keys()]) {
        if (key.startsWith(`${runId}:`)) secrets.delete(key);
      }
    },
  };
}
