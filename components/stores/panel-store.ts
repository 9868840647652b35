/**
 * The panel as a whole: open or closed, which service the page shows, which view is on, the
 * language, the proxy's state and the saved runs (for the resume view).
 */
import { computed, signal } from '@preact/signals';
import type { PageService } from '../../lib/host-page/page-detect.ts';
import { createFormatters, type Formatters } from '../../lib/i18n/format.ts';
import type { ResolvedLanguage } from '../../lib/i18n/language.ts';
import { createTranslator, type Translator } from '../../lib/i18n/translate.ts';
import type { ProxyStatus } from '../../lib/messaging.ts';
import type {
  BatchAccount,
  MigrationPlan,
  RunPasswords,
  RunState,
} from '../../lib/migration/index.ts';
import type { ServiceRef } from '../../lib/platforms/index.ts';
import { createAnnouncer } from './announcer.ts';
import type { PanelDeps } from './deps.ts';

export type View =
  | { name: 'home' }
  | { name: 'wizard' }
  | { name: 'run'; runId: string }
  | { name: 'batch'; runIds: string[] };

/** Runs the resume view offers: not finished, not rolled back. */
export const OPEN_STATUSES: ReadonlySet<RunState['status']> = new Set([
  'ready',
  'running',
  'paused',
  'needs_passwords',
  'failed',
  'rolling_back',
  'rollback_failed',
]);

/** A run the plan step asked for: the run view starts it (passwords go to the SecretStore then). */
export interface PendingStart {
  plan: MigrationPlan;
  passwords: RunPasswords;
  confirmIrreversible: boolean;
}

export interface PendingBatch {
  source: ServiceRef;
  destination: ServiceRef;
  accounts: BatchAccount[];
}

export function createPanelStore(deps: PanelDeps, language: ResolvedLanguage) {
  const open = signal(false);
  const page = signal<PageService | undefined>(undefined);
  const view = signal<View>({ name: 'home' });
  const lang = signal(language);
  const proxy = signal<ProxyStatus | undefined>(undefined);
  const proxyChecked = signal(false);
  /** Whether a proxy answers at the address tried, when the extension is not paired with it. */
  const proxyFound = signal<boolean | undefined>(undefined);
  const runs = signal<RunState[] | undefined>(undefined);
  const announcer = createAnnouncer();
  /** Set by the run view while an API change is in flight (the beforeunload guard reads it). */
  const guard = signal(false);
  const pending = new Map<string, PendingStart>();
  const pendingBatches = new Map<string, PendingBatch>();

  const i18n = computed<{ tr: Translator; fmt: Formatters }>(() => ({
    tr: createTranslator(lang.value.lang, lang.value.locale),
    fmt: createFormatters(lang.value.locale),
  }));
  const openRuns = computed(() => runs.value?.filter((r) => OPEN_STATUSES.has(r.status)) ?? []);

  async function checkProxy() {
    const status = await deps.proxyStatus();
    // Not paired, or nothing at the paired address: is a proxy there to pair with?
    const look = status?.state === 'not_configured' || status?.state === 'unreachable';
    const found = look ? await deps.discoverProxy?.(status.url) : undefined;
    proxy.value = status;
    proxyFound.value = found;
    proxyChecked.value = true;
    return status;
  }

  async function loadRuns() {
    runs.value = await deps.runs.list();
    return runs.value;
  }

  return {
    deps,
    open,
    page,
    view,
    lang,
    i18n,
    proxy,
    proxyChecked,
    proxyFound,
    runs,
    openRuns,
    announcer,
    guard,
    pending,
    pendingBatches,
    checkProxy,
    loadRuns,
    show(next: View) {
      view.value = next;
    },
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
