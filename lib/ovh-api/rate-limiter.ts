/**
 * A token bucket in front of every API call. OvhCloud documents no quota for session calls; its
 * staff said about 60 requests a minute per consumer is safe, so the default is 1/s sustained with a
 * burst of 10 (a page of account details loads at once, a long migration stays polite).
 */
import { cancelledError } from './errors.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';

export interface RateLimitOptions {
  /**
   * Sustained rate: tokens added per second.
   * @default 1
   */
  perSecond?: number;
  /**
   * Bucket size: how many calls may go at once after a quiet spell.
   * @default 10
   */
  burst?: number;
}

export interface RateLimiterOptions extends RateLimitOptions {
  /**
   * Clock in milliseconds; tests pass a fake one.
   * @default () => performance.now()
   */
  now?: () => number;
  /**
   * How to wait for the next token; tests pass one that advances their fake clock.
   * @default a setTimeout-based sleep
   */
  sleep?: Sleep;
}

export interface RateLimiter {
  /** Resolves when a call may go; callers are served in order. Rejects `cancelled` on abort. */
  acquire(signal?: AbortSignal): Promise<void>;
}

interface Waiter {
  resolve: () => void;
  signal?: AbortSignal;
  onAbort: () => void;
}

// Floating-point refills land a hair under a whole token after sleeping exactly long enough.
const EPSILON = 1e-9;

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const perSecond = options.perSecond ?? 1;
  const burst = options.burst ?? 10;
  if (!(perSecond > 0) || !(burst >= 1)) {
    throw new RangeError(
      `rate limit needs perSecond > 0 and burst >= 1 (got ${perSecond}, ${burst})`,
    );
  }
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  let tokens = burst;
  let last = now();
  const queue: Waiter[] = [];
  let pumping = false;

  const refill = () => {
    const time = now();
    tokens = Math.min(burst, tokens + ((time - last) * perSecond) / 1000);
    last = time;
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        refill();
        if (tokens >= 1 - EPSILON) {
          tokens = Math.max(0, tokens - 1);
          const waiter = queue.shift();
          waiter?.signal?.removeEventListener('abort', waiter.onAbort);
          waiter?.resolve();
        } else {
          await sleep(((1 - tokens) * 1000) / perSecond);
        }
      }
    } finally {
      pumping = false;
    }
  };

  return {
    acquire(signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(cancelledError({ cause: signal.reason }));
          return;
        }
        const waiter: Waiter = {
          resolve,
          signal,
          onAbort: () => {
            const index = queue.indexOf(waiter);
            if (index !== -1) queue.splice(index, 1);
            reject(cancelledError({ cause: signal?.reason }));
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        void pump();
      });
    },
  };
}
