/**
 * The companion proxy's HTTP API v1: every request and response body, as zod schemas.
 * Imported by the proxy (to validate what it receives) and by the extension (to check what it
 * gets back). Change a shape here and both sides see it.
 */
import { z } from 'zod';
import { ERROR_CODES } from './error-codes.ts';

export const API_VERSION = 1;
export const API_PREFIX = '/v1';

export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** Every error the proxy returns, over HTTP or inside a job. */
export const ProxyErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Folder (source path) the error is about, when it is about one. */
  folder: z.string().optional(),
  /** Source UID of the message the error is about. */
  uid: z.number().int().optional(),
  /** The message's Message-ID, or subject, to help a person find it. */
  messageId: z.string().optional(),
  /** The server's own words, when it said something (never credentials). */
  serverText: z.string().optional(),
  at: z.string().optional(),
});
export type ProxyError = z.infer<typeof ProxyErrorSchema>;

export const ErrorResponseSchema = z.object({ error: ProxyErrorSchema });

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  name: z.literal('ovh-migrate-proxy'),
  version: z.string(),
  apiVersion: z.literal(API_VERSION),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/**
 * `implicit` = IMAPS (993), `starttls` = upgrade on 143. `none` (plain text) is refused unless
 * the proxy runs with --insecure-tls, which only tests use.
 */
export const TlsModeSchema = z.enum(['implicit', 'starttls', 'none']);

/*
 * Request bodies are strict objects: a field the contract does not name is refused (400, naming
 * it) rather than dropped, so a typo such as `dryrun` never runs a real copy. Response schemas
 * stay lenient (unknown fields are stripped), so a newer proxy may add fields.
 */

const endpointFields = {
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(993),
  tls: TlsModeSchema.default('implicit'),
  /** IMAP login: the full e-mail address on OVHcloud. */
  user: z.string().min(1).max(320),
};
const PasswordSchema = z.string().min(1).max(1024);

export const ImapEndpointSchema = z.strictObject({ ...endpointFields, password: PasswordSchema });
export type ImapEndpoint = z.infer<typeof ImapEndpointSchema>;

/** An endpoint as the proxy shows it back: never the password. */
export const EndpointViewSchema = z.object(endpointFields);
export type EndpointView = z.infer<typeof EndpointViewSchema>;

/** `destination` may be left out: a plan measures the source before the destination exists. */
export const CredentialsTestRequestSchema = z.strictObject({
  source: ImapEndpointSchema,
  destination: ImapEndpointSchema.optional(),
});
export type CredentialsTestRequest = z.infer<typeof CredentialsTestRequestSchema>;

export const MailboxSummarySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    folders: z.number().int(),
    messages: z.number().int(),
    bytes: z.number().int(),
    /** Largest message the server accepts (APPENDLIMIT), when it says. */
    appendLimit: z.number().int().optional(),
  }),
  z.object({ ok: z.literal(false), error: ProxyErrorSchema }),
]);
export type MailboxSummary = z.infer<typeof MailboxSummarySchema>;

/** `destination` is absent when the request had none. */
export const CredentialsTestResponseSchema = z.object({
  source: MailboxSummarySchema,
  destination: MailboxSummarySchema.optional(),
});
export type CredentialsTestResponse = z.infer<typeof CredentialsTestResponseSchema>;

const copyOptionFields = {
  /** Source folder paths (as the source names them, `/`-joined) to copy; all when absent. */
  includeFolders: z.array(z.string()).optional(),
  /** Source folder paths to leave out; a folder excludes its subfolders too. */
  excludeFolders: z.array(z.string()).optional(),
  /** Plan only: list what would be copied, change nothing on the destination. */
  dryRun: z.boolean().default(false),
};
export const CopyOptionsSchema = z.strictObject(copyOptionFields);
export type CopyOptions = z.infer<typeof CopyOptionsSchema>;
/** The options as a job view shows them. */
export const CopyOptionsViewSchema = z.object(copyOptionFields);

export const CreateJobRequestSchema = z.strictObject({
  source: ImapEndpointSchema,
  destination: ImapEndpointSchema,
  options: CopyOptionsSchema.default({ dryRun: false }),
});
export type CreateJobRequest = z.infer<typeof CreateJobRequestSchema>;

export const ResumeJobRequestSchema = z.strictObject({
  sourcePassword: PasswordSchema,
  destinationPassword: PasswordSchema,
});
export type ResumeJobRequest = z.infer<typeof ResumeJobRequestSchema>;

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

export const FolderProgressSchema = z.object({
  /** Source path, `/`-joined, decoded (UTF-8). */
  source: z.string(),
  /** Destination path, `/`-joined, decoded. */
  destination: z.string(),
  specialUse: z.string().optional(),
  state: FolderStateSchema,
  messagesTotal: z.number().int(),
  messagesDone: z.number().int(),
  /** Of `messagesDone`, how many were already on the destination (not copied again). */
  messagesSkipped: z.number().int(),
  messagesFailed: z.number().int(),
  bytesTotal: z.number().int(),
  bytesDone: z.number().int(),
});
export type FolderProgress = z.infer<typeof FolderProgressSchema>;

export const JobTotalsSchema = z.object({
  folders: z.number().int(),
  messagesTotal: z.number().int(),
  messagesDone: z.number().int(),
  messagesCopied: z.number().int(),
  messagesSkipped: z.number().int(),
  messagesFailed: z.number().int(),
  bytesTotal: z.number().int(),
  bytesDone: z.number().int(),
});
export type JobTotals = z.infer<typeof JobTotalsSchema>;

export const JobViewSchema = z.object({
  id: z.string(),
  state: JobStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  source: EndpointViewSchema,
  destination: EndpointViewSchema,
  options: CopyOptionsViewSchema,
  /** Set when the proxy needs the passwords again before it can resume. */
  needsCredentials: z.boolean(),
  /** How many times the job was (re)started. */
  runs: z.number().int(),
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

export const FolderVerificationSchema = z.object({
  source: z.string(),
  destination: z.string(),
  sourceMessages: z.number().int(),
  destinationMessages: z.number().int(),
  sourceBytes: z.number().int(),
  destinationBytes: z.number().int(),
  /** Source messages with no counterpart on the destination (by dedupe key). */
  missing: z.number().int(),
  match: z.boolean(),
});
export type FolderVerification = z.infer<typeof FolderVerificationSchema>;

export const JobReportSchema = z.object({
  job: JobViewSchema,
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  verification: z.object({
    verified: z.boolean(),
    folders: z.array(FolderVerificationSchema),
  }),
});
export type JobReport = z.infer<typeof JobReportSchema>;

/** Server-sent events on `GET /v1/jobs/:id/events`: `event: progress`, data = JobView JSON. */
export const JOB_EVENT_NAME = 'progress';
