/**
 * Before a rollback resets a destination account that has owned the original address, what it
 * holds that the source lacks goes back to the source (issue 7, "never lose mail"): mail
 * delivered there since the address moved, or written there by its user. A reverse proxy job
 * (destination → source, at wherever each account is now) whose dedupe copies only the new
 * messages, then the proxy's verification: every destination message must be on the source.
 * Until that holds the destination is never reset, and the rollback stops saying why.
 */
import { z } from 'zod';
import {
  FolderVerificationSchema,
  type ImapEndpoint,
  JobTotalsSchema,
} from '../../proxy-contract/index.ts';
import { isCopyClientError } from '../copy-client.ts';
import { isMigrationError, type MigrationError } from '../errors.ts';
import { ROLLBACK_MESSAGES, rollbackError } from '../rollback-messages.ts';
import { followJob, recordedJob } from './copy-job.ts';
import type { StepContext } from './define-step.ts';

/** What came back, per folder (the destination's folder → the source's). */
export const CopiedBackFolderSchema = z.object({
  /** The destination folder it was read from. */
  from: z.string(),
  /** The source folder it went to. */
  to: z.string(),
  messages: z.number(),
  bytes: z.number(),
});
export type CopiedBackFolder = z.infer<typeof CopiedBackFolderSchema>;

/** The reverse copy's part of a step record (configure_destination's `copyBack`). */
export const CopyBackRecordSchema = z.object({
  jobId: z.string().optional(),
  /** The addresses the job reads (the destination account) and writes (the source account). */
  from: z.string().optional(),
  to: z.string().optional(),
  /** The job's passes before the last incremental one was asked for. */
  againFrom: z.number().optional(),
  totals: JobTotalsSchema.optional(),
  byFolder: z.array(CopiedBackFolderSchema).optional(),
  folders: z.array(FolderVerificationSchema).optional(),
  /** Every destination message was found on the source. */
  verified: z.boolean().optional(),
});
export type CopyBackRecord = z.infer<typeof CopyBackRecordSchema>;

type Context = StepContext<{ copyBack?: CopyBackRecord; release?: { doneAt?: string } }>;

export interface CopyBackRoute {
  /** Where the destination account is now (its original address, or renamed away). */
  from: string;
  /** Where the source account is now (renamed, or back at its address). */
  to: string;
}

const PROXY_DOWN = ['unreachable', 'timeout', 'not_configured', 'unpaired', 'incompatible'];

/** Where the destination's mail is kept while the rollback is stopped, for the messages. */
function keptParams(context: Context, route: CopyBackRoute) {
  const { plan } = context;
  return {
    address: plan.destination.address,
    service: plan.destination.service.service,
    kept: route.from,
  };
}

/** Why the copy back could not run, as the rollback's error: the destination is not reset. */
function cannotCopyBack(
  context: Context,
  route: CopyBackRoute,
  why: 'proxy_down' | 'failed',
  detail: string,
  cause?: unknown,
): MigrationError {
  const params = keptParams(context, route);
  return why === 'proxy_down'
    ? rollbackError(ROLLBACK_MESSAGES.proxy_down, params, cause)
    : rollbackError(ROLLBACK_MESSAGES.copy_back_failed, { ...params, error: detail }, cause);
}

function endpoints(
  context: Context,
  route: CopyBackRoute,
  passwords: { source: string; destination: string },
): { source: ImapEndpoint; destination: ImapEndpoint } {
  const { plan } = context;
  // Source and destination swapped: the destination account is read, the source written.
  return {
    source: { ...plan.destination.endpoint, user: route.from, password: passwords.destination },
    destination: { ...plan.source.endpoint, user: route.to, password: passwords.source },
  };
}

/**
 * Before anything changes: the proxy answers and both accounts accept their logins, so the
 * drain can run once the address has moved back. Otherwise the destination stays untouched.
 */
export async function probeCopyBack(
  context: Context,
  passwords: { source: string; destination: string },
  route: CopyBackRoute,
): Promise<void> {
  const call = context.signal ? { signal: context.signal } : {};
  try {
    await context.copy.health(call);
    const { source, destination } = endpoints(context, route, passwords);
    const answer = await context.copy.testCredentials({ source, destination }, call);
    const refused = [
      answer.source.ok ? undefined : `${route.from}: ${answer.source.error.message}`,
      answer.destination === undefined || answer.destination.ok
        ? undefined
        : `${route.to}: ${answer.destination.error.message}`,
    ].filter((x): x is string => x !== undefined);
    if (refused.length > 0) {
      throw rollbackError(ROLLBACK_MESSAGES.login_refused, {
        ...keptParams(context, route),
        error: refused.join('; '),
      });
    }
  } catch (error) {
    if (context.signal?.aborted) throw error;
    if (isMigrationError(error)) throw error;
    if (isCopyClientError(error) && PROXY_DOWN.includes(error.code)) {
      throw cannotCopyBack(context, route, 'proxy_down', '', error);
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw cannotCopyBack(context, route, 'failed', detail, error);
  }
}

export async function copyBackToSource(
  context: Context,
  passwords: { source: string; destination: string },
  route: CopyBackRoute & {
    /** Run the job once more even when it completed (mail may have arrived since). */
    again?: boolean;
  },
): Promise<CopyBackRecord> {
  const { record: rec } = context;
  const call = context.signal ? { signal: context.signal } : {};
  rec.copyBack ??= {};
  const back = rec.copyBack;
  const credentials = async () => ({
    sourcePassword: passwords.destination,
    destinationPassword: passwords.source,
  });
  try {
    // A job between other addresses (an account renamed since) cannot log in: a new one, whose
    // dedupe skips what the first one copied.
    let job =
      back.from === route.from && back.to === route.to
        ? await recordedJob(context, back.jobId)
        : undefined;
    let until: (j: { runs: number }) => boolean = () => true;
    if (job === undefined) {
      job = await context.copy.createJob(
        { ...endpoints(context, route, passwords), options: { dryRun: false } },
        call,
      );
      Object.assign(back, { jobId: job.id, from: route.from, to: route.to });
      delete back.againFrom;
      delete back.verified;
      await context.save();
    } else if (route.again) {
      // One more incremental pass: its base recorded first, so a resumed rollback follows the
      // pass it asked for instead of asking again.
      if (back.againFrom === undefined) {
        back.againFrom = job.runs;
        delete back.verified;
        await context.save();
      }
      const base = back.againFrom;
      if (job.runs <= base && job.state !== 'queued' && job.state !== 'running') {
        await context.copy.resumeJob(job.id, await credentials(), call);
      }
      until = (j) => j.runs > base;
    } else if (job.state !== 'running' && job.state !== 'queued' && job.state !== 'completed') {
      await context.copy.resumeJob(job.id, await credentials(), call);
    }
    const done = await followJob(context, job.id, until, credentials);
    const report = await context.copy.getReport(job.id, call);
    back.totals = done.totals;
    back.byFolder = done.folders
      .filter((f) => f.messagesCopied > 0)
      .map((f) => ({
        from: f.source,
        to: f.destination,
        messages: f.messagesCopied,
        bytes: f.bytesDone,
      }));
    back.folders = report.verification.folders;
    // The source may hold more than the destination (mail it kept): only what is missing counts.
    const missing = report.verification.folders.filter((f) => f.missing > 0);
    back.verified = report.verification.folders.length > 0 && missing.length === 0;
    await context.save();
    if (!back.verified) {
      // No folder missing anything, yet not verified: the proxy's verification listed none.
      if (missing.length === 0) {
        throw rollbackError(ROLLBACK_MESSAGES.not_checked, keptParams(context, route));
      }
      throw rollbackError(ROLLBACK_MESSAGES.not_verified, {
        ...keptParams(context, route),
        folders: missing.map((f) => `${f.source} (${f.missing} missing)`).join('; '),
      });
    }
    return back;
  } catch (error) {
    if (context.signal?.aborted) throw error;
    if (isMigrationError(error) && error.code === 'rollback_failed') throw error;
    if (isCopyClientError(error) && PROXY_DOWN.includes(error.code)) {
      throw cannotCopyBack(context, route, 'proxy_down', '', error);
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw cannotCopyBack(context, route, 'failed', detail, error);
  }
}
