/**
 * Batch GET: `GET <collection>/<id1>,<id2>` with header `X-Ovh-Batch: ,` returns many objects in
 * one request, which the control panel uses to list accounts. The answer format,
 * `[{key, value, error}]`, is inferred from the panel's code: it is parsed here and nowhere else.
 */
import { z } from 'zod';
import { OvhApiError } from './errors.ts';
import { codeForBatchEntry } from './http-errors.ts';
import { type CallContext, check, invalidResponse } from './response.ts';

export const BATCH_HEADERS = { 'X-Ovh-Batch': ',' } as const;

/** Proxies and servers commonly refuse URLs past 4-8 KB; stay under the low end. */
export const MAX_BATCH_URL_LENGTH = 4000;

/** Ids per batch request: what the control panel itself sends at most. */
export const MAX_BATCH_IDS = 50;

const BatchAnswerSchema = z.array(
  z.object({
    key: z.union([z.string(), z.number()]).transform(String),
    value: z.unknown(),
    error: z.string().nullable().default(null),
  }),
);

/**
 * Ids grouped by at most `MAX_BATCH_IDS`, so that `prefixLength` plus the comma-joined encoded
 * ids stays under the URL limit.
 */
export function batchChunks<Id extends string | number>(
  ids: readonly Id[],
  prefixLength: number,
  maxUrlLength = MAX_BATCH_URL_LENGTH,
  maxIds = MAX_BATCH_IDS,
): Id[][] {
  const chunks: Id[][] = [];
  let chunk: Id[] = [];
  let length = prefixLength;
  for (const id of new Set(ids)) {
    const encoded = encodeURIComponent(String(id)).length;
    if (chunk.length > 0 && (length + 1 + encoded > maxUrlLength || chunk.length >= maxIds)) {
      chunks.push(chunk);
      chunk = [];
      length = prefixLength;
    }
    length += (chunk.length > 0 ? 1 : 0) + encoded;
    chunk.push(id);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export function batchPath(collectionPath: string, ids: readonly (string | number)[]): string {
  return `${collectionPath}/${ids.map((id) => encodeURIComponent(String(id))).join(',')}`;
}

/**
 * Maps every requested id to its object or to the error the API gave for it. An id missing from
 * the answer, or whose value does not match the schema, gets an `invalid_response` error.
 */
export function parseBatchAnswer<S extends z.ZodType, Id extends string | number>(
  answer: unknown,
  ids: readonly Id[],
  schema: S,
  context: CallContext & { collectionPath: string },
): Map<Id, z.output<S> | OvhApiError> {
  const parsed = BatchAnswerSchema.safeParse(answer);
  if (!parsed.success) throw invalidResponse(context, 'not a batch answer', parsed.error);
  const entries = new Map(parsed.data.map((entry) => [entry.key, entry]));
  const result = new Map<Id, z.output<S> | OvhApiError>();
  for (const id of ids) {
    const key = String(id);
    const entryContext = { ...context, path: batchPath(context.collectionPath, [id]) };
    const entry = entries.get(key) ?? entries.get(encodeURIComponent(key));
    if (!entry) {
      result.set(id, invalidResponse(entryContext, 'this id is missing from the batch answer'));
    } else if (entry.error !== null) {
      result.set(
        id,
        new OvhApiError({
          code: codeForBatchEntry(entry.error),
          message: entry.error,
          method: context.method,
          path: entryContext.path,
          queryId: context.queryId,
        }),
      );
    } else {
      result.set(id, check(schema, entry.value, entryContext));
    }
  }
  return result;
}
