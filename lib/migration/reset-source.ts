/**
 * The optional last step (issue 4): reset the renamed source account, which deletes its mail.
 * The same rule as a rollback's reset (issue 7): only once its mail is safe elsewhere. So only
 * after a completed, verified run; never while the renamed source still receives mail (an alias
 * left on it); and only after a last incremental pass has brought whatever reached it since the
 * run to the destination, verified. Needs an explicit confirmation, and the passwords again.
 */
import { MigrationError } from './errors.ts';
import { findAccount } from './preflight/facts.ts';
import type { RollbackDeps } from './rollback.ts';
import type { RunState } from './state.ts';
import { createStepContext } from './step-kit/context.ts';
import { followJob, passwordsFor, recordedJob } from './step-kit/copy-job.ts';
import { copyContent } from './steps/copy-content.ts';
import { finalPass } from './steps/final-pass.ts';
import { verify } from './steps/verify.ts';

export type ResetDeps = Omit<RollbackDeps, 'state'> & { onTask?: (id: number) => void };

export async function resetRenamedSource(
  state: RunState,
  deps: ResetDeps,
  options: { confirm: boolean },
): Promise<void> {
  const { plan } = state;
  const { source } = deps;
  if (!options.confirm) {
    throw new MigrationError(
      'invalid_state',
      'Resetting the renamed source deletes its mail: it needs an explicit confirmation.',
    );
  }
  const folders = state.records[verify.id]?.folders ?? [];
  if (state.status !== 'completed' || folders.length === 0 || !folders.every((f) => f.match)) {
    throw new MigrationError(
      'invalid_state',
      'The renamed source can only be reset after a completed, verified copy.',
    );
  }
  if (!source.capabilities.reset) {
    throw new MigrationError('invalid_state', 'This platform cannot reset an account.');
  }
  const context = createStepContext({ ...deps, state, step: finalPass, status: undefined });
  const op = { ...context.op, ...(deps.onTask ? { onTask: deps.onTask } : {}) };
  const ref = plan.source.service;
  const renamed = plan.provisional.address;
  const account = await findAccount(source, ref, renamed, op);
  if (account === undefined || account.freeSlot) return;

  const aliases = source.capabilities.aliases ? await source.listAliases(ref, renamed, op) : [];
  if (aliases.length > 0) {
    throw new MigrationError(
      'invalid_state',
      `${renamed} still receives mail for ${aliases.join(', ')}: move or remove those aliases first, then reset it.`,
    );
  }

  // What reached the renamed source since the run goes to the destination first, checked.
  const jobId = state.records[copyContent.id]?.jobId;
  const job = await recordedJob(context, jobId);
  if (job === undefined) {
    throw new MigrationError(
      'invalid_state',
      `The proxy no longer knows the copy job, so the last mail of ${renamed} cannot be copied before it is deleted: reset it by hand once you have checked it.`,
    );
  }
  const call = deps.signal ? { signal: deps.signal } : {};
  const base = job.runs;
  if (job.state !== 'running' && job.state !== 'queued') {
    await deps.copy.resumeJob(job.id, await passwordsFor(context), call);
  }
  await followJob(context, job.id, (j) => j.runs > base);
  const report = await deps.copy.getReport(job.id, call);
  const missing = report.verification.folders.filter((f) => f.missing > 0);
  if (!report.verification.verified || missing.length > 0) {
    throw new MigrationError(
      'verification_failed',
      `Not all the mail of ${renamed} is on the destination (${missing.map((f) => `${f.source}: ${f.missing} missing`).join('; ') || 'not verified'}): it was not reset.`,
    );
  }
  await source.resetAccount(ref, renamed, op);
}
