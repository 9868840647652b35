import { z } from 'zod';
import { isOvhApiError, type OvhClient } from '../ovh-api/index.ts';

const IDS = z.array(z.string());

/**
 * Every object of a collection: the id list, then batch GETs (a handful of requests for 500
 * accounts). An object gone between the two reads is simply not there any more; any other
 * per-object error fails the listing rather than hiding an account.
 */
export async function listCollection<S extends z.ZodType>(
  client: OvhClient,
  collection: string,
  schema: S,
  request: { signal?: AbortSignal; query?: Record<string, string> },
): Promise<z.output<S>[]> {
  const ids = await client.get(collection, IDS, request);
  return getObjects(client, collection, ids, schema, request);
}

/** These objects of a collection, in batch GETs; one gone meanwhile is left out. */
export async function getObjects<S extends z.ZodType>(
  client: OvhClient,
  collection: string,
  ids: readonly string[],
  schema: S,
  request: { signal?: AbortSignal },
): Promise<z.output<S>[]> {
  if (ids.length === 0) return [];
  const found = await client.getBatch(collection, [...ids], schema, {
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const objects: z.output<S>[] = [];
  for (const value of found.values()) {
    if (isOvhApiError(value)) {
      if (value.code === 'not_found') continue;
      throw value;
    }
    objects.push(value as z.output<S>);
  }
  return objects;
}
