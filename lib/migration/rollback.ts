/**
 * Undo what the run recorded, newest first: cancel the copy, reset the destination slot it
 * configured, rename the source back, switch the source domain back. Each part reads before it
 * acts, so rollback can be retried. The source's mail is never touched; the destination slot's
 * copied mail goes with the reset.
 */
import type { Sleep } from '../ovh-api/index.ts';
import type { OperationOptions, PlatformAdapter } from '../platforms/index.ts';
import type { CopyClient } from './copy-client.ts';
import { MigrationError } from './errors.ts';
import type { RunState } from './state.ts';
import { settled } from './steps/accounts.ts';

export interface RollbackDeps {
  sleep: Sleep;
  pollMs: number;
  source: PlatformAdapter;
  destination: PlatformAdapter;
  copy: CopyClient;
  signal: AbortSignal | undefined;
  save(): Promise<void>;
}

/** Returns what could not be put back, in plain sentences. */
export async function rollbackRun(state: RunState, deps: RollbackDeps): Promise<string[]> {
  const { plan, records } = state;
  const { source, destination } = deps;
  const op: OperationOptions = deps.signal ? { signal: deps.signal } : {};
  const warnings: string[] = [];
  // A change still pending (the run, or an earlier rollback, was interrupted) must land first.
  const waiting = { op, sleep: deps.sleep, copyPollMs: deps.pollMs, signal: deps.signal };

  if (records.copyJobId !== undefined) {
    // A job still running would write into the slot being reset.
    await deps.copy.cancelJob(records.copyJobId, op).catch(() => undefined);
  }

  if (records.destinationConfigured) {
    const account = await settled(
      waiting,
      destination,
      plan.destination.service,
      plan.destination.address,
    );
    if (account !== undefined && !account.freeSlot) {
      await destination.resetAccount(plan.destination.service, plan.destination.address, op);
    }
    records.destinationConfigured = false;
    records.destinationPasswordSet = false;
    await deps.save();
  }

  if (records.renamed) {
    const ref = plan.source.service;
    const original = await settled(waiting, source, ref, plan.source.address);
    const provisional = await settled(waiting, source, ref, plan.provisional.address);
    if (original === undefined && provisional !== undefined) {
      await source.renameAccount(
        ref,
        plan.provisional.address,
        { login: plan.source.login, domain: plan.source.domain },
        op,
      );
    } else if (original === undefined) {
      throw new MigrationError(
        'rollback_failed',
        `Neither ${plan.source.address} nor ${plan.provisional.address} exists on the source.`,
      );
    }
    records.renamed = false;
    await deps.save();
  }
  const moved = records.aliasesMovedFromSource ?? [];
  if (moved.length > 0) {
    // The destination account went with the reset; its aliases go back to their first owner.
    const ref = plan.source.service;
    const present = new Set(
      (await source.listAliases(ref, plan.source.address, op)).map((a) => a.toLowerCase()),
    );
    for (const alias of moved) {
      if (!present.has(alias.toLowerCase())) {
        await source.addAlias(ref, plan.source.address, alias, op);
      }
    }
    records.aliasesMovedFromSource = [];
    await deps.save();
  }
  if (records.sourcePasswordSet) {
    warnings.push(
      `The source password was changed by this run; the new one stays on ${plan.source.address}.`,
    );
  }

  if (records.destinationDomainAdded) {
    // Taken off the destination first: the source can only be authoritative again once the
    // domain lives nowhere else (reference §1). A failed add left nothing behind.
    const ref = plan.destination.service;
    const there = await destination.getDomain(ref, plan.domain.name, op);
    if (there !== undefined && destination.capabilities.manageDomains) {
      try {
        await destination.removeDomain(ref, plan.domain.name, op);
      } catch (error) {
        if (deps.signal?.aborted) throw error;
        warnings.push(
          `${plan.domain.name} was added to ${ref.service} and could not be removed: remove it there by hand.`,
        );
      }
    }
    if ((await destination.getDomain(ref, plan.domain.name, op)) === undefined) {
      records.destinationDomainAdded = false;
      await deps.save();
    } else if (there !== undefined && !destination.capabilities.manageDomains) {
      warnings.push(`${plan.domain.name} was added to ${ref.service} and is still there.`);
    }
  }

  if (records.sourceDomainBefore !== undefined) {
    const before = records.sourceDomainBefore;
    try {
      await source.changeDomain(
        plan.source.service,
        plan.domain.name,
        { type: before.type, mxRelay: before.mxRelay ?? null },
        op,
      );
      delete records.sourceDomainBefore;
      await deps.save();
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      warnings.push(
        `${plan.domain.name} stays non-authoritative on ${plan.source.service.service}: it is still on ${plan.destination.service.service}. Remove it there, then switch it back to authoritative.`,
      );
    }
  }
  if (records.destinationDomainBefore !== undefined) {
    const before = records.destinationDomainBefore;
    await destination
      .changeDomain(
        plan.destination.service,
        plan.domain.name,
        { type: before.type, mxRelay: before.mxRelay ?? null },
        op,
      )
      .then(async () => {
        delete records.destinationDomainBefore;
        await deps.save();
      })
      .catch((error: unknown) => {
        if (deps.signal?.aborted) throw error;
        warnings.push(
          `${plan.domain.name} stays non-authoritative on ${plan.destination.service.service}.`,
        );
      });
  }
  return warnings;
}
