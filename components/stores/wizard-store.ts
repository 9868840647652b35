/**
 * The wizard's state (source → destination → passwords → plan) as signals plus actions
 * (STYLE §5: a store factory, read through hooks). Passwords typed here live only in these
 * signals until `start`, which hands them to the runner's SecretStore; they are never saved.
 */
import { computed, effect, signal } from '@preact/signals';
import type { PageService } from '../../lib/host-page/page-detect.ts';
import { type PlanResult, parseBatchCsv, planMigration } from '../../lib/migration/index.ts';
import type { ServiceRef } from '../../lib/platforms/index.ts';
import { createAccountPager, PAGE_SIZE } from './account-pager.ts';
import type { PanelDeps } from './deps.ts';
import {
  configuredAddresses,
  listAllServices,
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

  const pager = createAccountPager((ref) => deps.adapters[ref.kind]);
  /** How many of the matching accounts the picker shows ("Show more" adds a page). */
  const shown = signal(PAGE_SIZE);

  const source = computed(() => services.value?.find((s) => sameRef(s.ref, sourceRef.value)));
  const destination = computed(() =>
    services.value?.find((s) => sameRef(s.ref, destinationRef.value)),
  );
  const isBatch = computed(() => selected.value.length > 1);
  /** The source's accounts that match the search (by address, or by name once it is read). */
  const matches = computed(() => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const details = pager.details.value;
    const found = configuredAddresses(source.value).filter((address) => {
      const text = `${address} ${details.get(address)?.displayName ?? ''}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
    // The account the page shows (when its URL says it) comes first, whatever the page size.
    const pageAccount =
      page?.account && sameRef(page.service, source.value?.ref) ? page.account : '';
    return found.includes(pageAccount)
      ? [pageAccount, ...found.filter((a) => a !== pageAccount)]
      : found;
  });
  /** What the picker shows now: a page of the matches, with the details read so far. */
  const sourceAccounts = computed(() =>
    matches.value
      .slice(0, shown.value)
      .map((address) => ({ address, info: pager.details.value.get(address) })),
  );
  const selectedAccounts = computed(() =>
    selected.value.map((address) => pager.details.value.get(address)),
  );
  // The details of what is shown and chosen, as soon as the source's addresses are in.
  const stopPaging = effect(() => {
    pager.want(sourceRef.value, [...sourceAccounts.value.map((a) => a.address), ...selected.value]);
  });

  async function load() {
    loading?.abort();
    loading = new AbortController();
    const { signal: abort } = loading;
    const op = { signal: abort };
    servicesError.value = undefined;
    try {
      const refs = await listAllServices(deps.adapters, abort);
      // The page's service first, so the source step fills in before the others.
      const ordered = [...refs].sort(
        (a, b) => Number(sameRef(b, sourceRef.value)) - Number(sameRef(a, sourceRef.value)),
      );
      // Shown at once, then filled in as the answers come (the API's fair-use limit is shared:
      // what a person needs first is asked first).
      const options: ServiceOption[] = ordered.map((ref) => ({ ref }));
      services.value = options;
      const update = (index: number, patch: Partial<ServiceOption>) => {
        if (abort.aborted) return;
        options[index] = { ...options[index], ...patch } as ServiceOption;
        services.value = [...options];
      };
      const readAddresses = async (ref: ServiceRef, index: number) => {
        try {
          update(index, { addresses: await deps.adapters[ref.kind].listAccountAddresses(ref, op) });
        } catch (error) {
          update(index, { error });
        }
        if (!abort.aborted && !sourceRef.value && configuredAddresses(options[index]).length > 0)
          sourceRef.value = ref;
      };
      // 1. The page's service's addresses alone (its first page of details follows at once).
      const first = ordered[0];
      const pageFirst = first !== undefined && sameRef(first, sourceRef.value);
      if (pageFirst) await readAddresses(first, 0);
      // 2. Every other service's addresses: the destinations' free slots.
      await Promise.all(
        ordered.map((ref, index) =>
          pageFirst && index === 0 ? undefined : readAddresses(ref, index),
        ),
      );
      if (abort.aborted) return;
      if (!sourceRef.value || !options.some((o) => sameRef(o.ref, sourceRef.value))) {
        sourceRef.value = options.find((o) => configuredAddresses(o).length > 0)?.ref;
      }
      // 3. Names, states and domains: shown when they come, nothing waits for them.
      await Promise.all(
        ordered.map(async (ref, index) => {
          try {
            update(index, { info: await deps.adapters[ref.kind].getService(ref, op) });
          } catch {
            // The service still shows by its id; the plan reads it again and says what fails.
          }
        }),
      );
    } catch (error) {
      if (!abort.aborted) servicesError.value = error;
    }
  }

  function chooseSource(ref: ServiceRef) {
    if (sameRef(ref, sourceRef.value)) return;
    sourceRef.value = ref;
    selected.value = [];
    search.value = '';
    shown.value = PAGE_SIZE;
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
      const known = new Set(configuredAddresses(source.value));
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
    matches,
    shown,
    details: pager.details,
    detailsFailed: pager.failed,
    /** Shows one more page of the matching accounts. */
    showMore() {
      shown.value += PAGE_SIZE;
    },
    retryDetails() {
      pager.retry(sourceAccounts.value.map((a) => a.address));
    },
    setSearch(text: string) {
      search.value = text;
      shown.value = PAGE_SIZE;
    },
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
      stopPaging();
      pager.dispose();
    },
    key: refKey,
  };
}

export type WizardStore = ReturnType<typeof createWizardStore>;
