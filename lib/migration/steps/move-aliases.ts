/**
 * Aliases are not carried by the rename nor the copy (guide §1), and an address has one owner
 * across the customer's platforms: right after the destination has the original address, each
 * alias is taken off the renamed source, then added to the destination, and both sides are read
 * back. Moving them in the same window as the address keeps alias mail from landing in the
 * renamed mailbox nobody reads; the final pass then copies whatever arrived there meanwhile.
 * Undo gives them back to the source.
 */
import { z } from 'zod';
import { MigrationError } from '../errors.ts';
import { findAccount, settled } from '../step-kit/accounts.ts';
import { defineStep, planned, type StepContext, stepMessages } from '../step-kit/define-step.ts';

export const id = 'move_aliases';

export const messages = stepMessages(id, {
  move: 'Move the aliases {aliases} from {from} to {to} on {service}.',
  none: 'No alias to move.',
  unsupported:
    '{service} has no aliases: {aliases} stay on {from}; create redirections for them by hand.',
});

export const record = z.object({
  /** Aliases taken off the renamed source (recorded before each removal). */
  removed: z.array(z.string()).optional(),
  /** Aliases whose creation on the destination was sent. */
  sent: z.array(z.string()).optional(),
  /** Aliases the destination now holds because of this run. */
  added: z.array(z.string()).optional(),
});

const lower = (list: readonly string[]) => new Set(list.map((a) => a.toLowerCase()));

export const moveAliases = defineStep({
  id,
  errorCode: 'aliases_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route === 'legacy_move') return undefined;
    const aliases = plan.source.aliases;
    if (aliases.length === 0) return planned(id, messages.none, {});
    const params = {
      aliases: aliases.join(', '),
      from: plan.provisional.address,
      to: plan.destination.address,
      service: plan.destination.service.service,
    };
    return !plan.destination.supportsAliases
      ? planned(id, messages.unsupported, params)
      : planned(id, messages.move, params);
  },

  async run(context) {
    const { plan, record: rec, destination, source, op } = context;
    const wanted = plan.source.aliases;
    if (wanted.length === 0) return 'skipped';
    if (!destination.capabilities.aliases) {
      context.note('The destination has no aliases; create redirections by hand.');
      return 'skipped';
    }
    const dst = plan.destination.service;
    const address = plan.destination.address;
    const owner = plan.provisional.address;
    const onDestination = async () => lower(await destination.listAliases(dst, address, op));
    const onSource = async () => lower(await source.listAliases(plan.source.service, owner, op));
    rec.removed ??= [];
    rec.sent ??= [];
    rec.added ??= [];
    const there = await onDestination();
    for (const alias of wanted) {
      const key = alias.toLowerCase();
      if (there.has(key)) {
        if (rec.sent.includes(key) && !rec.added.includes(key)) rec.added.push(key);
        continue;
      }
      // Off the source first (an address has one owner), recorded before each change; a change
      // sent before an interruption is followed, not sent again (resumed: the adapter looks).
      const removedBefore = rec.removed.includes(key);
      if (!removedBefore) rec.removed.push(key);
      await context.save();
      await source.removeAlias(plan.source.service, owner, alias, {
        ...op,
        resumed: removedBefore,
      });
      const sentBefore = rec.sent.includes(key);
      if (!sentBefore) rec.sent.push(key);
      await context.save();
      await destination.addAlias(dst, address, alias, { ...op, resumed: sentBefore });
      if (!rec.added.includes(key)) rec.added.push(key);
      await context.save();
    }
    // Both sides read back: every alias on the destination, none left on the renamed source.
    const [after, left] = await Promise.all([onDestination(), onSource()]);
    const missing = wanted.filter((a) => !after.has(a.toLowerCase()));
    const stayed = wanted.filter((a) => left.has(a.toLowerCase()));
    if (missing.length > 0 || stayed.length > 0) {
      throw new MigrationError(
        'aliases_failed',
        [
          missing.length > 0 ? `${missing.join(', ')} did not appear on ${address}` : '',
          stayed.length > 0 ? `${stayed.join(', ')} are still on ${owner}` : '',
        ]
          .filter(Boolean)
          .join('; ')
          .concat('.'),
      );
    }
    return 'done';
  },

  async undo(context) {
    const { plan, record: rec, destination, source } = context;
    const op = { ...context.op, resumed: true };
    const moved = [...new Set([...(rec.removed ?? []), ...(rec.added ?? []), ...(rec.sent ?? [])])];
    if (moved.length === 0) return;
    const dst = plan.destination.service;
    const address = plan.destination.address;
    // Off the destination first: the source can only take an address nobody else holds.
    const target = await findAccount(destination, dst, address, op);
    if (target !== undefined && !target.freeSlot && destination.capabilities.aliases) {
      await settled(context, destination, dst, address);
      const there = lower(await destination.listAliases(dst, address, op));
      for (const alias of moved) {
        if (there.has(alias)) await destination.removeAlias(dst, address, alias, op);
      }
    }
    rec.added = [];
    rec.sent = [];
    await context.save();
    const removed = rec.removed ?? [];
    if (removed.length > 0) {
      const owner = await sourceOwner(context);
      const have = lower(await source.listAliases(plan.source.service, owner, op));
      for (const alias of removed) {
        if (!have.has(alias)) await source.addAlias(plan.source.service, owner, alias, op);
      }
    }
    rec.removed = [];
    await context.save();
  },
});

/** Where the source account is now: still renamed, or already back at its address. */
async function sourceOwner(context: StepContext<unknown>): Promise<string> {
  const { plan, source, op } = context;
  const renamed = await findAccount(source, plan.source.service, plan.provisional.address, op);
  return renamed === undefined ? plan.source.address : plan.provisional.address;
}
