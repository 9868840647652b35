/**
 * A queue of accounts from one source service to one destination (issue 4, "Batch", like OMM's
 * project mode): each planned just before it runs (so it sees what the previous runs changed),
 * each with its own slot, run one after another or a few at a time, with a combined report.
 */
import { waitFor } from '../ovh-api/index.ts';
import type { PlatformAdapter, PlatformKind, ServiceRef } from '../platforms/index.ts';
import type { CopyClient } from './copy-client.ts';
import { type MigrationErrorJSON, toMigrationError } from './errors.ts';
import { type PlanDeps, planMigration } from './plan.ts';
import type { PlanOptions, PreflightCheck } from './plan-types.ts';
import type { MigrationReport } from './report.ts';
import type { MigrationRunner } from './runner.ts';
import type { RunState, RunStatus } from './state.ts';

export interface BatchAccount {
  address: string;
  provisionalLogin?: string;
  /** The current source password (kept); absent: a new one is set on the renamed source. */
  sourcePassword?: string;
  destinationPassword?: string;
}

export interface BatchOptions {
  source: ServiceRef;
  destination: ServiceRef;
  accounts: BatchAccount[];
  adapters: Record<PlatformKind, PlatformAdapter>;
  copy: CopyClient;
  planOptions?: PlanOptions;
  /** A runner for one account (the caller gives it its stores and run id). */
  runner: (address: string) => MigrationRunner;
  /**
   * Accounts running at once. The first one runs alone until the domain is ready on both sides.
   * @default 1
   */
  concurrency?: number;
  signal?: AbortSignal;
  /** Pause while waiting for the first run's domain step. @default 500 */
  pollMs?: number;
  /** Each account's outcome, as soon as it is known. */
  onAccount?: (result: BatchAccountResult) => void;
}

export interface BatchAccountResult {
  address: string;
  /** `refused`: a preflight check failed, nothing was changed. */
  status: RunStatus | 'refused';
  failedChecks?: PreflightCheck[];
  error?: MigrationErrorJSON;
  /** Passwords generated for this account (to hand over to its user); never persisted. */
  generatedPasswords?: { source?: string; destination?: string };
  report?: MigrationReport;
}

export interface BatchReport {
  accounts: BatchAccountResult[];
  completed: number;
  failed: number;
  refused: number;
}

export async function runBatch(options: BatchOptions): Promise<BatchReport> {
  const { adapters, copy, signal } = options;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const pollMs = options.pollMs ?? 500;
  const results: BatchAccountResult[] = options.accounts.map((a) => ({
    address: a.address,
    status: 'ready',
  }));
  // Distinct slots for runs that overlap: planned ones are not offered twice.
  const reserved = new Set<string>();
  const planDeps: PlanDeps = {
    adapters,
    copy,
    ...(options.planOptions ? { options: options.planOptions } : {}),
    ...(signal ? { signal } : {}),
  };

  const runOne = async (index: number, onStarted?: (runner: MigrationRunner) => void) => {
    try {
      await planAndRun(index, onStarted);
    } catch (error) {
      // One account's trouble (a session lost while planning...) does not stop the others.
      const result = results[index];
      if (!result) return;
      result.status = 'failed';
      result.error = toMigrationError(error, 'preflight_failed', 'plan').toJSON();
      options.onAccount?.(result);
    }
  };

  const planAndRun = async (index: number, onStarted?: (runner: MigrationRunner) => void) => {
    const account = options.accounts[index];
    const result = results[index];
    if (!account || !result) return;
    const slot = await freeSlot(options, reserved);
    const { plan, passwords } = await planMigration(
      {
        source: { service: options.source, address: account.address },
        destination: { service: options.destination, ...(slot ? { slot } : {}) },
        ...(account.provisionalLogin ? { provisionalLogin: account.provisionalLogin } : {}),
        ...(account.destinationPassword
          ? { destinationPassword: account.destinationPassword }
          : {}),
        sourcePassword:
          account.sourcePassword === undefined
            ? { mode: 'set' }
            : { mode: 'keep', password: account.sourcePassword },
      },
      planDeps,
    );
    if (plan.destination.slot) reserved.add(plan.destination.slot);
    if (!plan.runnable) {
      result.status = 'refused';
      result.failedChecks = plan.checks.filter((c) => c.status === 'fail');
      options.onAccount?.(result);
      return;
    }
    result.generatedPasswords = {
      ...(passwords.generated.source && passwords.source ? { source: passwords.source } : {}),
      ...(passwords.generated.destination ? { destination: passwords.destination } : {}),
    };
    const runner = options.runner(account.address);
    const running = runner.start(plan, passwords, signal ? { signal } : {});
    onStarted?.(runner);
    const state: RunState = await running;
    result.status = state.status;
    if (state.error) result.error = state.error;
    if (state.report) result.report = state.report;
    options.onAccount?.(result);
  };

  let next = 0;
  if (options.accounts.length > 0 && concurrency > 1) {
    // The first run switches the domain on both platforms; the others wait for that, so they do
    // not race for the same domain change.
    let firstRunner: MigrationRunner | undefined;
    const first = runOne(next++, (runner) => {
      firstRunner = runner;
    });
    let firstDone = false;
    void first.finally(() => {
      firstDone = true;
    });
    await waitFor(
      "the first account's domain step",
      async () => {
        if (firstDone) return { done: true };
        const state = await firstRunner?.state();
        const domainStep = state?.steps.find((s) => s.id === 'ensure_domain');
        if (domainStep && (domainStep.status === 'done' || domainStep.status === 'skipped')) {
          return { done: true };
        }
        if (state && state.status !== 'running' && state.status !== 'ready') return { done: true };
        // The first run moving at all is progress.
        return {
          waiting: 'the first account is preparing the domain',
          progress: state?.updatedAt ?? '',
        };
      },
      { policy: { firstMs: pollMs, factor: 1, maxMs: pollMs }, ...(signal ? { signal } : {}) },
    ).catch((error: unknown) => {
      if (!signal?.aborted) throw error;
    });
    const workers = Array.from({ length: concurrency - 1 }, async () => {
      while (next < options.accounts.length && !signal?.aborted) await runOne(next++);
    });
    await Promise.all([first, ...workers]);
  }
  while (next < options.accounts.length && !signal?.aborted) await runOne(next++);

  return {
    accounts: results,
    completed: results.filter((r) => r.status === 'completed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    refused: results.filter((r) => r.status === 'refused').length,
  };
}

async function freeSlot(options: BatchOptions, reserved: ReadonlySet<string>) {
  const adapter = options.adapters[options.destination.kind];
  if (!adapter.capabilities.slots) return undefined;
  const free = await adapter.listFreeSlots(
    options.destination,
    options.signal ? { signal: options.signal } : {},
  );
  return free.find((s) => !reserved.has(s.address) && s.state === 'ok' && !s.taskPending)?.address;
}

/**
 * Accounts from a CSV (header required): `address` and optionally `provisional_login`,
 * `source_password`, `destination_password`. Comma or semicolon separated; quotes allowed.
 */
export function parseBatchCsv(text: string): BatchAccount[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const [header, ...rows] = lines;
  if (header === undefined) return [];
  const separator = header.includes(';') && !header.includes(',') ? ';' : ',';
  const names = splitCsvLine(header, separator).map((n) => n.trim().toLowerCase());
  const column = (cells: string[], name: string) => {
    const value = cells[names.indexOf(name)]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  if (!names.includes('address')) throw new Error('The CSV needs an "address" column.');
  return rows.map((row) => {
    const cells = splitCsvLine(row, separator);
    const address = column(cells, 'address') ?? '';
    const provisionalLogin = column(cells, 'provisional_login');
    const sourcePassword = column(cells, 'source_password');
    const destinationPassword = column(cells, 'destination_password');
    return {
      address,
      ...(provisionalLogin ? { provisionalLogin } : {}),
      ...(sourcePassword ? { sourcePassword } : {}),
      ...(destinationPassword ? { destinationPassword } : {}),
    };
  });
}

function splitCsvLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
