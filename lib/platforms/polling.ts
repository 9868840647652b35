import {
  type ResolvedWaitPolicy,
  resolveWaitPolicy,
  type Sleep,
  type WaitPolicy,
} from '../ovh-api/index.ts';

/**
 * How adapters wait for OVHcloud's asynchronous changes: the one wait helper's policy
 * (`waitFor`, lib/ovh-api/wait.ts). Tests shorten the pauses and the patience.
 */
export interface PollingOptions extends WaitPolicy {
  /**
   * Right after a rename, OVHcloud may not know the new address for a moment (changePassword
   * answers 404; the control panel retries 10 times, 1 s apart): how long that may last.
   * @default 30_000
   */
  newAddressPatienceMs?: number;
}

export type ResolvedPolling = ResolvedWaitPolicy & { newAddressPatienceMs: number };

export function resolvePolling(options: PollingOptions | undefined, sleep: Sleep): ResolvedPolling {
  return {
    ...resolveWaitPolicy({ sleep, ...options }),
    newAddressPatienceMs: options?.newAddressPatienceMs ?? 30_000,
  };
}
