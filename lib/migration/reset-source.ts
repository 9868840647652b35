/**
 * The optional last step (issue 4): reset the renamed source account, which deletes its mail.
 * Only after a verified copy, and only with an explicit confirmation.
 */
import type { PlatformAdapter } from '../platforms/index.ts';
import { MigrationError } from './errors.ts';
import { findAccount } from './preflight/facts.ts';
import type { RunState } from './state.ts';
import { verify } from './steps/verify.ts';

export async function resetRenamedSource(
  state: RunState,
  source: PlatformAdapter,
  options: { confirm: boolean; signal?: AbortSignal; onTask?: (id: number) => void },
): Promise<void> {
  const { plan } = state;
  const folders = state.records[verify.id]?.folders ?? [];
  if (!options.confirm) {
    throw new MigrationError(
      'invalid_state',
      'Resetting the renamed source deletes its mail: it needs an explicit confirmation.',
    );
  }
  const verified =
    state.status === 'completed' && folders.length > 0 && folders.every((f) => f.match);
  if (!verified) {
    throw new MigrationError(
      'invalid_state',
      'The renamed source can only be reset after a completed, verified copy.',
    );
  }
  if (!source.capabilities.reset) {
    throw new MigrationError('invalid_state', 'This platform cannot reset an account.');
  }
  const op = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onTask ? { onTask: options.onTask } : {}),
  };
  const account = await findAccount(source, plan.source.service, plan.provisional.address, op);
  if (account !== undefined && !account.freeSlot) {
    await source.resetAccount(plan.source.service, plan.provisional.address, op);
  }
}
