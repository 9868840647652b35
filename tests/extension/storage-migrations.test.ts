// Every storage item's versions, on fixtures (tests/extension/fixtures/storage/<item>.v<N>.json):
// a fixture of each version an item has had, a migration to each version after the first, and
// each older fixture migrated by WXT's own mechanism must equal the current one.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import {
  installWelcome,
  migrationSecrets,
  panelLanguage,
  proxyPairing,
  quietMigrations,
  runStateItem,
  STORAGE_ITEMS,
  type StorageItemDeclaration,
} from '../../lib/storage.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/storage');

/** `local:proxyPairing` → `proxyPairing`; `local:migrationRun:*` → `migrationRun`. */
const fixtureName = (key: string) => key.split(':')[1] as string;
const fixturePath = (key: string, version: number) =>
  path.join(FIXTURES, `${fixtureName(key)}.v${version}.json`);
const fixture = (key: string, version: number): unknown =>
  JSON.parse(readFileSync(fixturePath(key, version), 'utf8'));
/** A concrete key for a per-run item. */
const concreteKey = (key: string) => key.replace('*', 'fixture-run') as `local:${string}`;

/** How each declared item is read in the product; a new item must be added here. */
const READERS: Record<string, () => { getValue(): Promise<unknown> }> = {
  'local:proxyPairing': () => proxyPairing,
  'local:panelLanguage': () => panelLanguage,
  'local:installWelcome': () => installWelcome,
  'local:migrationRun:*': () => runStateItem('fixture-run'),
  'session:migrationSecrets': () => migrationSecrets(),
};

/** Stores `value` as version `version` of the item, as an older extension would have left it. */
async function seed(key: string, value: unknown, version: number) {
  const [area, ...rest] = concreteKey(key).split(':');
  const raw = rest.join(':');
  const local = area === 'session' ? fakeBrowser.storage.session : fakeBrowser.storage.local;
  await local.set({ [raw]: value, [`${raw}$`]: { v: version } });
}

/** Runs the declared migrations with WXT's mechanism; returns what is stored afterwards. */
async function migrate(declaration: StorageItemDeclaration, from: number) {
  await seed(declaration.key, fixture(declaration.key, from), from);
  const item = storage.defineItem<unknown>(concreteKey(declaration.key), {
    version: declaration.version,
    migrations: quietMigrations(declaration),
  });
  // `migrate()` rethrows a failing migration (at definition WXT only logs it).
  await item.migrate();
  return { value: await item.getValue(), meta: await item.getMeta() };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe.each(STORAGE_ITEMS.map((item) => [item.key, item] as const))('%s', (key, item) => {
  it('has a fixture of every version and a migration to each version after the first', () => {
    for (let version = 1; version <= item.version; version++) {
      expect(existsSync(fixturePath(key, version)), fixturePath(key, version)).toBe(true);
    }
    const expected = Array.from({ length: item.version - 1 }, (_, i) => String(i + 2));
    expect(Object.keys(item.migrations).sort()).toEqual(expected.sort());
    expect(existsSync(fixturePath(key, item.version + 1))).toBe(false);
  });

  it('reads the current fixture through the product’s item unchanged', async () => {
    const reader = READERS[key];
    expect(reader, `add ${key} to READERS`).toBeDefined();
    await seed(key, fixture(key, item.version), item.version);
    expect(await reader?.().getValue()).toEqual(fixture(key, item.version));
  });

  for (let from = 1; from < item.version; from++) {
    it(`migrates the v${from} fixture to the current one`, async () => {
      const { value, meta } = await migrate(item, from);
      expect(value).toEqual(fixture(key, item.version));
      expect(meta).toEqual({ v: item.version });
    });
  }
});

describe('the harness itself', () => {
  // A made-up item with two migrations, so that the harness is seen to work and to catch a
  // migration that fails.
  const declaration: StorageItemDeclaration = {
    key: 'session:harnessCheck',
    version: 3,
    migrations: {
      2: (value: { url: string }) => ({ ...value, port: Number(new URL(value.url).port) }),
      3: ({ url, ...rest }: { url: string; port: number }) => ({ ...rest, address: url }),
    },
  };
  const define = () =>
    storage.defineItem<unknown>('session:harnessCheck', {
      version: 3,
      migrations: quietMigrations(declaration),
    });

  it('runs every migration in order from an old version', async () => {
    await seed(declaration.key, { url: 'http://127.0.0.1:7464' }, 1);
    const item = define();
    await item.migrate();
    expect(await item.getValue()).toEqual({ port: 7464, address: 'http://127.0.0.1:7464' });
    expect(await item.getMeta()).toEqual({ v: 3 });
  });

  it('sees a migration that throws, and the log does not show the stored value', async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    await seed(declaration.key, { url: 'hunter2-not-a-url' }, 1);
    const item = define();
    await expect(item.migrate()).rejects.toThrow(/v2 migration failed/);
    // WXT also ran (and logged) the migration when the item was defined.
    expect(logged.length).toBeGreaterThan(0);
    const text = logged
      .flat()
      .map((entry) =>
        entry instanceof Error ? `${entry.stack} ${String(entry.cause)}` : String(entry),
      )
      .join('\n');
    expect(text).toContain('session:harnessCheck: the migration to v2 failed');
    expect(text).not.toContain('hunter2');
    vi.restoreAllMocks();
  });
});
