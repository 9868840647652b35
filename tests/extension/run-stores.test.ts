import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createExtensionRunStore,
  createExtensionSecretStore,
} from '../../lib/browser/run-stores.ts';
import type { RunState } from '../../lib/migration/state.ts';

const state = (runId: string, createdAt: string) =>
  ({ runId, createdAt, status: 'running' }) as unknown as RunState;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('run state in local storage, passwords in session storage', () => {
  it('keeps one entry per run, listed newest first, and survives a new store instance', async () => {
    const store = createExtensionRunStore();
    await store.save(state('run-a', '2026-11-24T08:00:00Z'));
    await store.save(state('run-b', '2026-11-24T09:00:00Z'));
    const again = createExtensionRunStore();
    expect(await again.load('run-a')).toMatchObject({ runId: 'run-a' });
    expect((await again.list()).map((s) => s.runId)).toEqual(['run-b', 'run-a']);
    await again.remove('run-a');
    expect(await again.load('run-a')).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      'migrationRun:run-b': expect.objectContaining({ runId: 'run-b' }),
    });
  });

  it('never writes a password to local storage, and forgets them per run', async () => {
    const secrets = createExtensionSecretStore();
    await secrets.set('run-a', 'sourcePassword', 'S3cret-source');
    await secrets.set('run-a', 'destinationPassword', 'S3cret-destination');
    await secrets.set('run-b', 'sourcePassword', 'other');
    expect(await secrets.get('run-a', 'sourcePassword')).toBe('S3cret-source');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('S3cret');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain('S3cret-source');

    await secrets.clear('run-a');
    expect(await secrets.get('run-a', 'sourcePassword')).toBeUndefined();
    expect(await secrets.get('run-a', 'destinationPassword')).toBeUndefined();
    expect(await secrets.get('run-b', 'sourcePassword')).toBe('other');
  });
});
