/** Aliases are not carried by the copy (guide §1): add the source's aliases to the destination. */
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
    const present = new Set(
      (await destination.listAliases(ref, plan.destination.address, op)).map((a) =>
        a.toLowerCase(),
      ),
    );
    for (const alias of wanted) {
      if (present.has(alias.toLowerCase())) continue;
      await destination.addAlias(ref, plan.destination.address, alias, op);
      records.aliasesAdded.push(alias);
      await context.save();
    }
    return 'done';
  },
};
