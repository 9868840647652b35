/** Reading a successful answer: JSON, then the caller's schema. Failures name the call, not zod. */
import type { z } from 'zod';
import { OvhApiError } from './errors.ts';

export interface CallContext {
  method: string;
  path: string;
  queryId?: string;
}

/** An empty body (a `void` answer) reads as `null`. */
export function parseJsonText(text: string, context: CallContext): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalidResponse(context, 'the body is not JSON', cause);
  }
}

/** The parsed value, or the `invalid_response` error to report for it. */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: CallContext,
): z.output<S> | OvhApiError {
  const result = schema.safeParse(value);
  return result.success
    ? result.data
    : invalidResponse(context, summarize(result.error), result.error);
}

export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: CallContext,
): z.output<S> {
  const result = check(schema, value, context);
  if (result instanceof OvhApiError) throw result;
  return result;
}

export function invalidResponse(context: CallContext, detail: string, cause?: unknown) {
  return new OvhApiError({
    code: 'invalid_response',
    message: `Unexpected answer to ${context.method} ${context.path}: ${detail}.`,
    method: context.method,
    path: context.path,
    queryId: context.queryId,
    cause,
  });
}

/** The first few issues as `field.path: message`, enough to see which field changed upstream. */
function summarize(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (and ${more} more)` : shown.join('; ');
}
