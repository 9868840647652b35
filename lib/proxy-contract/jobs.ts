/** A copy job as the proxy shows it: state, per-folder progress, totals, rate, errors. */
import { z } from 'zod';
import { CopyOptionsViewSchema, EndpointViewSchema, ProxyErrorSchema } from './messages.ts';

export const JOB_STATES = [
  /** Accepted, not started yet. */
  'queued',
  'running',
  /** Stopped on an error that needs a person (quota, password...) or by a proxy restart. */
  'paused',
  'cancelled',
  /** Finished: every message is on the destination and the verification matched. */
  'completed',
  /** Finished, but some messages could not be copied or the verification found a difference. */
  'completed_with_errors',
] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobStateSchema>;

/** A job in one of these states does nothing more until it is resumed (re-run). */
export const TERMINAL_JOB_STATES: ReadonlySet<JobState> = new Set<JobState>([
  'cancelled',
  'completed',
  'completed_with_errors',
]);

export const FolderStateSchema = z.enum(['pending', 'copying', 'done', 'failed']);

/**
 * Message counts of a folder or of the whole job. Fields added after the first release default
 * to 0, so what an older proxy sent (and the extension stored) still reads. They describe the job, not one run: a message
 * the job copied stays "copied" through a dropped connection, a pause, a proxy restart and a
 * re-run (they are counted from the checkpoint store).
 */
const countFields = {
  /** Source messages the job covers (its filters applied), known before copying starts. */
  messagesTotal: z.number().int(),
  /** Of `messagesTotal`, those with an outcome: copied + already present + failed (+ would copy). */
  messagesDone: z.number().int(),
  /** Copied to the destination by this job. */
  messagesCopied: z.number().int(),
  /** Found on the destination already (same dedupe key), so not copied again. */
  messagesAlreadyPresent: z.number().int().default(0),
  /** The old name of `messagesAlreadyPresent`, same value. @deprecated */
  messagesSkipped: z.number().int(),
  /** Dry run: what a real run would copy (a real run copies nothing it did not count here). */
  messagesWouldCopy: z.number().int().default(0),
  /** The destination refused them (each one listed in `failures` and the report). */
  messagesFailed: z.number().int(),
  /** Left out by the job's filters (`since`, `before`, `maxMessageSize`); not in the total. */
  messagesExcluded: z.number().int().default(0),
  /** Messages whose flags on the destination were set again to the source's (re-runs). */
  flagsUpdated: z.number().int().default(0),
  bytesTotal: z.number().int(),
  bytesDone: z.number().int(),
};

export const FolderProgressSchema = z.object({
  /** Source path, `/`-joined, decoded (UTF-8). */
  source: z.string(),
  /** Destination path, `/`-joined, decoded. */
  destination: z.string(),
  specialUse: z.string().optional(),
  state: FolderStateSchema,
  ...countFields,
});
export type FolderProgress = z.infer<typeof FolderProgressSchema>;

export const JobTotalsSchema = z.object({ folders: z.number().int(), ...countFields });
export type JobTotals = z.infer<typeof JobTotalsSchema>;

/** The latest run (creation, resume or re-run) of a job. */
export const JobRunSchema = z.object({
  /** 1 for the first run. */
  number: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** Copied during this run (a re-run copies only what arrived since). */
  messagesCopied: z.number().int(),
  /** Messages whose flags this run set again to the source's. */
  flagsUpdated: z.number().int().default(0),
});
export type JobRun = z.infer<typeof JobRunSchema>;

export const JobViewSchema = z.object({
  id: z.string(),
  state: JobStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  source: EndpointViewSchema,
  destination: EndpointViewSchema,
  options: CopyOptionsViewSchema,
  /** Set when the proxy needs the passwords again before it can resume (restart, refused login). */
  needsCredentials: z.boolean(),
  /** How many times the job was (re)started. */
  runs: z.number().int(),
  lastRun: JobRunSchema.optional(),
  folders: z.array(FolderProgressSchema),
  totals: JobTotalsSchema,
  /** Bytes per second over the last seconds of copying; 0 when idle. */
  bytesPerSecond: z.number(),
  messagesPerSecond: z.number(),
  /** Seconds left at the current rate; absent when unknown. */
  etaSeconds: z.number().optional(),
  /** Why the job is paused or failed. */
  error: ProxyErrorSchema.optional(),
  /** Messages that could not be copied (listed, never silently skipped). */
  failures: z.array(ProxyErrorSchema),
});
export type JobView = z.infer<typeof JobViewSchema>;

/** `GET /v1/jobs`: every job the proxy knows (wrapped, so fields can be added later). */
export const JobListResponseSchema = z.object({ jobs: z.array(JobViewSchema) });
export type JobListResponse = z.infer<typeof JobListResponseSchema>;

/** `DELETE /v1/jobs/:id`: the job and its checkpoints are gone. */
export const DeleteJobResponseSchema = z.object({ id: z.string(), deleted: z.literal(true) });
export type DeleteJobResponse = z.infer<typeof DeleteJobResponseSchema>;

/** Server-sent events on `GET /v1/jobs/:id/events`: `event: progress`, data = JobView JSON. */
export const JOB_EVENT_NAME = 'progress';
