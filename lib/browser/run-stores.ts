/**
 * The migration runner's stores in extension storage: a run's state in `local:` (it survives a
 * closed tab and a browser restart) and its passwords in `session:` (memory only: gone when the
 * browser closes, so a resumed run asks for them again). One key per run, so two tabs running
 * two migrations never overwrite each other's state.
 */
import { storage } from 'wxt/utils/storage';
import type { RunState } from '../migration/state.ts';
import type { RunStore, SecretKey, SecretStore } from '../migration/stores.ts';

const RUN_PREFIX = 'local:migrationRun:';
const SECRET_PREFIX = 'session:migrationSecret:';
const SECRET_KEYS: readonly SecretKey[] = ['sourcePassword', 'destinationPassword'];

type RunKey = `local:migrationRun:${string}`;
type SecretStorageKey = `session:migrationSecret:${string}`;

const runKey = (runId: string): RunKey => `${RUN_PREFIX}${runId}`;
const secretKey = (runId: string, key: SecretKey): SecretStorageKey =>
  `${SECRET_PREFIX}${runId}:${key}`;

export interface ExtensionRunStore extends RunStore {
  /** Runs that have a saved state, newest first: what the panel offers to resume. */
  list(): Promise<RunState[]>;
  remove(runId: string): Promise<void>;
}

export function createExtensionRunStore(): ExtensionRunStore {
  return {
    async load(runId) {
      return (await storage.getItem<RunState>(runKey(runId))) ?? undefined;
    },
    async save(state) {
      await storage.setItem(runKey(state.runId), state);
    },
    async list() {
      const everything = await storage.snapshot('local');
      return Object.entries(everything)
        .filter(([key]) => key.startsWith('migrationRun:'))
        .map(([, value]) => value as RunState)
        .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    },
    async remove(runId) {
      await storage.removeItem(runKey(runId));
    },
  };
}

export function createExtensionSecretStore(): SecretStore {
  return {
    async get(runId, key) {
      return (await storage.getItem<string>(secretKey(runId, key))) ?? undefined;
    },
    async set(runId, key, value) {
      await storage.setItem(secretKey(runId, key), value);
    },
    async clear(runId) {
      await storage.removeItems(SECRET_KEYS.map((key) => secretKey(runId, key)));
    },
  };
}
