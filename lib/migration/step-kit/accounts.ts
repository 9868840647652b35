/** Account helpers the steps share: existence, and letting a pending change land first. */
import type { AccountInfo, PlatformAdapter, ServiceRef } from '../../platforms/index.ts';
import { findAccount } from '../preflight/facts.ts';
import type { StepContext } from './define-step.ts';

export { findAccount };

/**
 * The account at `address` once no task is pending on it (a change sent before an interruption
 * lands first, whatever its outcome), or undefined when there is none.
 */
export function settled(
  context: Pick<StepContext<unknown>, 'op'>,
  adapter: PlatformAdapter,
  ref: ServiceRef,
  address: string,
): Promise<AccountInfo | undefined> {
  return adapter.settleAccount(ref, address, context.op);
}
