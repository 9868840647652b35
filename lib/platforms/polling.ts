import { cancelledError, type Sleep } from '../ovh-api/index.ts';
import { PlatformError } from './adapter.ts';

/** How adapters wait for OVHcloud's asynchronous changes. Tests shorten the intervals. */
export interface PollingOptions {
  /**
   * Pause between two reads of a pending change.
   * @default 2_000
   */
  intervalMs?: number;
  /**
   * Give up waiting after this long; the change may still land at OVHcloud later.
   * @default 600_000
   */
  timeoutMs?: number;
  /**
   * The control panel retries a password change this many times after a rename, 1 s apart,
   * while the new address is not known yet (reference §3).
   * @default 10
   */
  renameSettleAttempts?: number;
  /** @default 1_000 */
  renameSettleDelayMs?: number;
  /** Injectable for tests. @default a setTimeout sleep */
  sleep?: Sleep;
}

export type ResolvedPolling = Required<Omit<PollingOptions, 'sleep'>> & { sleep: Sleep };

export function resolvePolling(options: PollingOptions | undefined, sleep: Sleep): ResolvedPolling {
  return {
    intervalMs: options?.intervalMs ?? 2_000,
    timeoutMs: options?.timeoutMs ?? 600_000,
    renameSettleAttempts: options?.renameSettleAttempts ?? 10,
    renameSettleDelayMs: options?.renameSettleDelayMs ?? 1_000,
    sleep: options?.sleep ?? sleep,
  };
}

/** Calls `check` until it returns a value (not undefined), or times out naming `what`. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  polling: ResolvedPolling,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + polling.timeoutMs;
  for (;;) {
    if (signal?.aborted) throw cancelledError({ cause: signal.reason });
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() + polling.intervalMs > deadline) {
      throw new PlatformError(
        'timeout',
        `${what} did not happen within ${Math.round(polling.timeoutMs / 1000)} s.`,
      );
    }
    await polling.sleep(polling.intervalMs, signal);
  }
}
