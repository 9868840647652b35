/**
 * The tab lease: the runner driving a run writes `{owner, until}` into the stored state and
 * renews it every third of `leaseMs`; another runner (another tab) asked to drive the same run
 * meanwhile gets `run_in_use`. A closed tab's lease simply runs out.
 */
import { MigrationError } from './errors.ts';

export interface LeaseHolder {
  lease?: { owner: string; until: string };
}

export interface LeaseOptions {
  /** @default 30_000 */
  leaseMs?: number;
  now: () => Date;
  /** Persists the state (with the renewed lease). Its failures are the writer's to handle. */
  renew: () => Promise<void>;
}

export interface Lease {
  readonly owner: string;
  /** Whether this runner holds the lease now (the writer stamps it on every save). */
  readonly held: boolean;
  /** Refuses while another owner's lease is fresh; then holds it and renews it. */
  take(state: LeaseHolder): void;
  /** Stops renewing and removes our lease from the state (the caller saves). */
  release(state: LeaseHolder): void;
  /** Writes our lease into the state, when held (called before each save). */
  stamp(state: LeaseHolder): void;
}

export function createLease(options: LeaseOptions): Lease {
  const leaseMs = options.leaseMs ?? 30_000;
  const owner = `${options.now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let held = false;
  let renewal: ReturnType<typeof setInterval> | undefined;
  return {
    owner,
    get held() {
      return held;
    },
    take(state) {
      const lease = state.lease;
      if (lease && lease.owner !== owner && Date.parse(lease.until) > options.now().getTime()) {
        throw new MigrationError(
          'run_in_use',
          'This migration is running in another tab or window: follow it there. If you closed that tab, wait a minute and resume here.',
        );
      }
      held = true;
      clearInterval(renewal);
      // The writer retries and reports its own failures: a renewal never rejects unhandled.
      renewal = setInterval(
        () => void options.renew().catch(() => {}),
        Math.max(1000, leaseMs / 3),
      );
    },
    release(state) {
      held = false;
      clearInterval(renewal);
      renewal = undefined;
      if (state.lease?.owner === owner) delete state.lease;
    },
    stamp(state) {
      if (held) {
        state.lease = { owner, until: new Date(options.now().getTime() + leaseMs).toISOString() };
      }
    },
  };
}
