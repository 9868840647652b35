/**
 * Writes a run's state to its RunStore, one write at a time, in order. A failed write (storage
 * quota, a storage API hiccup) is retried; one that still fails rejects only its own caller: the
 * queue goes on, so the next save of the same runner works again and `resume()` on it reads
 * the last state that was stored.
 */
import type { Sleep } from '../ovh-api/index.ts';
import { MigrationError } from './errors.ts';
import type { RunState } from './state.ts';
import type { RunStore } from './stores.ts';

export interface StateWriterOptions {
  store: RunStore;
  sleep: Sleep;
  /**
   * Tries per write, the first included.
   * @default 3
   */
  attempts?: number;
  /**
   * Pause before the first retry; it doubles on each retry.
   * @default 250
   */
  retryMs?: number;
}

export interface StateWriter {
  /** Stores a snapshot of `state` taken now; resolves once it is stored. */
  write(state: RunState): Promise<void>;
}

export function createStateWriter(options: StateWriterOptions): StateWriter {
  const attempts = Math.max(1, options.attempts ?? 3);
  const retryMs = options.retryMs ?? 250;
  let tail: Promise<void> = Promise.resolve();

  const store = async (snapshot: RunState) => {
    let last: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await options.store.save(snapshot);
        return;
      } catch (error) {
        last = error;
        if (attempt < attempts) await options.sleep(retryMs * 2 ** (attempt - 1));
      }
    }
    throw new MigrationError(
      'store_failed',
      `The migration's progress could not be saved in the browser (${last instanceof Error ? last.message : String(last)}). Free some browser storage, then resume: nothing was lost on OVHcloud.`,
      { cause: last },
    );
  };

  return {
    write(state) {
      const snapshot = structuredClone(state);
      const written = tail.then(() => store(snapshot));
      // The queue never holds a rejection: the next write runs whatever happened to this one.
      tail = written.catch(() => {});
      return written;
    },
  };
}
