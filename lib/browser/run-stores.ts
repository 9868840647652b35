/**
 * The migration runner's run store in extension storage: a run's state in `local:` (it survives
 * a closed tab and a browser restart), one item per run (`runStateItem` in lib/storage.ts), so
 * two tabs running two migrations never overwrite each other's state. The run's passwords are
 * not here: they stay in the background (lib/browser/secret-store.ts).
 */
import { storage } from 'wxt/utils/storage';
import type { RunState } from '../migration/state.ts';
import type { RunStore } from '../migration/stores.ts';
import { RUN_STATE_PREFIX, removeRunState, runStateItem } from '../storage.ts';

/** Keys as `storage.snapshot('local')` shows them: without the `local:` area. */
const SNAPSHOT_PREFIX = RUN_STATE_PREFIX.slice('local:'.length);

export interface ExtensionRunStore extends RunStore {
  /** Runs that have a saved state, newest first: what the panel offers to resume. */
  list(): Promise<RunState[]>;
  remove(runId: string): Promise<void>;
}

export function createExtensionRunStore(): ExtensionRunStore {
  return {
    async load(runId) {
      return (await runStateItem(runId).getValue()) ?? undefined;
    },
    async save(state) {
      await runStateItem(state.runId).setValue(state);
    },
    async list() {
      const everything = await storage.snapshot('local');
      const runIds = Object.keys(everything)
        // WXT keeps each item's version under `<key>$`.
        .filter((key) => key.startsWith(SNAPSHOT_PREFIX) && !key.endsWith('$'))
        .map((key) => key.slice(SNAPSHOT_PREFIX.length));
      // Through the items, so that an old state is migrated before anyone reads it.
      const states = await Promise.all(runIds.map((runId) => runStateItem(runId).getValue()));
      return states
        .filter((state): state is RunState => state !== null)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async remove(runId) {
      await removeRunState(runId);
    },
  };
}
