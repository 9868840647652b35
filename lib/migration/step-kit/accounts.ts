/** Account helpers the steps share: existence, and waiting for a pending change to finish. */
import type { AccountInfo, PlatformAdapter, ServiceRef } from '../../platforms/index.ts';
import { findAccount } from '../preflight/facts.ts';
import type { StepContext } from './define-step.ts';

export { findAccount };

/** Waits until the account is ok with no task pending (or gone); returns it (or undefined). */
/** What waiting needs: the call options, a sleep and its interval. */
export type Waiting = Pick<StepContext<unknown>, 'op' | 'sleep' | 'copyPollMs' | 'signal'>;

export async function settled(
  context: Waiting,
  adapter: PlatformAdapter,
  ref: ServiceRef,
  address: string,
  attempts = 600,
): Promise<AccountInfo | undefined> {
  for (let i = 0; ; i++) {
    const account = await findAccount(adapter, ref, address, context.op);
    if (account === undefined || (account.state === 'ok' && !account.taskPending)) return account;
    if (i >= attempts) return account;
    await context.sleep(context.copyPollMs, context.signal);
  }
}

/**
 * After an interruption, a change sent before may still be pending: poll `landed` for a while
 * before sending it again (sending twice is refused, or done twice).
 */
export async function waitForPendingChange(
  context: Waiting,
  landed: () => Promise<boolean>,
  attempts = 120,
): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await landed()) return true;
    await context.sleep(context.copyPollMs, context.signal);
  }
  return landed();
}
