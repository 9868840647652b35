/**
 * Every extension storage item, declared once (WXT storage), each with its `version` and
 * `migrations`. When an item's shape changes: bump its version, add the migration, and add a
 * fixture of the old shape under tests/extension/fixtures/storage/ (a test requires one per
 * migration and runs it; see tests/extension/storage-migrations.test.ts).
 *
 * Passwords are only ever in `session:` storage (memory, gone when the browser session ends),
 * and only the background opens it: Firefox has no `storage.session` in content scripts at all,
 * and Chrome only with `setAccessLevel`, which would let every content script read them.
 */
import { storage } from 'wxt/utils/storage';
import type { RunState } from './migration/state.ts';
import { type RunStateV1, upgradeRunStateV1 } from './migration/state-upgrade.ts';
import type { SecretKey } from './migration/stores.ts';

/** What `STORAGE_ITEMS` says about each item, for the migration tests. */
export interface StorageItemDeclaration {
  /** The WXT key, area included (`local:proxyPairing`); a `*` stands for an id (per-run items). */
  key: string;
  version: number;
  /** `migrations[v]` turns a value of version v - 1 into version v. */
  migrations: Record<number, (value: never) => unknown>;
}

/**
 * The declared migrations, made safe to fail: WXT logs a failing migration's error with its
 * cause, and a cause (a TypeError quoting its input...) could show a stored value, a password
 * in session storage. What reaches the log names the item and the version only.
 */
export function quietMigrations(
  declaration: StorageItemDeclaration,
): Record<number, (value: unknown) => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(declaration.migrations).map(([version, migration]) => [
      version,
      async (value: unknown) => {
        try {
          return await (migration as (value: unknown) => unknown)(value);
        } catch {
          throw new Error(`${declaration.key}: the migration to v${version} failed`);
        }
      },
    ]),
  );
}

// --- local: (survives closed tabs and browser restarts) ---------------------------------------

/** How to reach the paired companion proxy. */
export interface ProxyPairing {
  /** Always `http://127.0.0.1:<port>` (the only host the manifest grants). */
  url: string;
  /**
   * The token the proxy printed when it started. It is not a password: it only lets this
   * extension (and nothing else on the machine) drive the proxy, so it stays in local storage.
   */
  token: string;
}

const PROXY_PAIRING = {
  key: 'local:proxyPairing',
  version: 1,
  migrations: {},
} as const satisfies StorageItemDeclaration;

export const proxyPairing = storage.defineItem<ProxyPairing | null>(PROXY_PAIRING.key, {
  fallback: null,
  version: PROXY_PAIRING.version,
  migrations: quietMigrations(PROXY_PAIRING),
});

/**
 * The panel's language as the person chose it in the extension; `auto` follows the control
 * panel's own, then the browser's (lib/i18n resolves it).
 */
export type PanelLanguageSetting = 'auto' | 'en' | 'fr';

const PANEL_LANGUAGE = {
  key: 'local:panelLanguage',
  version: 1,
  migrations: {},
} as const satisfies StorageItemDeclaration;

export const panelLanguage = storage.defineItem<PanelLanguageSetting>(PANEL_LANGUAGE.key, {
  fallback: 'auto',
  version: PANEL_LANGUAGE.version,
  migrations: quietMigrations(PANEL_LANGUAGE),
});

/**
 * When the options page was opened on install. Chrome reports a command-line loaded extension
 * (`--load-extension`, as the tests and developers use it) as installed again at every browser
 * start; the page opens once per profile all the same.
 */
export interface InstallWelcome {
  /** ISO date. */
  shownAt: string;
}

const INSTALL_WELCOME = {
  key: 'local:installWelcome',
  version: 1,
  migrations: {},
} as const satisfies StorageItemDeclaration;

export const installWelcome = storage.defineItem<InstallWelcome | null>(INSTALL_WELCOME.key, {
  fallback: null,
  version: INSTALL_WELCOME.version,
  migrations: quietMigrations(INSTALL_WELCOME),
});

/**
 * One item per migration run (its plan, step records and copy job: what a new runner needs to
 * resume), so two tabs running two migrations never overwrite each other's state. The item's
 * version follows `RunState['version']`: changing that type forces a migration here.
 */
export const RUN_STATE_PREFIX = 'local:migrationRun:';
const RUN_STATE_VERSION: RunState['version'] = 2;
const RUN_STATE = {
  key: `${RUN_STATE_PREFIX}*`,
  version: RUN_STATE_VERSION,
  // v2: one record per step, aliases moved right after the destination has the address.
  migrations: { 2: (value: RunStateV1) => upgradeRunStateV1(value) },
} as const satisfies StorageItemDeclaration;

const runStateItems = new Map<string, ReturnType<typeof defineRunStateItem>>();

function defineRunStateItem(runId: string) {
  return storage.defineItem<RunState | null>(`${RUN_STATE_PREFIX}${runId}`, {
    fallback: null,
    version: RUN_STATE.version,
    migrations: quietMigrations(RUN_STATE),
  });
}

/** The storage item of run `runId` (defined on first use, then reused). */
export function runStateItem(runId: string) {
  let item = runStateItems.get(runId);
  if (!item) {
    item = defineRunStateItem(runId);
    runStateItems.set(runId, item);
  }
  return item;
}

/**
 * Removes run `runId`'s state and its version record. The item is defined afresh next time:
 * WXT decides at definition whether a first write must record the version.
 */
export async function removeRunState(runId: string): Promise<void> {
  await runStateItem(runId).removeValue({ removeMeta: true });
  runStateItems.delete(runId);
}

// --- session: (background only; memory, gone when the browser session ends) ------------------

/** The passwords of each run, under `run:<runId>`. */
export type SessionSecrets = Record<string, Partial<Record<SecretKey, string>>>;

const MIGRATION_SECRETS = {
  key: 'session:migrationSecrets',
  version: 1,
  migrations: {},
} as const satisfies StorageItemDeclaration;

let migrationSecretsItem: ReturnType<typeof defineMigrationSecrets> | undefined;

function defineMigrationSecrets() {
  return storage.defineItem<SessionSecrets>(MIGRATION_SECRETS.key, {
    fallback: {},
    version: MIGRATION_SECRETS.version,
    migrations: quietMigrations(MIGRATION_SECRETS),
  });
}

/**
 * The run passwords' item. A function, not a constant: defining a WXT item reads it at once, and
 * this module is also loaded by the content script, where session storage cannot be opened.
 */
export function migrationSecrets() {
  migrationSecretsItem ??= defineMigrationSecrets();
  return migrationSecretsItem;
}

/** Every item above, for the migration tests (each migration needs a fixture). */
export const STORAGE_ITEMS: readonly StorageItemDeclaration[] = [
  PROXY_PAIRING,
  PANEL_LANGUAGE,
  INSTALL_WELCOME,
  RUN_STATE,
  MIGRATION_SECRETS,
];
