import type { IncomingMessage } from 'node:http';
import type { ZodError, ZodType, z } from 'zod';
import type { ErrorCode } from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_ISSUES_SHOWN = 5;

/** A failure whose HTTP status is not the one its code implies (405, 413, 415). */
export class StatusFailure extends ProxyFailure {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, message);
    this.status = status;
    this.headers = headers;
  }
}

/**
 * Reads a JSON body (415, 413, 400 otherwise) and validates it against its contract schema. A
 * request without a body is validated as `undefined`, so a schema decides whether one is needed.
 */
export async function readJsonBody<S extends ZodType>(
  req: IncomingMessage,
  schema: S,
): Promise<z.output<S>> {
  const json = hasBody(req) ? await readJson(req) : undefined;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProxyFailure(
      'bad_request',
      `Invalid request: ${summarizeIssues(parsed.error.issues)}.`,
    );
  }
  return parsed.data;
}

/**
 * Validates the query string against the route's schema; a route without one takes no
 * parameters. A parameter given twice is refused rather than guessed at.
 */
export function readQuery(search: URLSearchParams, schema: ZodType | undefined): unknown {
  const values: Record<string, string> = {};
  for (const [name, value] of search) {
    if (Object.hasOwn(values, name)) {
      throw new ProxyFailure('bad_request', `Invalid query: ${name} is given more than once.`);
    }
    values[name] = value;
  }
  if (!schema) {
    const names = Object.keys(values);
    if (names.length === 0) return undefined;
    throw new ProxyFailure(
      'bad_request',
      `Invalid query: ${names.map((name) => `${name}: unknown parameter`).join('; ')}.`,
    );
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const text = summarizeIssues(parsed.error.issues).replaceAll(
      'unknown field',
      'unknown parameter',
    );
    throw new ProxyFailure('bad_request', `Invalid query: ${text}.`);
  }
  return parsed.data;
}

function hasBody(req: IncomingMessage): boolean {
  return (
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
  );
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new StatusFailure(
      415,
      'bad_request',
      'Send the body as JSON (Content-Type: application/json).',
    );
  }
  const text = await readBodyText(req);
  try {
    return JSON.parse(text);
  } catch {
    // V8's SyntaxError quotes the input, which may hold a password: say nothing more.
    throw new ProxyFailure('bad_request', 'The body is not valid JSON.');
  }
}

/**
 * Collects the body up to `MAX_BODY_BYTES`. Past that it stops listening rather than destroying
 * the request (which would take the socket and the 413 with it); `Connection: close` then ends
 * the upload.
 */
function readBodyText(req: IncomingMessage): Promise<string> {
  const tooLarge = () =>
    new StatusFailure(413, 'bad_request', `The body is larger than ${MAX_BODY_BYTES} bytes.`, {
      Connection: 'close',
    });
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(tooLarge());
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = () => {
      stop();
      reject(new ProxyFailure('bad_request', 'The request body was cut off.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

type Issue = ZodError['issues'][number];

/**
 * `source.port: expected number; destination.password: must not be empty`. Built from the issue
 * codes alone: zod messages are not guaranteed to leave the input (a password) out.
 */
export function summarizeIssues(issues: readonly Issue[]): string {
  const parts = issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // One part per unknown field, named by its full path: `options.dryrun: unknown field`.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${[...at, key].join('.')}: unknown field`);
    }
    return [`${at.length > 0 ? at.join('.') : 'body'}: ${describeIssue(issue)}`];
  });
  const shown = parts.slice(0, MAX_ISSUES_SHOWN);
  if (parts.length > MAX_ISSUES_SHOWN) shown.push(`${parts.length - MAX_ISSUES_SHOWN} more`);
  return shown.join('; ');
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return Number(issue.minimum) === 1 && issue.origin === 'string'
        ? 'must not be empty'
        : `too small (minimum ${issue.minimum})`;
    case 'too_big':
      return `too large (maximum ${issue.maximum})`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return `not a valid ${issue.format}`;
    case 'invalid_union':
      return 'matches none of the accepted shapes';
    case 'custom':
      // Our own refinements' words (lib/proxy-contract): they never quote the input.
      return issue.message;
    default:
      return 'invalid';
  }
}
