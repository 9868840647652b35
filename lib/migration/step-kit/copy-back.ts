/**
 * Before a rollback resets a destination account that has owned the original address, what it
 * holds that the source lacks goes back to the source (issue 7, "never lose mail"): mail
 * delivered there since the address moved, or written there by its user. A reverse proxy job
 * (destination → renamed source) whose dedupe copies only the new messages, then the proxy's
 * verification: every destination message must be on the source. Until that holds the
 * destination is left untouched, and the rollback stops saying why.
 */
import type { FolderVerification, JobTotals } from '../../proxy-contract/index.ts';
import { isCopyClientError } from '../copy-client.ts';
import { isMigrationError, MigrationError } from '../errors.ts';
import { followJob, recordedJob } from './copy-job.ts';
import type { StepContext } from './define-step.ts';

export interface CopyBackRecord {
  jobId?: string;
  totals?: JobTotals;
  folders?: FolderVerification[];
  /** Every destination message was found on the source. */
  verified?: boolean;
}

type Context = StepContext<{ copyBack?: CopyBackRecord }>;

/** Why the copy back could not run, as the rollback's error: the destination stays as it is. */
function cannotCopyBack(context: Context, why: string, cause?: unknown): MigrationError {
  const { plan } = context;
  return new MigrationError(
    'rollback_failed',
    `The mail that reached ${plan.destination.address} on ${plan.destination.service.service} could not be copied back to the source: ${why} The destination account is kept as it is, with its mail; fix that, then roll back again.`,
    { step: 'rollback', cause },
  );
}

export async function copyBackToSource(
  context: Context,
  passwords: { source: string; destination: string },
): Promise<CopyBackRecord> {
  const { plan, record: rec } = context;
  const call = context.signal ? { signal: context.signal } : {};
  rec.copyBack ??= {};
  const back = rec.copyBack;
  const credentials = async () => ({
    sourcePassword: passwords.destination,
    destinationPassword: passwords.source,
  });
  try {
    let job = await recordedJob(context, back.jobId);
    if (job === undefined) {
      // Source and destination swapped: the destination account is read, the source written.
      job = await context.copy.createJob(
        {
          source: { ...plan.destination.endpoint, password: passwords.destination },
          destination: { ...plan.source.endpoint, password: passwords.source },
          options: { dryRun: false },
        },
        call,
      );
      back.jobId = job.id;
      await context.save();
    } else if (job.state !== 'running' && job.state !== 'queued' && job.state !== 'completed') {
      await context.copy.resumeJob(job.id, await credentials(), call);
    }
    const done = await followJob(context, job.id, () => true, credentials);
    const report = await context.copy.getReport(job.id, call);
    back.totals = done.totals;
    back.folders = report.verification.folders;
    // The source may hold more than the destination (mail it kept): only what is missing counts.
    const missing = report.verification.folders.filter((f) => f.missing > 0);
    back.verified = report.verification.folders.length > 0 && missing.length === 0;
    await context.save();
    if (!back.verified) {
      const names = missing.map((f) => `${f.source} (${f.missing} missing)`).join('; ');
      throw cannotCopyBack(
        context,
        names
          ? `these folders are not all on the source: ${names}.`
          : 'the proxy could not verify the copy.',
      );
    }
    return back;
  } catch (error) {
    if (context.signal?.aborted) throw error;
    if (isMigrationError(error) && error.code === 'rollback_failed') throw error;
    if (
      isCopyClientError(error) &&
      ['unreachable', 'timeout', 'not_configured', 'unpaired'].includes(error.code)
    ) {
      throw cannotCopyBack(context, 'the companion proxy does not answer.', error);
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw cannotCopyBack(context, detail, error);
  }
}
