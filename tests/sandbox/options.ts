// Options of startSandbox, each with its default.

import type { FaultsPatch } from './faults.ts';

export interface SandboxOptions {
  /**
   * Port of the one HTTP server (API, control panel, login, control routes); 0 picks a free one.
   * @default 0
   */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Start one real Dovecot per IMAP host and keep its users in step with the API. Turn off for
   * tests of the API alone (faster, no Dovecot needed).
   * @default true
   */
  imap?: boolean;
  /**
   * Time a task spends in `todo`, then in `doing` (the fault `taskStepMs` overrides it).
   * @default 200
   */
  taskStepMs?: number;
  /**
   * Tasks take their realistic duration (state/task-durations.ts: minutes) times this scale,
   * instead of `taskStepMs` each way (the fault `taskTimeScale` overrides it).
   * @default undefined (use taskStepMs)
   */
  taskTimeScale?: number;
  /**
   * The unit `currentUsage` is sent in. Its real unit is not documented (MB is our guess, the
   * control panel's code hints KB): switch it to check that a client does not depend on it.
   * @default 'MB'
   */
  usageUnit?: 'MB' | 'KB';
  /**
   * After a rename or a slot configuration completes, changePassword still answers 404 for the
   * new address this long (the control panel retries 10 times, 1 s apart).
   * @default 3000
   */
  newAddressDelayMs?: number;
  /**
   * Accounts of the big E-mail Pro service emailpro-ab12345-2 (20 configured, the rest free).
   * @default 500
   */
  bigServiceAccounts?: number;
  /** Faults switched on from the start. @default none */
  faults?: FaultsPatch;
  /** Where the sandbox reports what it does (task failures, requests). @default silent */
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<Omit<SandboxOptions, 'faults' | 'taskTimeScale'>> & {
  faults: FaultsPatch | undefined;
  taskTimeScale: number | undefined;
};

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    imap: options.imap ?? true,
    taskStepMs: options.taskStepMs ?? 200,
    taskTimeScale: options.taskTimeScale,
    usageUnit: options.usageUnit ?? 'MB',
    newAddressDelayMs: options.newAddressDelayMs ?? 3000,
    bigServiceAccounts: options.bigServiceAccounts ?? 500,
    faults: options.faults,
    log: options.log ?? (() => {}),
  };
}
