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
  /** The job the error is about (`conflict`: the job that already owns the mailbox). */
  jobId: z.string().optional(),
  at: z.string().optional(),
  /** Wrong pairing codes still allowed before the request is cancelled (`pairing_wrong_code`). */
  attemptsLeft: z.number().int().optional(),
  /** Seconds before a new pairing request is taken (`pairing_cooldown`, the last wrong code). */
  retryAfterSeconds: z.number().int().optional(),
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

/** An instant on INTERNALDATE: `2024-01-31` (00:00 UTC that day) or an ISO 8601 date-time. */
const InstantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const copyOptionFields = {
  /** Source folder paths (as the source names them, `/`-joined) to copy; all when absent. */
  includeFolders: z.array(z.string()).optional(),
  /** Source folder paths to leave out; a folder excludes its subfolders too. */
  excludeFolders: z.array(z.string()).optional(),
  /** Only messages whose INTERNALDATE (arrival) is at or after this instant. */
  since: InstantSchema.optional(),
  /** Only messages whose INTERNALDATE is before this instant. */
  before: InstantSchema.optional(),
  /** Only messages of at most this many bytes (RFC822.SIZE); larger ones are left out. */
  maxMessageSize: z.number().int().min(1).optional(),
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
  /**
   * Any string the caller makes up once per intended job (a UUID): a request sent again with
   * the same key (a retried POST, a double click) gets the same job back instead of a second one.
   */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type CreateJobRequest = z.infer<typeof CreateJobRequestSchema>;

/**
 * A side of a resumed job. The password, and, when the account was renamed or moved since the
 * job was created, its new login, host, port or TLS mode: the proxy checks that they open the
 * same mailbox (same folders, same UIDVALIDITY) before it accepts them.
 */
export const ResumeEndpointSchema = z.strictObject({
  host: endpointFields.host.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  tls: TlsModeSchema.optional(),
  user: endpointFields.user.optional(),
  password: PasswordSchema.optional(),
});
export type ResumeEndpoint = z.infer<typeof ResumeEndpointSchema>;

export const ResumeJobRequestSchema = z
  .strictObject({
    sourcePassword: PasswordSchema.optional(),
    destinationPassword: PasswordSchema.optional(),
    source: ResumeEndpointSchema.optional(),
    destination: ResumeEndpointSchema.optional(),
  })
  .superRefine((request, context) => {
    for (const side of ['source', 'destination'] as const) {
      const flat = request[`${side}Password`];
      const nested = request[side]?.password;
      if (flat === undefined && nested === undefined) {
        context.addIssue({
          code: 'custom',
          path: [`${side}Password`],
          message: `a password is required (${side}Password or ${side}.password)`,
        });
      } else if (flat !== undefined && nested !== undefined && flat !== nested) {
        context.addIssue({
          code: 'custom',
          path: [`${side}.password`],
          message: `differs from ${side}Password: give it once`,
        });
      }
    }
  });
export type ResumeJobRequest = z.input<typeof ResumeJobRequestSchema>;
