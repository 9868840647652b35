/**
 * The wizard's state (source → destination → passwords → plan) as signals plus actions
 * (STYLE §5: a store factory, read through hooks). Passwords typed here live only in these
 * signals until `start`, which hands them to the runner's SecretStore; they are never saved.
 */
import { computed, signal } from '@preact/signals';
import type { PageService } from '../../lib/host-page/page-detect.ts';
import { type PlanResult, parseBatchCsv, planMigration } from '../../lib/migration/index.ts';
import type { ServiceRef } from '../../lib/platforms/index.ts';
import type { PanelDeps } from './deps.ts';
import {
  configuredAccounts,
  listAllServices,
  loadService,
  refKey,
  type ServiceOption,
  sameRef,
} from './services.ts';

export const WIZARD_STEPS = ['source', 'destination', 'passwords', 'plan'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export type SourcePasswordMode = 'keep' | 'set';
export type DestinationPasswordMode = 'generate' | 'choose';

export function createWizardStore(deps: PanelDeps, page: PageService | undefined) {
  const step = signal<WizardStep>('source');
  const services = signal<ServiceOption[] | undefined>(undefined);
  const servicesError = signal<unknown>(undefined);
  const sourceRef = signal<ServiceRef | undefined>(page?.service);
  const search = signal('');
  const selected = signal<string[]>(page?.account ? [page.account] : []);
  const destinationRef = signal<ServiceRef | undefined>(undefined);
  const sourceMode = signal<SourcePasswordMode>('keep');
  const sourcePassword = signal('');
  const destinationMode = signal<DestinationPasswordMode>('generate');
  const destinationPassword = signal('');
  const planning = signal(false);
  const planError = signal<unknown>(undefined);
  const plan = signal<PlanResult | undefined>(undefined);
  const csvError = signal<string | undefined>(undefined);
  /** Per-account passwords from an imported CSV (batch). */
  const csvPasswords = signal<Record<string, { source?: string; destination?: string }>>({});
  let loading: AbortController | undefined;

  const source = computed(() => services.value?.find((s) => sameRef(s.ref, sourceRef.value)));
  const destination = computed(() =>
    services.value?.find((s) => sameRef(s.ref, destinationRef.value)),
  );
  const isBatch = computed(() => selected.value.length > 1);
  const sourceAccounts = computed(() => {
    const option = source.value;
    if (!option) return [];
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return configuredAccounts(option).filter((account) => {
      const text = `${account.address} ${account.displayName ?? ''}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  });
  const selectedAccounts = computed(() => {
    const all = source.value ? configuredAccounts(source.value) : [];
    return selected.value.map((address) => all.find((a) => a.address === address));
  });

  async function load() {
    loading?.abort();
    loading = new AbortController();
    const { signal: abort } = loading;
    servicesError.value = undefined;
    try {
      const refs = await listAllServices(deps.adapters, abort);
      // The page's service first, so the source step fills in before the others.
      const ordered = [...refs].sort(
        (a, b) => Number(sameRef(b, sourceRef.value)) - Number(sameRef(a, sourceRef.value)),
      );
      // Shown as they arrive: the page's service first, the big ones do not hold up the rest.
      const options: ServiceOption[] = ordered.map((ref) => ({ ref }));
      services.value = options;
      const loadOne = async (ref: ServiceRef, index: number) => {
        const option = await loadService(deps.adapters[ref.kind], ref, abort);
        if (abort.aborted) return;
        options[index] = option;
        services.value = [...options];
        if (!sourceRef.value && configuredAccounts(option).length > 0) sourceRef.value = ref;
      };
      // The page's service alone first (the API's fair-use limit is shared), then the rest.
      const first = ordered[0];
      const pageFirst = first !== undefined && sameRef(first, sourceRef.value);
      if (pageFirst) await loadOne(first, 0);
      await Promise.all(
        ordered.map((ref, index) => (pageFirst && index === 0 ? undefined : loadOne(ref, index))),
      );
      if (abort.aborted) return;
      if (!sourceRef.value || !options.some((o) => sameRef(o.ref, sourceRef.value))) {
        sourceRef.value = options.find((o) => configuredAccounts(o).length > 0)?.ref;
      }
    } catch (error) {
      if (!abort.aborted) servicesError.value = error;
    }
  }

  function chooseSource(ref: ServiceRef) {
    if (sameRef(ref, sourceRef.value)) return;
    sourceRef.value = ref;
    selected.value = [];
    search.value = '';
    if (sameRef(destinationRef.value, ref)) destinationRef.value = undefined;
    plan.value = undefined;
  }

  function toggleAccount(address: string, multiple: boolean) {
    const current = selected.value;
    if (!multiple) selected.value = [address];
    else if (current.includes(address)) selected.value = current.filter((a) => a !== address);
    else selected.value = [...current, address];
    plan.value = undefined;
  }

  function importCsv(text: string) {
    csvError.value = undefined;
    try {
      const rows = parseBatchCsv(text).filter((r) => r.address);
      const known = new Set(
        source.value ? configuredAccounts(source.value).map((a) => a.address) : [],
      );
      const unknown = rows.filter((r) => !known.has(r.address.toLowerCase()));
      if (rows.length === 0 || unknown.length > 0) {
        csvError.value = unknown.map((r) => r.address).join(', ') || '-';
        return false;
      }
      selected.value = rows.map((r) => r.address.toLowerCase());
      csvPasswords.value = Object.fromEntries(
        rows.map((r) => [
          r.address.toLowerCase(),
          {
            ...(r.sourcePassword ? { source: r.sourcePassword } : {}),
            ...(r.destinationPassword ? { destination: r.destinationPassword } : {}),
          },
        ]),
      );
      return true;
    } catch (error) {
      csvError.value = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  async function makePlan() {
    const src = sourceRef.value;
    const dst = destinationRef.value;
    const address = selected.value[0];
    if (!src || !dst || !address) return;
    planning.value = true;
    planError.value = undefined;
    plan.value = undefined;
    try {
      plan.value = await planMigration(
        {
          source: { service: src, address },
          destination: { service: dst },
          ...(destinationMode.value === 'choose'
            ? { destinationPassword: destinationPassword.value }
            : {}),
          sourcePassword:
            sourceMode.value === 'keep'
              ? { mode: 'keep', password: sourcePassword.value }
              : { mode: 'set' },
        },
        { adapters: deps.adapters, copy: deps.copy },
      );
    } catch (error) {
      planError.value = error;
    } finally {
      planning.value = false;
    }
  }

  function go(next: WizardStep) {
    step.value = next;
    if (next === 'plan' && !isBatch.value) void makePlan();
  }

  return {
    step,
    services,
    servicesError,
    sourceRef,
    source,
    search,
    selected,
    selectedAccounts,
    sourceAccounts,
    isBatch,
    destinationRef,
    destination,
    sourceMode,
    sourcePassword,
    destinationMode,
    destinationPassword,
    planning,
    planError,
    plan,
    csvError,
    csvPasswords,
    load,
    chooseSource,
    toggleAccount,
    importCsv,
    makePlan,
    go,
    chooseDestination(ref: ServiceRef) {
      destinationRef.value = ref;
      plan.value = undefined;
    },
    /** Forgets the typed passwords (once the runner has them, or when the wizard is left). */
    forgetPasswords() {
      sourcePassword.value = '';
      destinationPassword.value = '';
    },
    dispose() {
      loading?.abort();
    },
    key: refKey,
  };
}

export type WizardStore = ReturnType<typeof createWizardStore>;
