/** Builds what one step receives: task ids land on its record, passwords come from the store. */
import type { Sleep } from '../../ovh-api/index.ts';
import type { PlatformAdapter } from '../../platforms/index.ts';
import type { CopyClient } from '../copy-client.ts';
import { MigrationError } from '../errors.ts';
import type { RunEvent } from '../runner.ts';
import type { RunState, StepRecord } from '../state.ts';
import type { SecretKey, SecretStore } from '../stores.ts';
import type { StepContext } from './context.ts';

export interface StepContextInit {
  state: RunState;
  record: StepRecord;
  source: PlatformAdapter;
  destination: PlatformAdapter;
  copy: CopyClient;
  signal: AbortSignal | undefined;
  sleep: Sleep;
  pollMs: number;
  secrets: SecretStore;
  save(): Promise<void>;
  emit(event: RunEvent): void;
}

export function createStepContext(init: StepContextInit): StepContext {
  const { state, record, signal } = init;
  return {
    state,
    plan: state.plan,
    records: state.records,
    source: init.source,
    destination: init.destination,
    copy: init.copy,
    signal,
    sleep: init.sleep,
    copyPollMs: init.pollMs,
    op: {
      ...(signal ? { signal } : {}),
      onTask: (id) => {
        if (!record.taskIds.includes(id)) record.taskIds.push(id);
        void init.save();
      },
    },
    async secret(key: SecretKey) {
      const value = await init.secrets.get(state.runId, key);
      if (value === undefined) {
        throw new MigrationError(
          'passwords_missing',
          `The ${key === 'sourcePassword' ? 'source' : 'destination'} password is needed again.`,
          { step: record.id },
        );
      }
      return value;
    },
    save: init.save,
    progress: (job) => init.emit({ type: 'copy', step: record.id, job }),
    note: (text) => {
      record.note = text;
    },
  };
}
