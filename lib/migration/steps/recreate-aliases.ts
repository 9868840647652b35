/** Aliases are not carried by the copy (guide §1): add the source's aliases to the destination. */
import { isOvhApiError } from '../../ovh-api/index.ts';
import { settled, waitForPendingChange } from './accounts.ts';
import type { Step, StepContext } from './context.ts';

export const recreateAliases: Step = {
  id: 'recreate_aliases',
  errorCode: 'aliases_failed',
  async run(context) {
    const { plan, records, destination, op } = context;
    const wanted = plan.source.aliases;
    if (wanted.length === 0) return 'skipped';
    if (!destination.capabilities.aliases) {
      context.note('The destination has no aliases; create redirections by hand.');
      return 'skipped';
    }
    const ref = plan.destination.service;
    const address = plan.destination.address;
    await settled(context, destination, ref, address);
    const listed = async () =>
      new Set((await destination.listAliases(ref, address, op)).map((a) => a.toLowerCase()));
    let present = await listed();
    records.aliasesSent ??= [];
    const sent = records.aliasesSent;
    for (const alias of wanted) {
      const key = alias.toLowerCase();
      if (!present.has(key) && sent.includes(key)) {
        // Sent before an interruption: its task may still be running.
        await waitForPendingChange(context, async () => {
          present = await listed();
          return present.has(key);
        });
      }
      if (present.has(key)) {
        if (sent.includes(key) && !records.aliasesAdded.includes(alias)) {
          records.aliasesAdded.push(alias);
        }
        continue;
      }
      sent.push(key);
      await context.save();
      try {
        await destination.addAlias(ref, address, alias, op);
      } catch (error) {
        if (!isOvhApiError(error) || error.code !== 'conflict') throw error;
        // The alias still belongs to the renamed source: one address has one owner, so move it.
        await takeOffSource(context, alias);
        await destination.addAlias(ref, address, alias, op);
      }
      records.aliasesAdded.push(alias);
      await context.save();
    }
    return 'done';
  },
};

/** Removes `alias` from the renamed source account, recording it first so rollback gives it back. */
async function takeOffSource(context: StepContext, alias: string): Promise<void> {
  const { plan, records, source, op } = context;
  records.aliasesMovedFromSource ??= [];
  if (!records.aliasesMovedFromSource.includes(alias)) {
    records.aliasesMovedFromSource.push(alias);
    await context.save();
  }
  const owner = plan.provisional.address;
  const onSource = await source.listAliases(plan.source.service, owner, op);
  if (onSource.some((a) => a.toLowerCase() === alias.toLowerCase())) {
    await source.removeAlias(plan.source.service, owner, alias, op);
  }
}
