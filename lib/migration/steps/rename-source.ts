/**
 * Guide §1, step 1: rename the source to its provisional name. Idempotent: when the provisional
 * address exists and the original does not, the rename already happened.
 */
import { MigrationError } from '../errors.ts';
import { findAccount, settled } from './accounts.ts';
import type { Step } from './context.ts';

export const renameSource: Step = {
  id: 'rename_source',
  errorCode: 'rename_failed',
  async run(context) {
    const { plan, records, source, op } = context;
    const ref = plan.source.service;
    const original = plan.source.address;
    const provisional = plan.provisional.address;
    // A rename still in progress (the run was interrupted): let it land first.
    const before = await settled(context, source, ref, original);
    const renamed = await findAccount(source, ref, provisional, op);
    if (before === undefined && renamed !== undefined) {
      context.note(`${original} was already renamed to ${provisional}.`);
      records.renamed = true;
      await settled(context, source, ref, provisional);
      return 'skipped';
    }
    if (before === undefined) {
      throw new MigrationError(
        'rename_failed',
        `Neither ${original} nor ${provisional} exists on the source.`,
      );
    }
    if (renamed !== undefined) {
      throw new MigrationError(
        'rename_failed',
        `${provisional} already exists on the source: choose another provisional name.`,
      );
    }
    records.renamed = true;
    await context.save();
    await source.renameAccount(
      ref,
      original,
      { login: plan.provisional.login, domain: plan.source.domain },
      op,
    );
    return 'done';
  },
};
