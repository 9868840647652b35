/**
 * PUT bodies carry only writable fields: OvhCloud's PUTs take the whole model, and sending back a
 * read-only field read by a GET is at best ignored. Use with a family's `writableFields`:
 * `pickFields(account, pro.writableFields.Account)`.
 */
export function pickFields<T extends object, K extends keyof T>(
  source: T,
  fields: readonly K[],
): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const field of fields) {
    if (field in source) picked[field] = source[field];
  }
  return picked;
}
