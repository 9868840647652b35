import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createExtensionRunStore } from '../../lib/browser/run-stores.ts';
import type { RunState } from '../../lib/migration/state.ts';

const state = (runId: string, createdAt: string) =>
  ({ version: 2, runId, createdAt, status: 'running' }) as unknown as RunState;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('run states in local storage', () => {
  it('keeps one item per run, listed newest first, and survives a new store instance', async () => {
    const store = createExtensionRunStore();
    await store.save(state('run-a', '2026-11-24T08:00:00Z'));
    await store.save(state('run-b', '2026-11-24T09:00:00Z'));
    await store.save(state('run-c', '2026-11-24T07:00:00Z'));
    const again = createExtensionRunStore();
    expect(await again.load('run-a')).toMatchObject({ runId: 'run-a' });
    expect((await again.list()).map((s) => s.runId)).toEqual(['run-b', 'run-a', 'run-c']);

    await again.remove('run-a');
    await again.remove('run-c');
    expect(await again.load('run-a')).toBeUndefined();
    // The item and its version record are both gone; nothing else was written.
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual([
      'migrationRun:run-b',
      'migrationRun:run-b$',
    ]);
    expect(await fakeBrowser.storage.local.get('migrationRun:run-b$')).toEqual({
      'migrationRun:run-b$': { v: 2 },
    });
  });

  it('lists nothing but runs (other items and version records are left out)', async () => {
    await fakeBrowser.storage.local.set({
      proxyPairing: { url: 'http://127.0.0.1:7464', token: 't' },
      'migrationRun:run-x$': { v: 1 },
    });
    expect(await createExtensionRunStore().list()).toEqual([]);
  });
});

describe('a run saved again after it was removed', () => {
  it('records its version again', async () => {
    const store = createExtensionRunStore();
    await store.save(state('run-again', '2026-11-24T08:00:00Z'));
    await store.remove('run-again');
    await store.save(state('run-again', '2026-11-24T10:00:00Z'));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      'migrationRun:run-again': expect.objectContaining({ createdAt: '2026-11-24T10:00:00Z' }),
      'migrationRun:run-again$': { v: 2 },
    });
  });
});
