import type { z } from 'zod';

/**
 * A zod error in one line, for an `Outcome`'s message: each issue's path and zod's sentence.
 * zod's own sentences name the expected type or size, never the value; `onMessages` still
 * redacts any password or token of the request from the text (lib/messaging.ts).
 */
export function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
