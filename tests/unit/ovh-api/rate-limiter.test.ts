import { describe, expect, it } from 'vitest';
import { createRateLimiter, isOvhApiError } from '../../../lib/ovh-api/index.ts';

/** A clock that only moves when the limiter sleeps: no real waits, no timing flakiness. */
function fakeClock() {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      // Yield a turn first, so callers granted before the sleep observe the time they got it at.
      await new Promise((resolve) => setImmediate(resolve));
      clock.time += ms;
    },
  };
  return clock;
}

describe('createRateLimiter', () => {
  it('lets a burst through at once, then one call per second, in order', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({
      perSecond: 1,
      burst: 10,
      now: clock.now,
      sleep: clock.sleep,
    });
    const grantedAt: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 13 }, (_, index) =>
        limiter.acquire().then(() => {
          grantedAt.push(clock.time);
          order.push(index);
        }),
      ),
    );
    expect(grantedAt.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(grantedAt.slice(10).map(Math.round)).toEqual([1000, 2000, 3000]);
    expect(order).toEqual(Array.from({ length: 13 }, (_, index) => index));
  });

  it('refills while idle, never beyond the burst', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({
      perSecond: 2,
      burst: 3,
      now: clock.now,
      sleep: clock.sleep,
    });
    for (let i = 0; i < 3; i++) await limiter.acquire();
    clock.time += 60_000;
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire();
    expect(clock.sleeps.map(Math.round)).toEqual([500]);
  });

  it('drops a waiter whose signal aborts, without spending its token', async () => {
    const clock = fakeClock();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const limiter = createRateLimiter({
      perSecond: 1,
      burst: 1,
      now: clock.now,
      sleep: async (ms) => {
        await gate;
        clock.time += ms;
      },
    });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort();
    const error = await aborted.catch((reason: unknown) => reason);
    expect(isOvhApiError(error) && error.code).toBe('cancelled');
    release();
    await next;
    expect(clock.time).toBe(1000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = createRateLimiter();
    const error = await limiter.acquire(AbortSignal.abort()).catch((reason: unknown) => reason);
    expect(isOvhApiError(error) && error.code).toBe('cancelled');
  });

  it('refuses a rate that could never grant a token', () => {
    expect(() => createRateLimiter({ perSecond: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ burst: 0 })).toThrow(RangeError);
  });
});
