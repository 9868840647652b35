/** Aliases are not carried by the copy (guide §1): add the source's aliases to the destination. */
import { settled, waitForPendingChange } from './accounts.ts';
import type { Step } from './context.ts';

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
      await destination.addAlias(ref, address, alias, op);
      records.aliasesAdded.push(alias);
      await context.save();
    }
    return 'done';
  },
};
