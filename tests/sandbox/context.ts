// What every route handler works with: the live state and the machinery that changes it.

import type { FaultController } from './faults.ts';
import type { MailHosts } from './imap/mail-hosts.ts';
import type { ResolvedOptions } from './options.ts';
import type { SandboxState } from './state/model.ts';
import type { TaskEngine } from './state/task-engine.ts';

export interface SandboxContext {
  /** Replaced wholesale by a reset: always read it through the context. */
  state: SandboxState;
  readonly options: ResolvedOptions;
  readonly tasks: TaskEngine;
  readonly mail: MailHosts;
  readonly faults: FaultController;
  now(): number;
  log(line: string): void;
}
